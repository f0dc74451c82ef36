// Floods must finish quickly with bounded memory (DESIGN §2: limits are options, enforced during work).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketParser } from '../../../core/dissect/websocket/index.ts';
import { hex, wsFrame, MASK } from './helpers.ts';

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

test('fragment flood: 1,000,000 empty fragments finish < 1 s with bounded memory', () => {
  const n = 1_000_000;
  const stream = new Uint8Array(2 * n + 3);
  stream.set(hex('010141'));
  for (let i = 0; i < n; i++) stream[3 + 2 * i] = i === n - 1 ? 0x80 : 0x00;
  const before = memory();
  const t0 = performance.now();
  const p = new WebSocketParser({}, {});
  // Fed in 1400-byte segments, as TCP would deliver it.
  for (let off = 0; off < stream.length; off += 1400)
    p.push(1, { data: stream.subarray(off, off + 1400), frame: 1 + off / 1400, offset: off });
  p.finish();
  const elapsed = performance.now() - t0;
  const grown = memory() - before;
  assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
  assert.ok(grown < 128 * 1024 * 1024, `memory grew by ${(grown / 1048576).toFixed(1)} MiB`);
  assert.deepEqual(
    p.diagnostics.map((d) => d.id),
    ['ws.message.too_many_fragments', 'ws.limit.frames'],
  );
  assert.equal(p.messages.length, 1);
  assert.equal(p.messages[0]!.frames.length, 10000);
  assert.equal(p.messages[0]!.text, 'A');
  assert.equal(p.frames.length, 200_000);
});

test('control frame flood: 300,000 masked pings finish < 1 s', () => {
  const ping = wsFrame({ opcode: 9, payload: 'x', mask: MASK });
  const n = 300_000;
  const stream = new Uint8Array(ping.length * n);
  for (let i = 0; i < n; i++) stream.set(ping, i * ping.length);
  const t0 = performance.now();
  const p = new WebSocketParser({}, {});
  p.push(0, { data: stream, frame: 1, offset: 0 });
  p.finish();
  const elapsed = performance.now() - t0;
  assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
  assert.equal(p.messages.length, 200_000);
  assert.deepEqual(
    p.diagnostics.map((d) => d.id),
    ['ws.limit.frames', 'ws.limit.messages'],
  );
});

test('a huge announced frame is skipped without buffering (no 2^40-byte allocation)', () => {
  const p = new WebSocketParser({}, {});
  p.push(1, { data: hex('827f0000010000000000 00112233'), frame: 1, offset: 0 });
  for (let i = 0; i < 100; i++)
    p.push(1, { data: new Uint8Array(65536), frame: 2 + i, offset: 14 + i * 65536 });
  p.finish();
  assert.deepEqual(
    p.diagnostics.map((d) => d.id),
    ['ws.truncated'],
  );
  assert.equal(p.messages[0]!.incomplete, true);
  assert.equal(p.frames[0]!.length, 2 ** 40);
  assert.equal(p.frames[0]!.truncated, true);
});
