import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameLog, FramePool, frameSpan } from '../../core/tcp/frame-log.ts';
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

test('frameSpan gives count, first and last without building frames, across blocks', () => {
  const tracker = new TcpTracker({});
  const segs = [...handshake(100, 500)];
  for (let i = 0; i < 20; i++) segs.push({ dir: 0, seq: 101 + i, ack: 501, flags: F.ACK, data: 'x' });
  const spans: Array<ReturnType<typeof frameSpan>> = [];
  segs.forEach((s, i) => {
    const p = packet(i + 1, s);
    tracker.push(p.packet, p.data);
    // After 1..23 frames: every position inside and at the edge of a 7-frame block.
    spans.push(frameSpan(tracker.connections[0]!));
  });
  spans.forEach((span, i) => assert.deepEqual(span, { count: i + 1, first: 1, last: i + 1 }));
  // Any object with a frames list works too (dissections and connections built by hand).
  assert.deepEqual(frameSpan({ frames: [4, 9, 12] }), { count: 3, first: 4, last: 12 });
  assert.equal(frameSpan({ frames: [] }), null);
  assert.equal(frameSpan(Object.assign({}, { frames: [] as number[] })), null);
});

test('push() returns the packet connection, null for a packet without TCP', () => {
  const tracker = new TcpTracker({});
  const returned = [...handshake(100, 500)].map((s, i) => {
    const p = packet(i + 1, s);
    return tracker.push(p.packet, p.data);
  });
  assert.equal(tracker.connections.length, 1);
  for (const c of returned) assert.equal(c, tracker.connections[0]);
  const p = packet(9, handshake(7, 8)[0]!);
  assert.equal(tracker.push({ ...p.packet, tcp: null }, p.data), null);
});
