// Golden fixtures (test/fixtures/http1/*.md): the event log of each case must match, and must not
// depend on how each frame's bytes are cut into chunks (DESIGN §2). UPDATE_GOLDEN=1 rewrites logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFixtures, run, writeLogs } from './fixture-format.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/http1');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort();
const update = process.env.UPDATE_GOLDEN === '1';

for (const file of files) {
  const path = join(dir, file);
  const cases = readFixtures(path);
  const logs = new Map<string, string>();
  for (const c of cases) {
    test(`${file} ${c.name}: golden log`, () => {
      const { log } = run(c.frames, c.options);
      if (update) logs.set(c.name, log);
      else assert.equal(log, c.log);
    });
    test(`${file} ${c.name}: same log for every split of every frame`, () => {
      const whole = run(c.frames, c.options).log;
      c.frames.forEach((f, i) => {
        for (let p = 1; p < f.data.length; p++) {
          const split = run(c.frames, c.options, (j) => (j === i ? [p] : []));
          if (split.log !== whole) assert.equal(split.log, whole, `frame #${f.frame} split at ${p}`);
        }
      });
      const bytewise = run(c.frames, c.options, (_j, n) => Array.from({ length: n }, (_, k) => k));
      assert.equal(bytewise.log, whole, 'one byte at a time');
    });
  }
  if (update) test.after(() => writeLogs(path, logs));
}
