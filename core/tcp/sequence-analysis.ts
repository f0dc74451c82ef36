// Per-segment sequence analysis, reproducing what tshark 4.0 prints as tcp.seq / tcp.ack
// (relative numbers) and tcp.analysis.* (Wireshark epan/dissectors/packet-tcp.c,
// tcp_analyze_sequence_number; the checks follow the same order and quirks, re-derived here):
//
// * Relative numbers: a direction's base is its SYN's sequence number, else (capture started
//   mid-connection) seq - 1 of its first segment, else ack - 1 of the first ACK from the other
//   side (so a missing SYN still yields tcp.seq = 1 for the first byte). tcp.ack is relative only
//   when the ACK flag is set; without it tshark prints the raw field.
// * A value of 0 for nextseq / lastack / maxseqtobeacked means "not seen yet", as in tshark (so a
//   real sequence number 0 is treated as unset: a tshark quirk we keep to stay comparable).
// * Precedence for segments with data (or SYN/FIN): keep-alive (never a retransmission),
//   spurious retransmission (every byte already ACKed by the peer), fast retransmission (>= 2
//   duplicate ACKs from the peer, seq == their ACK, within 20 ms), out-of-order (does not advance,
//   within the initial RTT - 3 ms when unknown - of the highest segment, and not a plain repeat of
//   it), else retransmission when it does not advance. tshark also sets the
//   tcp.analysis.retransmission expert field on fast and spurious retransmissions (checked with
//   tshark 4.0.17 on crafted captures, see test/tcp/sequence-analysis.test.ts).
// * Window scaling (RFC 7323 §2.2): we scale a direction's window only when both SYNs were seen
//   and both carried the option; when a SYN without it was seen the window is unscaled (known);
//   when the handshake was not seen the scale is unknown (-1) and we report the raw window
//   (tshark does the same with its default "unknown" preference).

import { TcpFlag } from '../decode/types.ts';
import { Analysis } from './types.ts';
import type { Direction } from './types.ts';
import { seqGt, seqLe, seqLt, seqSub } from './seq.ts';

const SYN_FIN = TcpFlag.SYN | TcpFlag.FIN;
const SYN_FIN_RST = TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST;
/** tshark's TCP_MAX_UNACKED_SEGMENTS: stop tracking unacked segments beyond this. */
const MAX_UNACKED = 10000;
const NO_TIME = Number.NEGATIVE_INFINITY;

/** Columns of one unacked segment's row in UnackedList.rows. */
const ROW = 5;
const FRAME = 0;
const SEQ = 1;
const NEXTSEQ = 2;
const SEC = 3;
const NSEC = 4;
const NO_ROWS = new Float64Array(0);

/**
 * One direction's unacked segments, oldest first: rows of (frame, seq, nextseq, sec, nsec) in one
 * growable Float64Array between `head` and `tail`, so a data segment costs no object, and an ACK
 * that covers the oldest segments just moves `head`.
 */
class UnackedList {
  rows: Float64Array = NO_ROWS;
  /** Row index of the oldest segment, and one past the newest. */
  head = 0;
  tail = 0;
  /**
   * After ack() the list holds only segments beyond that ACK, so the same ACK again changes
   * nothing (the common case: a sender's data segments all repeat one ACK). Cleared by push().
   */
  settledAck = -1;

  get length(): number {
    return this.tail - this.head;
  }

  push(frame: number, seq: number, nextseq: number, sec: number, nsec: number): void {
    if (this.tail * ROW === this.rows.length) this.makeRoom();
    const o = this.tail * ROW;
    const r = this.rows;
    r[o + FRAME] = frame;
    r[o + SEQ] = seq;
    r[o + NEXTSEQ] = nextseq;
    r[o + SEC] = sec;
    r[o + NSEC] = nsec;
    this.tail++;
    this.settledAck = -1;
  }

  /** Moves the rows to the front, or doubles the storage when more than half of it is in use. */
  private makeRoom(): void {
    const used = this.tail - this.head;
    const capacity = this.rows.length / ROW;
    if (used * 2 >= capacity) {
      const rows = new Float64Array(Math.max(8, capacity * 2) * ROW);
      rows.set(this.rows.subarray(this.head * ROW, this.tail * ROW));
      this.rows = rows;
    } else {
      this.rows.copyWithin(0, this.head * ROW, this.tail * ROW);
    }
    this.head = 0;
    this.tail = used;
  }
}

/** Window scale: -1 unknown, -2 known to be unused, else the shift count. */
export type WindowScale = number;

