// Expected values below were produced by tshark 4.0.17 (-T fields -e tcp.seq -e tcp.ack
// -e _ws.expert.message -e tcp.analysis.acks_frame) on pcaps holding exactly these segments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../core/tcp/types.ts';
import { ANALYSIS_DIAGNOSTICS } from '../../core/tcp/index.ts';
import { F, run } from './packets.ts';
import type { Seg } from './packets.ts';

const A = F.ACK;
const ci = 1000;
const si = 5000;
const hs: Seg[] = [
  { t: 0, dir: 0, seq: ci, flags: F.SYN },
  { t: 0.01, dir: 1, seq: si, ack: ci + 1, flags: F.SYN | A },
  { t: 0.02, dir: 0, seq: ci + 1, ack: si + 1, flags: A },
];
const d = (n: number) => 'x'.repeat(n);
const names = (bits: number) =>
  Object.entries(Analysis)
    .filter(([, b]) => bits & b)
    .map(([n]) => n)
    .join(',');

function flagsByFrame(segs: Seg[]): Record<number, string> {
  const out: Record<number, string> = {};
  for (const s of run(segs).segments) if (s.analysis) out[s.frame] = names(s.analysis);
  return out;
}

test('spurious retransmission takes precedence over out-of-order (tshark 4.0)', () => {
  const segs: Seg[] = [
    ...hs,
    { t: 1.0, dir: 0, seq: ci + 1, ack: si + 1, flags: A | F.PSH, data: d(100) },
    { t: 1.0001, dir: 0, seq: ci + 101, ack: si + 1, flags: A | F.PSH, data: d(100) },
    { t: 1.0002, dir: 1, seq: si + 1, ack: ci + 201, flags: A },
    { t: 1.0003, dir: 0, seq: ci + 1, ack: si + 1, flags: A | F.PSH, data: d(100) },
  ];
  assert.deepEqual(flagsByFrame(segs), { 7: 'SPURIOUS_RETRANSMISSION' });
});

test('duplicate ACKs, fast retransmission, zero window, keep-alive, window update', () => {
  const segs: Seg[] = [
    ...hs,
    { t: 1.0, dir: 0, seq: ci + 1, ack: si + 1, flags: A | F.PSH, data: d(100) },
    { t: 1.1, dir: 1, seq: si + 1, ack: ci + 101, flags: A },
    { t: 1.5, dir: 0, seq: ci + 1, ack: si + 1, flags: A | F.PSH, data: d(100) },
    { t: 2.0, dir: 0, seq: ci + 101, ack: si + 1, flags: A, data: d(100) },
    { t: 2.0001, dir: 0, seq: ci + 201, ack: si + 1, flags: A, data: d(100) },
    { t: 2.0002, dir: 1, seq: si + 1, ack: ci + 101, flags: A },
    { t: 2.0003, dir: 1, seq: si + 1, ack: ci + 101, flags: A },
    { t: 2.0004, dir: 1, seq: si + 1, ack: ci + 101, flags: A },
    { t: 2.0005, dir: 0, seq: ci + 101, ack: si + 1, flags: A, data: d(100) },
    { t: 3.0, dir: 0, seq: ci + 301, ack: si + 1, flags: A, window: 0 },
    { t: 3.1, dir: 0, seq: ci + 300, ack: si + 1, flags: A },
    { t: 3.2, dir: 1, seq: si + 1, ack: ci + 301, flags: A },
    { t: 4, dir: 1, seq: si + 1, ack: ci + 301, flags: A, window: 2000 },
  ];
  const r = run(segs);
  const flags: Record<number, string> = {};
  for (const s of r.segments) if (s.analysis) flags[s.frame] = names(s.analysis);
  assert.deepEqual(flags, {
    6: 'SPURIOUS_RETRANSMISSION',
    9: 'DUPLICATE_ACK',
    10: 'DUPLICATE_ACK',
    11: 'DUPLICATE_ACK',
    12: 'FAST_RETRANSMISSION',
    13: 'ZERO_WINDOW',
    14: 'KEEP_ALIVE',
    16: 'WINDOW_UPDATE',
  });
  assert.deepEqual(
    r.segments.filter((s) => s.dupAckCount).map((s) => [s.frame, s.dupAckCount, s.dupAckOf]),
    [
      [9, 1, 5],
      [10, 2, 5],
      [11, 3, 5],
    ],
  );
  const c = r.connections[0]!;
  assert.deepEqual(c.retransmissions, [6, 12]); // as tshark's tcp.analysis.retransmission
  assert.deepEqual(c.fastRetransmissions, [12]);
  assert.deepEqual(c.spuriousRetransmissions, [6]);
  assert.deepEqual(c.duplicateAcks, [9, 10, 11]);
  assert.deepEqual(c.zeroWindows, [13]);
  assert.equal(r.segments[11]!.retransmissionOf, 7);
  const diags = c.diagnostics.map((x) => `${x.id}@${x.frame}`);
  assert.ok(diags.includes('tcp.analysis.fast_retransmission@12'));
  assert.ok(diags.includes('tcp.analysis.duplicate_ack@10'));
  assert.equal(c.diagnostics.find((x) => x.id === 'tcp.analysis.fast_retransmission')?.severity, 'warn');
});

