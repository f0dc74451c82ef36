import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameLog, FramePool } from '../../core/tcp/frame-log.ts';
import { TcpTracker } from '../../core/tcp/index.ts';
import { F, handshake, packet } from './packets.ts';

test('frame logs sharing one pool keep their own frames, in order, across blocks and pool growth', () => {
  const pool = new FramePool();
  const logs = [new FrameLog(pool), new FrameLog(pool), new FrameLog(pool)];
  const expected: number[][] = [[], [], []];
  // Interleaved so that blocks of the three logs alternate in the pool; 3000 frames grow it
  // several times (it starts with room for 8 blocks of 7 frames).
  for (let f = 1; f <= 3000; f++) {
    const which = f % 7 === 0 ? 2 : f % 2;
    logs[which]!.push(f);
    expected[which]!.push(f);
  }
  logs.forEach((log, i) => {
    assert.equal(log.length, expected[i]!.length);
    assert.deepEqual(log.array(), expected[i]);
  });
  assert.deepEqual(new FrameLog(pool).array(), []);
});

test('array() is one array, brought up to date at every block boundary', () => {
  const pool = new FramePool();
  const log = new FrameLog(pool);
  const first = log.array();
  const want: number[] = [];
  for (let f = 1; f <= 40; f++) {
    log.push(f * 10);
    want.push(f * 10);
    // Reading after 1..40 frames covers reads at, before and after each 7-frame block edge.
    const got = log.array();
    assert.equal(got, first);
    assert.deepEqual(got, want);
  }
});

test('Connection.frames read while packets still arrive, then at the end', () => {
  const seen: number[][] = [];
  const tracker = new TcpTracker({
    segment: (info) => {
      if (info.frame === 2) seen.push([...info.connection.frames]);
    },
  });
  const segs = [...handshake(100, 500)];
  for (let i = 0; i < 20; i++) segs.push({ dir: 0, seq: 101 + i, ack: 501, flags: F.ACK, data: 'x' });
  segs.forEach((s, i) => {
    const p = packet(i + 1, s);
    tracker.push(p.packet, p.data);
  });
  tracker.finish();
  const conn = tracker.connections[0]!;
  assert.deepEqual(seen, [[1, 2]]);
  assert.deepEqual(
    conn.frames,
    segs.map((_, i) => i + 1),
  );
  assert.equal(conn.frames, conn.frames, 'the same array on every read');
  assert.equal(JSON.parse(JSON.stringify(conn)).frames.length, 23, 'frames appear in JSON');
});