class Flow {
  baseSeq = 0;
  baseSet = false;
  nextseq = 0;
  nextseqFrame = 0;
  nextseqSec = NO_TIME;
  nextseqNsec = 0;
  lastack = 0;
  lastackSec = NO_TIME;
  lastackNsec = 0;
  lastnondupack = 0;
  dupacknum = 0;
  window = 0;
  maxseqtobeacked = 0;
  lastsegmentflags = 0;
  /** Unacked segments, oldest first (an ACK matching several names the oldest, as in tshark). */
  readonly segments = new UnackedList();
  /** Window scale option of this side's SYN: -1 not seen, -2 SYN without the option. */
  wsOption: WindowScale = -1;
}

export interface SegmentAnalysis {
  relSeq: number;
  relAck: number;
  relNextSeq: number;
  windowSize: number;
  analysis: number;
  dupAckOf?: number | undefined;
  dupAckCount?: number | undefined;
  retransmissionOf?: number | undefined;
  ackedFrame?: number | undefined;
  ackRtt?: number | undefined;
}

/** The one result object of an analyzer, refilled by every analyze() call (no object per packet). */
class Result implements SegmentAnalysis {
  relSeq = 0;
  relAck = 0;
  relNextSeq = 0;
  windowSize = 0;
  analysis = 0;
  dupAckOf: number | undefined = undefined;
  dupAckCount: number | undefined = undefined;
  retransmissionOf: number | undefined = undefined;
  ackedFrame: number | undefined = undefined;
  ackRtt: number | undefined = undefined;
}

/** 2^n for window-scale shifts 0..14 (Math.pow per packet showed up in profiles). */
const POW2 = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];

/** Nanoseconds from (s0, n0) to (s1, n1); +Infinity when the reference time is unset. */
function nsSince(s1: number, n1: number, s0: number, n0: number): number {
  if (s0 === NO_TIME) return Number.POSITIVE_INFINITY;
  return (s1 - s0) * 1e9 + (n1 - n0);
}

export class SequenceAnalyzer {
  private readonly flows: [Flow, Flow] = [new Flow(), new Flow()];
  private readonly result = new Result();
  private mruSynSec = NO_TIME;
  private mruSynNsec = 0;
  /** tshark's tcp.analysis.initial_rtt, in nanoseconds; 0 = unknown. */
  private firstRttNs = 0;

  get initialRtt(): number | null {
    return this.firstRttNs === 0 ? null : this.firstRttNs / 1e9;
  }

  /** Effective window scale of a direction (see the header comment). */
  windowScale(dir: Direction): WindowScale {
    const a = this.flows[dir].wsOption;
    const b = this.flows[dir ^ 1].wsOption;
    if (a === -2 || b === -2) return -2;
    if (a >= 0 && b >= 0) return a;
    return -1;
  }

  /** Record a SYN's window-scale option (undefined: the SYN had none). */
  noteSynOption(dir: Direction, ws: number | undefined): void {
    const f = this.flows[dir];
    if (f.wsOption === -1) f.wsOption = ws === undefined ? -2 : Math.min(ws, 14);
  }

  /** Raw base sequence of a direction, or null before any is known. */
  base(dir: Direction): number | null {
    const f = this.flows[dir];
    return f.baseSet ? f.baseSeq : null;
  }

  /**
   * A SYN-ACK whose sequence differs from the base seen so far: tshark flags "reused ports" and
   * takes the SYN-ACK's sequence as the new base. Returns true when that happened.
   */
  synAckRebase(dir: Direction, seq: number): boolean {
    const f = this.flows[dir];
    if (!f.baseSet || f.baseSeq === seq) return false;
    f.baseSeq = seq;
    return true;
  }