test('zero window probe (+ack), window full, keep-alive ack, lost segment, ACKed unseen, out-of-order', () => {
  const segs: Seg[] = [
    ...hs,
    { t: 1.0, dir: 0, seq: ci + 1, ack: si + 1, flags: A, data: d(100) }, // 4
    { t: 1.1, dir: 1, seq: si + 1, ack: ci + 101, flags: A, window: 0 }, // 5
    { t: 1.2, dir: 0, seq: ci + 101, ack: si + 1, flags: A, data: d(1) }, // 6
    { t: 1.3, dir: 1, seq: si + 1, ack: ci + 101, flags: A, window: 0 }, // 7
    { t: 1.4, dir: 1, seq: si + 1, ack: ci + 101, flags: A, window: 300 }, // 8
    { t: 1.5, dir: 0, seq: ci + 101, ack: si + 1, flags: A, data: d(300) }, // 9
    { t: 1.6, dir: 1, seq: si + 1, ack: ci + 401, flags: A }, // 10
    { t: 2.0, dir: 0, seq: ci + 400, ack: si + 1, flags: A }, // 11
    { t: 2.1, dir: 1, seq: si + 1, ack: ci + 401, flags: A }, // 12
    { t: 3.0, dir: 0, seq: ci + 501, ack: si + 1, flags: A, data: d(100) }, // 13
    { t: 3.1, dir: 1, seq: si + 1, ack: ci + 601, flags: A }, // 14
    { t: 3.1005, dir: 0, seq: ci + 401, ack: si + 1, flags: A, data: d(100) }, // 15
    { t: 4.0, dir: 0, seq: ci + 601, ack: si + 1, flags: A, data: d(100) }, // 16
    { t: 4.001, dir: 0, seq: ci + 701, ack: si + 1, flags: A, data: d(100) }, // 17
    { t: 4.002, dir: 0, seq: ci + 651, ack: si + 1, flags: A, data: d(50) }, // 18
    { t: 5.0, dir: 0, seq: ci + 701, ack: si + 1, flags: A, data: d(100) }, // 19
    { t: 5.1, dir: 1, seq: si + 1, ack: ci + 901, flags: A }, // 20
    { t: 5.2, dir: 1, seq: si + 1, ack: ci + 1001, flags: A }, // 21
  ];
  const r = run(segs);
  const flags: Record<number, string> = {};
  for (const s of r.segments) if (s.analysis) flags[s.frame] = names(s.analysis);
  assert.deepEqual(flags, {
    5: 'ZERO_WINDOW',
    6: 'ZERO_WINDOW_PROBE',
    7: 'ZERO_WINDOW,ZERO_WINDOW_PROBE_ACK',
    8: 'WINDOW_UPDATE',
    9: 'WINDOW_FULL',
    11: 'KEEP_ALIVE',
    12: 'KEEP_ALIVE_ACK',
    13: 'LOST_SEGMENT',
    14: 'ACKED_UNSEEN',
    15: 'SPURIOUS_RETRANSMISSION',
    18: 'OUT_OF_ORDER',
    19: 'RETRANSMISSION',
    20: 'ACKED_UNSEEN',
  });
  const acks = r.segments.filter((s) => s.ackedFrame !== undefined).map((s) => [s.frame, s.ackedFrame]);
  assert.deepEqual(acks, [
    [2, 1],
    [3, 2],
    [5, 4],
    [10, 9],
    [14, 13],
  ]);
  assert.ok(Math.abs(r.segments[1]!.ackRtt! - 0.01) < 1e-9);
  assert.ok(Math.abs(r.connections[0]!.initialRtt! - 0.02) < 1e-9);
  // Every analysis bit raised here has its diagnostic on the connection, at its frame.
  const diags = r.connections[0]!.diagnostics.map((x) => `${x.id}@${x.frame}`);
  for (const want of [
    'tcp.analysis.zero_window@5',
    'tcp.analysis.zero_window_probe@6',
    'tcp.analysis.zero_window_probe_ack@7',
    'tcp.analysis.window_update@8',
    'tcp.analysis.window_full@9',
    'tcp.analysis.keep_alive@11',
    'tcp.analysis.keep_alive_ack@12',
    'tcp.analysis.lost_segment@13',
    'tcp.analysis.ack_unseen@14',
    'tcp.analysis.spurious_retransmission@15',
    'tcp.analysis.out_of_order@18',
    'tcp.analysis.retransmission@19',
  ]) {
    assert.ok(diags.includes(want), want);
  }
});

