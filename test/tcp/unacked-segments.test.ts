// Unacked-segment bookkeeping under load: more segments in flight than the list's first storage
// holds (growth), ACKs that cover part of a segment, repeat an ACK, land exactly on a segment's
// end in the middle of the list, and retransmissions that must name the oldest segment carrying
// their bytes. Expected values were produced by the previous (object-per-segment) implementation,
// whose results match tshark on the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../core/tcp/types.ts';
import { F, handshake, run } from './packets.ts';
import type { Seg } from './packets.ts';

const A = F.ACK;
const ci = 1000;
const si = 5000;

test('many segments in flight: acked frames, RTTs, retransmission origins', () => {
  const segs: Seg[] = handshake(ci, si).map((s, i) => ({ ...s, t: i * 0.001 }));
  let t = 1;
  const data = (k: number, len = 10): Seg => ({
    t: (t += 0.0001),
    dir: 0,
    seq: ci + 1 + k,
    ack: si + 1,
    flags: A,
    data: 'y'.repeat(len),
  });
  const ack = (n: number): Seg => ({ t: (t += 0.0001), dir: 1, seq: si + 1, ack: ci + 1 + n, flags: A });
  for (let k = 0; k < 200; k += 10) segs.push(data(k)); // frames 4..23, 20 segments in flight
  segs.push(ack(25)); // 24: inside frame 6's bytes
  segs.push(ack(25)); // 25: the same ACK again
  segs.push({ ...data(30), t: (t += 0.5) }); // 26: frame 7 again
  segs.push(ack(100)); // 27: exactly the end of frame 13
  for (let k = 200; k < 250; k += 10) segs.push(data(k)); // 28..32
  segs.push({ ...data(120, 30), t: (t += 0.5) }); // 33: frames 16-18 again
  segs.push(ack(250)); // 34: everything
  segs.push(data(260)); // 35: a hole before it
  segs.push(data(250)); // 36: the hole, filled late (listed after 35)
  segs.push(ack(260)); // 37: ends exactly at 36, the newest entry: 35 must slide into its place
  segs.push(ack(270)); // 38: ends exactly at 35
  segs.push({ ...data(0), t: (t += 0.5) }); // 39: long-acknowledged bytes again
  const r = run(segs);
  const got = r.segments
    .filter((s) => s.analysis || s.ackedFrame !== undefined)
    .map((s) => [
      s.frame,
      s.analysis,
      s.ackedFrame ?? null,
      s.retransmissionOf ?? null,
      s.ackRtt === undefined ? null : +s.ackRtt.toFixed(4),
    ]);
  assert.deepEqual(got, [
    [2, 0, 1, null, 0.001],
    [3, 0, 2, null, 0.001],
    [25, Analysis.DUPLICATE_ACK, null, null, null],
    [26, Analysis.RETRANSMISSION, null, 7, null],
    [27, 0, 13, null, 0.5014],
    [33, Analysis.RETRANSMISSION, null, 16, null],
    [34, 0, 32, null, 0.5002],
    [35, Analysis.LOST_SEGMENT, null, null, null],
    [36, Analysis.OUT_OF_ORDER, null, null, null],
    [37, 0, 36, null, 0.0001],
    [38, 0, 35, null, 0.0003],
    // Nothing unacked carries these bytes any more: tshark's fallback, the highest segment.
    [39, Analysis.SPURIOUS_RETRANSMISSION, null, 35, null],
  ]);
});
