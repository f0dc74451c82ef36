// One direction of a TCP byte stream, rebuilt from segments in capture order (RFC 9293 §3.4
// sequence space, §3.10.7.4 segment arrival: trimming to the window, queueing out-of-order data,
// SYN and FIN each occupying one sequence number). Modeled on gopacket's reassembly/: wrap-safe
// offsets, chunks that carry their frame, and gaps for bytes that will never arrive.
//
// Offsets are stream positions: 0 is the byte after the SYN (ISN + 1), or the first sequence
// number seen when the SYN was not captured. They grow past 2^32 (a long stream wraps the 32-bit
// sequence space; offsets do not).
//
// Policies (each a reader-visible decision, with a diagnostic where it hides something):
// * in-order bytes are delivered at once, as views of the caller's packet (no copy);
// * out-of-order bytes are copied into a buffer bounded by bytes and segments; on overflow the
//   oldest hole becomes a gap (tcp.reassembly.buffer_full);
// * overlaps: the first copy wins; buffered bytes that a later copy contradicts give
//   tcp.reassembly.overlap_mismatch (bytes already delivered are not kept, so they are not compared);
// * a payload cut by the snaplen is delivered as far as captured, the rest is a gap at once;
// * a hole is given up (gap, then continue) when a FIN or RST lies beyond it, when the peer ACKs
//   beyond it (the capture missed the bytes), or at the end of the capture;
// * bytes after the FIN (tcp.reassembly.data_after_fin) or after a reset
//   (tcp.reassembly.data_after_rst) are not delivered.

import type { EndReason } from './types.ts';

export interface ReassemblySink {
  /** In-order bytes (a view valid during the call). Absent: nobody reads the bytes, so no view is made. */
  data: ((data: Uint8Array, frame: number, offset: number) => void) | undefined;
  gap(offset: number, length: number, frame: number): void;
  end(reason: EndReason, frame: number | null): void;
  diagnostic(id: string, frame: number, message: string): void;
}

export interface ReassemblyLimits {
  maxBytes: number;
  maxSegments: number;
}

interface Piece {
  offset: number;
  /** Length on the wire; data may be shorter (snaplen). */
  length: number;
  data: Uint8Array;
  frame: number;
}

const TWO32 = 4294967296;

export class StreamReassembler {
  private base = 0;
  private baseKnown = false;
  /** Stream offset of the next byte to deliver. */
  private next = 0;
  private pieces: Piece[] = [];
  private bufferedBytes = 0;
  private finOffset = -1;
  private finFrame = 0;
  private ended: EndReason | null = null;

  constructor(
    private readonly sink: ReassemblySink,
    private readonly limits: ReassemblyLimits,
  ) {}

  /** Offset of the next byte to deliver. */
  get nextOffset(): number {
    return this.next;
  }

  get endReason(): EndReason | null {
    return this.ended;
  }

  /** Map a raw sequence number to a stream offset near the delivery point (wrap-safe). */
  private toOffset(seq: number): number {
    const rel = (seq - this.base) >>> 0;
    const next = this.next;
    return next + ((rel - (next < TWO32 ? next : next % TWO32)) | 0);
  }

  /**
   * A segment sent in this direction (not an RST). `payload` is the captured part of the
   * payload (borrowed: valid only during the call), `wireLength` its length on the wire.
   */
  segment(
    seq: number,
    syn: boolean,
    fin: boolean,
    payload: Uint8Array,
    wireLength: number,
    frame: number,
  ): void {
    this.segmentIn(seq, syn, fin, payload, 0, payload.length, wireLength, frame);
  }