test('every analysis bit has a diagnostic id', () => {
  const bits = ANALYSIS_DIAGNOSTICS.map(([b]) => b).reduce((a, b) => a | b, 0);
  const all = Object.values(Analysis).reduce((a, b) => a | b, 0);
  assert.equal(bits, all);
  assert.equal(new Set(ANALYSIS_DIAGNOSTICS.map(([, id]) => id)).size, ANALYSIS_DIAGNOSTICS.length);
  // The first pure ACK after the SYN-ACK repeats its ack, window and sequence: tshark counts it
  // as a duplicate ACK too.
  const dupDiag = run([
    ...hs,
    { dir: 1, seq: si + 1, ack: ci + 1, flags: A },
  ]).connections[0]!.diagnostics.find((x) => x.id === 'tcp.analysis.duplicate_ack');
  assert.equal(dupDiag?.frame, 4);
  assert.equal(dupDiag?.severity, 'note');
});

test('ACKed unseen is reported once per advance of the peer (tshark 4.0.17 behaviour)', () => {
  const base: Seg[] = [
    ...hs,
    { t: 1.0, dir: 0, seq: ci + 1, ack: si + 1, flags: A, data: d(100) },
    { t: 1.1, dir: 1, seq: si + 1, ack: ci + 201, flags: A },
    { t: 1.2, dir: 1, seq: si + 1, ack: ci + 301, flags: A },
  ];
  const unseen = (extra: Seg[]) =>
    run([...base, ...extra])
      .segments.filter((s) => s.analysis & Analysis.ACKED_UNSEEN)
      .map((s) => s.frame);
  // The peer's next segment skips ahead (lost segment): reported again.
  assert.deepEqual(
    unseen([
      { t: 1.3, dir: 0, seq: ci + 301, ack: si + 1, flags: A, data: d(100) },
      { t: 1.4, dir: 1, seq: si + 1, ack: ci + 501, flags: A },
      { t: 1.5, dir: 1, seq: si + 1, ack: ci + 601, flags: A },
    ]),
    [5, 8],
  );
  // In-order data from the peer: still the same loss, not reported again.
  assert.deepEqual(
    unseen([
      { t: 1.3, dir: 0, seq: ci + 101, ack: si + 1, flags: A, data: d(50) },
      { t: 1.4, dir: 1, seq: si + 1, ack: ci + 401, flags: A },
    ]),
    [5],
  );
  // The peer's own ACK moved: reported again.
  assert.deepEqual(
    unseen([
      { t: 1.3, dir: 0, seq: ci + 101, ack: si + 2, flags: A },
      { t: 1.4, dir: 1, seq: si + 1, ack: ci + 401, flags: A },
    ]),
    [5, 7, 8],
  );
});

test('relative numbers: SYN-based, missing SYN (seq - 1), raw ack without the ACK flag', () => {
  const r = run([...hs, { dir: 1, seq: si + 1, ack: 77, flags: F.RST }]);
  assert.deepEqual(
    r.segments.map((s) => [s.relSeq, s.relAck, s.relNextSeq]),
    [
      [0, 0, 1],
      [0, 1, 1],
      [1, 1, 1],
      [1, 77, 1],
    ],
  );
  // Capture starts mid-connection: the first byte seen is 1, and the peer's base is ack - 1.
  const mid = run([
    { dir: 1, seq: 70000, ack: 900, flags: A, data: 'abc' },
    { dir: 0, seq: 900, ack: 70003, flags: A },
  ]);
  assert.deepEqual(
    mid.segments.map((s) => [s.relSeq, s.relAck]),
    [
      [1, 1],
      [1, 4],
    ],
  );
});

test('window scaling applies only when both SYNs carried the option', () => {
  const both = run([
    { dir: 0, seq: 1, flags: F.SYN, ws: 7, window: 100 },
    { dir: 1, seq: 9, ack: 2, flags: F.SYN | A, ws: 2, window: 100 },
    { dir: 0, seq: 2, ack: 10, flags: A, window: 100 },
    { dir: 1, seq: 10, ack: 2, flags: A, window: 100 },
  ]);
  assert.deepEqual(
    both.segments.map((s) => s.windowSize),
    [100, 100, 12800, 400],
  );
  assert.deepEqual(both.connections[0]!.windowScale, [7, 2]);
  const one = run([
    { dir: 0, seq: 1, flags: F.SYN, ws: 7 },
    { dir: 1, seq: 9, ack: 2, flags: F.SYN | A },
    { dir: 0, seq: 2, ack: 10, flags: A, window: 100 },
  ]);
  assert.equal(one.segments[2]!.windowSize, 100);
  const unseen = run([{ dir: 0, seq: 2, ack: 10, flags: A, window: 100 }]);
  assert.equal(unseen.segments[0]!.windowSize, 100);
});