  analyze(
    dir: Direction,
    seq: number,
    ack: number,
    seglen: number,
    flags: number,
    window: number,
    sec: number,
    nsec: number,
    frame: number,
  ): SegmentAnalysis {
    const fwd = this.flows[dir];
    const rev = this.flows[dir ^ 1];
    let a = 0;
    let dupAckOf: number | undefined;
    let dupAckCount: number | undefined;
    let retransmissionOf: number | undefined;
    let ackedFrame: number | undefined;
    let ackRtt: number | undefined;

    if (!fwd.baseSet) {
      fwd.baseSeq = flags & TcpFlag.SYN ? seq : (seq - 1) >>> 0;
      fwd.baseSet = true;
    }
    if (!rev.baseSet && flags & TcpFlag.ACK) {
      rev.baseSeq = (ack - 1) >>> 0;
      rev.baseSet = true;
    }

    checks: {
      // Zero window probe: exactly one byte at the next expected sequence into a window of size zero.
      if (seglen === 1 && seq === fwd.nextseq && rev.window === 0) {
        a |= Analysis.ZERO_WINDOW_PROBE;
        break checks;
      }
      if (window === 0 && (flags & SYN_FIN_RST) === 0) a |= Analysis.ZERO_WINDOW;
      if (fwd.nextseq !== 0 && seqGt(seq, fwd.nextseq) && (flags & TcpFlag.RST) === 0) {
        a |= Analysis.LOST_SEGMENT;
      }
      if ((seglen === 0 || seglen === 1) && seq === (fwd.nextseq - 1) >>> 0 && (flags & SYN_FIN_RST) === 0) {
        a |= Analysis.KEEP_ALIVE;
      }
      const plain = seglen === 0 && (flags & SYN_FIN_RST) === 0 && seq === fwd.nextseq && ack === fwd.lastack;
      if (plain && window !== 0 && window !== fwd.window) a |= Analysis.WINDOW_UPDATE;
      if (seglen > 0 && (flags & SYN_FIN_RST) === 0) {
        const scale = this.windowScale((dir ^ 1) as Direction);
        if (scale !== -1) {
          const edge = (rev.lastack + rev.window * POW2[scale >= 0 ? scale : 0]!) >>> 0;
          if ((seq + seglen) >>> 0 === edge) a |= Analysis.WINDOW_FULL;
        }
      }
      if (plain && window !== 0 && window === fwd.window && rev.lastsegmentflags & Analysis.KEEP_ALIVE) {
        a |= Analysis.KEEP_ALIVE_ACK;
        break checks;
      }
      if (plain && window === 0 && fwd.window === 0 && rev.lastsegmentflags & Analysis.ZERO_WINDOW_PROBE) {
        a |= Analysis.ZERO_WINDOW_PROBE_ACK;
        break checks;
      }
      if (plain && window !== 0 && window === fwd.window) {
        fwd.dupacknum = fwd.dupacknum === -1 ? 1 : fwd.dupacknum + 1;
        a |= Analysis.DUPLICATE_ACK;
        dupAckCount = fwd.dupacknum;
        dupAckOf = fwd.lastnondupack;
      }
    }

    if (ack !== fwd.lastack) {
      fwd.lastnondupack = frame;
      fwd.dupacknum = 0;
    }

    // ACKed unseen: the peer's bytes were acknowledged but never captured. Reported once per
    // advance of the peer's highest sequence, else once until the peer's own ACK changes (the
    // comparison is tshark 4.0.17's observed behaviour, an unsigned compare of raw numbers).
    if (rev.maxseqtobeacked !== 0 && seqGt(ack, rev.maxseqtobeacked) && flags & TcpFlag.ACK) {
      if (rev.maxseqtobeacked < rev.nextseq) {
        rev.maxseqtobeacked = rev.nextseq;
        a |= Analysis.ACKED_UNSEEN;
      } else {
        if (rev.dupacknum === 0) a |= Analysis.ACKED_UNSEEN;
        rev.dupacknum = -1;
      }
    }

    if (seglen > 0 || flags & SYN_FIN) {
      // At most one of these bits. The branches only pick a constant and one `a |= r` follows
      // them: a first spurious or fast retransmission deep into a capture then meets no operation
      // the JIT has never seen run (which would send the whole per-packet path back to the
      // interpreter).
      let r = 0;
      retrans: {
        if (a & Analysis.KEEP_ALIVE) break retrans;
        let notAdvanced = fwd.nextseq !== 0 && seqLt(seq, fwd.nextseq);
        // One byte less than expected with new data behind it: a zero-window probe being
        // followed up, not a retransmission.
        if (seglen > 1 && (fwd.nextseq - 1) >>> 0 === seq) notAdvanced = false;

        // Every byte already acknowledged by the peer: a spurious retransmission (tshark checks
        // this before the fast-retransmission and out-of-order tests).
        if (seglen > 0 && rev.lastack !== 0 && seqLe((seq + seglen) >>> 0, rev.lastack)) {
          r = Analysis.SPURIOUS_RETRANSMISSION;
          break retrans;
        }
        const sinceAck = nsSince(sec, nsec, rev.lastackSec, rev.lastackNsec);
        if (notAdvanced && rev.dupacknum >= 2 && rev.lastack === seq && sinceAck >= 0 && sinceAck < 20e6) {
          r = Analysis.FAST_RETRANSMISSION;
          break retrans;
        }
        const sinceNext = nsSince(sec, nsec, fwd.nextseqSec, fwd.nextseqNsec);
        const threshold = this.firstRttNs === 0 ? 3e6 : this.firstRttNs;
        const thisNext = (seq + seglen + (flags & SYN_FIN ? 1 : 0)) >>> 0;
        if (notAdvanced && sinceNext >= 0 && sinceNext < threshold && fwd.nextseq !== thisNext) {
          r = Analysis.OUT_OF_ORDER;
          break retrans;
        }
        if (notAdvanced) r = Analysis.RETRANSMISSION;
      }
      a |= r;
      if (r & (Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION)) {
        retransmissionOf = this.originalFrame(fwd, seq);
      }
    }

    let nextseq = (seq + seglen) >>> 0;
    if (seglen > 0 || flags & SYN_FIN) {
      if (flags & SYN_FIN) nextseq = (nextseq + 1) >>> 0;
      if (fwd.segments.length < MAX_UNACKED) fwd.segments.push(frame, seq, nextseq, sec, nsec);
    }
    const probe = (a & Analysis.ZERO_WINDOW_PROBE) !== 0;
    if ((seqGt(nextseq, fwd.nextseq) || fwd.nextseq === 0) && !probe) {
      fwd.nextseq = nextseq;
      fwd.nextseqFrame = frame;
      fwd.nextseqSec = sec;
      fwd.nextseqNsec = nsec;
    }
    if ((seq === fwd.maxseqtobeacked || fwd.maxseqtobeacked === 0) && !probe) {
      fwd.maxseqtobeacked = fwd.nextseq;
    }
    fwd.window = window;
    fwd.lastack = ack;
    fwd.lastackSec = sec;
    fwd.lastackNsec = nsec;
    fwd.lastsegmentflags = a;

    // Drop the peer's segments this ACK covers; an exact match gives the acked frame and RTT.
    // Newest to oldest, so the oldest exact match wins; kept rows slide towards the tail.
    const list = rev.segments;
    if (list.tail > list.head && list.settledAck !== ack) {
      const r = list.rows;
      let w = list.tail;
      for (let i = list.tail - 1; i >= list.head; i--) {
        const o = i * ROW;
        const uNext = r[o + NEXTSEQ]!;
        if (ack === uNext) {
          ackedFrame = r[o + FRAME]!;
          ackRtt = ((sec - r[o + SEC]!) * 1e9 + (nsec - r[o + NSEC]!)) / 1e9;
          continue;
        }
        if (seqGt(ack, r[o + SEQ]!) && seqLe(ack, uNext)) r[o + SEQ] = ack; // partly acknowledged
        if (!seqGt(uNext, ack)) continue; // wholly acknowledged
        w--;
        if (w !== i) r.copyWithin(w * ROW, o, o + ROW);
      }
      list.head = w;
      list.settledAck = ack;
    }

    if ((flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN) {
      this.mruSynSec = sec;
      this.mruSynNsec = nsec;
    } else if (
      (flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.ACK &&
      this.firstRttNs === 0 &&
      this.mruSynSec !== NO_TIME
    ) {
      this.firstRttNs = nsSince(sec, nsec, this.mruSynSec, this.mruSynNsec);
    }

    const relSeq = seqSub(seq, fwd.baseSeq);
    const relAck = flags & TcpFlag.ACK ? seqSub(ack, rev.baseSeq) : ack;
    const relNextSeq = (relSeq + seglen + (flags & SYN_FIN ? 1 : 0)) >>> 0;
    let windowSize = window;
    if (!(flags & TcpFlag.SYN)) {
      const scale = this.windowScale(dir);
      if (scale >= 0) windowSize = window * POW2[scale]!;
    }
    const out = this.result;
    out.relSeq = relSeq;
    out.relAck = relAck;
    out.relNextSeq = relNextSeq;
    out.windowSize = windowSize;
    out.analysis = a;
    out.dupAckOf = dupAckOf;
    out.dupAckCount = dupAckOf !== undefined ? dupAckCount : undefined;
    out.retransmissionOf = retransmissionOf;
    out.ackedFrame = ackedFrame;
    out.ackRtt = ackedFrame !== undefined ? ackRtt : undefined;
    return out;
  }

  /** The oldest unacked segment that carried `seq`, else tshark's fallback (the highest segment). */
  private originalFrame(fwd: Flow, seq: number): number | undefined {
    const list = fwd.segments;
    const r = list.rows;
    for (let i = list.head; i < list.tail; i++) {
      const o = i * ROW;
      if (seqLe(r[o + SEQ]!, seq) && seqLt(seq, r[o + NEXTSEQ]!)) return r[o + FRAME]!;
    }
    return fwd.nextseqFrame || undefined;
  }
}
