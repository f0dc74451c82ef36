// Mutated corpus streams: the parser never throws, and its output still does not depend on chunking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureNames, loadFixture, replay, snapshot, type Fixture } from './helpers.ts';

function mutate(fx: Fixture, seed: number): Fixture {
  let s = seed;
  const rand = (n: number) => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const chunks = fx.chunks.map((c) => ({ ...c, data: c.data.slice() }));
  for (let k = 0; k < 1 + rand(4); k++) {
    const c = chunks[rand(chunks.length)]!;
    if (c.data.length === 0) continue;
    const i = rand(c.data.length);
    const kind = rand(3);
    if (kind === 0) c.data[i] = rand(256);
    else if (kind === 1) c.data[i]! ^= 1 << rand(8);
    else c.data[i] = [0x00, 0x7e, 0x7f, 0xff, 0x80][rand(5)]!;
  }
  return { ...fx, chunks };
}

test('mutated fixtures: no throw, chunk-invariant output', () => {
  let runs = 0;
  for (const name of fixtureNames) {
    const fx = loadFixture(name);
    for (let seed = 1; seed <= 12; seed++) {
      const m = mutate(fx, seed * 7919 + name.length);
      const base = snapshot(replay(m));
      for (const dir of [0, 1] as const) {
        const total = m.chunks.filter((c) => c.dir === dir).reduce((n, c) => n + c.data.length, 0);
        for (const pos of [1, 2, 3, Math.floor(total / 3), Math.floor(total / 2), total - 1]) {
          if (pos <= 0 || pos >= total) continue;
          assert.deepEqual(
            snapshot(replay(m, [dir, pos])),
            base,
            `${name} seed ${seed} dir ${dir} at ${pos}`,
          );
          runs++;
        }
      }
    }
  }
  assert.ok(runs > 500);
});