  /**
   * segment() with the captured payload given as bytes[from, to) of the caller's record, so the
   * per-packet path makes no view unless bytes are delivered or buffered.
   */
  segmentIn(
    seq: number,
    syn: boolean,
    fin: boolean,
    bytes: Uint8Array,
    from: number,
    to: number,
    wireLength: number,
    frame: number,
  ): void {
    if (!this.baseKnown) {
      this.base = syn ? (seq + 1) >>> 0 : seq;
      this.baseKnown = true;
    }
    const start = this.toOffset(syn ? (seq + 1) >>> 0 : seq);
    if (this.ended !== null) {
      if (wireLength > 0 && start + wireLength > this.next) {
        if (this.ended === 'rst') {
          this.sink.diagnostic(
            'tcp.reassembly.data_after_rst',
            frame,
            'data sent after the connection was reset: not delivered',
          );
        } else {
          this.sink.diagnostic('tcp.reassembly.data_after_fin', frame, 'data beyond the FIN: not delivered');
        }
      }
      return;
    }
    if (wireLength > 0) this.insert(start, bytes, from, to, wireLength, frame);
    if (fin && this.finOffset < 0) {
      this.finOffset = start + wireLength;
      this.finFrame = frame;
      this.dropBeyondFin(frame);
      this.skipTo(this.finOffset, frame);
    }
    this.checkFin();
  }

  /** The peer acknowledged `ack`: bytes before it that we never saw will never come. */
  peerAck(ack: number, frame: number): void {
    if (!this.baseKnown || this.ended !== null) return;
    let to = this.toOffset(ack);
    if (this.finOffset >= 0 && to > this.finOffset) to = this.finOffset;
    if (to > this.next) {
      this.skipTo(to, frame);
      this.checkFin();
    }
  }

  /** The connection was reset: give up every hole and end the stream. */
  reset(frame: number): void {
    if (this.ended !== null) return;
    this.flushAll();
    this.ended = 'rst';
    this.sink.end('rst', frame);
  }

  /** End of capture. */
  finish(): void {
    if (this.ended !== null) return;
    this.flushAll();
    if (this.finOffset >= 0) {
      this.skipTo(this.finOffset, this.finFrame);
      this.checkFin();
      if (this.ended !== null) return;
    }
    this.ended = 'eof';
    this.sink.end('eof', null);
  }

  private insert(
    start: number,
    bytes: Uint8Array,
    from: number,
    to: number,
    length: number,
    frame: number,
  ): void {
    const end = start + length;
    if (end <= this.next) return; // retransmitted bytes, already delivered
    if (start < this.next) {
      const cut = this.next - start;
      from = Math.min(from + cut, to);
      start = this.next;
      length = end - start;
    }
    if (this.finOffset >= 0 && end > this.finOffset) {
      this.sink.diagnostic('tcp.reassembly.data_after_fin', frame, 'data beyond the FIN: not delivered');
      if (start >= this.finOffset) return;
      length = this.finOffset - start;
      if (to - from > length) to = from + length;
    }
    if (start === this.next && this.pieces.length === 0) {
      this.deliver(bytes, from, to, length, frame, start);
      return;
    }
    this.buffer(start, bytes.subarray(from, to), length, frame);
    this.flush();
    this.enforceLimits(frame);
  }

  /** Delivers bytes[from, to) at `offset`; what the wire `length` has beyond them is a gap. */
  private deliver(
    bytes: Uint8Array,
    from: number,
    to: number,
    length: number,
    frame: number,
    offset: number,
  ): void {
    const n = to - from;
    if (n > 0 && this.sink.data !== undefined) this.sink.data(bytes.subarray(from, to), frame, offset);
    if (n < length) this.sink.gap(offset + n, length - n, frame);
    this.next = offset + length;
  }

  /** Copy the parts of [start, start+length) not already buffered; compare the overlaps. */
  private buffer(start: number, payload: Uint8Array, length: number, frame: number): void {
    const end = start + length;
    let cur = start;
    let mismatch = false;
    const add: Piece[] = [];
    for (const p of this.pieces) {
      const pEnd = p.offset + p.length;
      if (pEnd <= start || p.offset >= end) continue;
      if (p.offset > cur) add.push(this.piece(payload, start, cur, p.offset, frame));
      // Compare bytes both copies captured.
      const from = Math.max(p.offset, start);
      const to = Math.min(pEnd, end, p.offset + p.data.length, start + payload.length);
      for (let i = from; i < to; i++) {
        if (p.data[i - p.offset] !== payload[i - start]) {
          mismatch = true;
          break;
        }
      }
      if (pEnd > cur) cur = pEnd;
    }
    if (cur < end) add.push(this.piece(payload, start, cur, end, frame));
    if (mismatch) {
      this.sink.diagnostic(
        'tcp.reassembly.overlap_mismatch',
        frame,
        'overlapping segment carries different bytes; the first copy is kept',
      );
    }
    if (add.length === 0) return;
    for (const p of add) {
      this.pieces.push(p);
      this.bufferedBytes += p.data.length;
    }
    this.pieces.sort((a, b) => a.offset - b.offset);
  }

  private piece(payload: Uint8Array, start: number, from: number, to: number, frame: number): Piece {
    const a = Math.min(from - start, payload.length);
    const b = Math.min(to - start, payload.length);
    return { offset: from, length: to - from, data: payload.slice(a, b), frame };
  }

  /** Deliver buffered pieces that are now contiguous with the delivery point. */
  private flush(): void {
    const ps = this.pieces;
    let i = 0;
    while (i < ps.length && ps[i]!.offset <= this.next) {
      const p = ps[i++]!;
      this.bufferedBytes -= p.data.length;
      const pEnd = p.offset + p.length;
      if (pEnd <= this.next) continue;
      const cut = this.next - p.offset;
      this.deliver(p.data, Math.min(cut, p.data.length), p.data.length, pEnd - this.next, p.frame, this.next);
    }
    if (i > 0) ps.splice(0, i);
  }

  /** Give up the holes before `to`: gaps for what is missing, delivery of what is buffered. */
  private skipTo(to: number, frame: number): void {
    while (this.next < to) {
      const first = this.pieces[0];
      if (first !== undefined && first.offset <= this.next) {
        this.flush();
        continue;
      }
      const gapEnd = first !== undefined && first.offset < to ? first.offset : to;
      this.sink.gap(this.next, gapEnd - this.next, frame);
      this.sink.diagnostic(
        'tcp.reassembly.gap',
        frame,
        `${gapEnd - this.next} bytes missing from the stream`,
      );
      this.next = gapEnd;
      this.flush();
    }
  }

  private flushAll(): void {
    while (this.pieces.length > 0) {
      const first = this.pieces[0]!;
      this.skipTo(first.offset, first.frame);
      this.flush();
    }
  }

  private enforceLimits(frame: number): void {
    let warned = false;
    while (
      this.pieces.length > 0 &&
      (this.bufferedBytes > this.limits.maxBytes || this.pieces.length > this.limits.maxSegments)
    ) {
      if (!warned) {
        this.sink.diagnostic(
          'tcp.reassembly.buffer_full',
          frame,
          'out-of-order buffer full: the oldest hole is given up',
        );
        warned = true;
      }
      const first = this.pieces[0]!;
      this.skipTo(first.offset, frame);
      this.flush();
    }
  }

  private dropBeyondFin(frame: number): void {
    const fin = this.finOffset;
    let dropped = false;
    this.pieces = this.pieces.filter((p) => {
      if (p.offset >= fin) {
        dropped = true;
        this.bufferedBytes -= p.data.length;
        return false;
      }
      if (p.offset + p.length > fin) {
        dropped = true;
        this.bufferedBytes -= p.data.length;
        p.length = fin - p.offset;
        if (p.data.length > p.length) p.data = p.data.subarray(0, p.length);
        this.bufferedBytes += p.data.length;
      }
      return true;
    });
    if (dropped)
      this.sink.diagnostic('tcp.reassembly.data_after_fin', frame, 'data beyond the FIN: not delivered');
  }

  private checkFin(): void {
    if (this.ended === null && this.finOffset >= 0 && this.next >= this.finOffset) {
      this.ended = 'fin';
      this.sink.end('fin', this.finFrame);
    }
  }
}
