// The WebSocket frames a parser recorded (RFC 6455 §5.2 header fields plus provenance), stored
// column-wise in typed arrays. A capture can hold hundreds of thousands of frames; an object (and
// a masking-key string) per frame made them the largest part of the analysis' allocations and of
// its garbage-collection time, while most runs (the CLI summary) only count them. WsFrame objects
// are made on demand, by the parser's `frames`.

import { hex4 } from './hex.ts';
import type { WsFrame, WsSide } from './types.ts';
import { grownFloat64, grownInt32 } from '../../bytes/grown.ts';

const FIN = 1;
const MASKED = 2;
const TRUNCATED = 4;
const SKIPPED = 8;
const SERVER = 16;
/** Bits 5-6: the length form (0: 7-bit, 1: 16-bit, 2: 64-bit). */
const FORM_SHIFT = 5;
/** Bits 7-9: RSV1..RSV3. */
const RSV_SHIFT = 7;
/** Bits 10-13: the opcode. */
const OPCODE_SHIFT = 10;

const FORMS = [7, 16, 64] as const;

export interface FrameFields {
  frame: number;
  firstFrame: number;
  from: WsSide;
  fin: boolean;
  rsv: number;
  opcode: number;
  /** The masking key as a 32-bit number (first key byte most significant), or null. */
  mask: number | null;
  length: number;
  headerLength: number;
  lengthForm: 7 | 16 | 64;
  headerOffset: number;
  truncated: boolean;
  skipped: boolean;
}

/** Row layout: numbers that may pass 2^32 in F64_COLS doubles, the rest in I32_COLS int32s. */
const F64_COLS = 4;
const FRAME = 0;
const FIRST_FRAME = 1;
const LENGTH = 2;
const HEADER_OFFSET = 3;
const I32_COLS = 2;
const MASK = 0;
/** bits (low 16) and headerLength (high 16). */
const BITS = 1;

export class FrameTable {
  count = 0;
  private capacity = 0;
  /**
   * Rows interleaved in two arrays rather than a typed array per field: growing them then makes
   * two allocations instead of seven (a typed array's backing store costs microseconds, and a
   * capture of 100 WebSocket connections grows each table several times).
   */
  private f64 = new Float64Array(0);
  private i32 = new Int32Array(0);

  /** Appends a frame; returns its index. */
  add(f: FrameFields): number {
    return this.addFields(
      f.frame,
      f.firstFrame,
      f.from,
      f.fin,
      f.rsv,
      f.opcode,
      f.mask,
      f.length,
      f.headerLength,
      f.lengthForm,
      f.headerOffset,
      f.truncated,
      f.skipped,
    );
  }

  /** add() with the fields as arguments (the parser's per-frame path: no object to build). */
  addFields(
    frame: number,
    firstFrame: number,
    from: WsSide,
    fin: boolean,
    rsv: number,
    opcode: number,
    mask: number | null,
    length: number,
    headerLength: number,
    lengthForm: 7 | 16 | 64,
    headerOffset: number,
    truncated: boolean,
    skipped: boolean,
  ): number {
    const i = this.count;
    if (i === this.capacity) this.grow();
    const d = i * F64_COLS;
    const f64 = this.f64;
    f64[d + FRAME] = frame;
    f64[d + FIRST_FRAME] = firstFrame;
    f64[d + LENGTH] = length;
    f64[d + HEADER_OFFSET] = headerOffset;
    const n = i * I32_COLS;
    this.i32[n + MASK] = mask ?? 0;
    this.i32[n + BITS] =
      (fin ? FIN : 0) |
      (mask !== null ? MASKED : 0) |
      (truncated ? TRUNCATED : 0) |
      (skipped ? SKIPPED : 0) |
      (from === 'server' ? SERVER : 0) |
      ((lengthForm === 7 ? 0 : lengthForm === 16 ? 1 : 2) << FORM_SHIFT) |
      ((rsv & 7) << RSV_SHIFT) |
      ((opcode & 15) << OPCODE_SHIFT) |
      ((headerLength & 0xffff) << 16);
    this.count = i + 1;
    return i;
  }

  /** Frame i as a new WsFrame object. */
  get(i: number): WsFrame {
    const d = i * F64_COLS;
    const n = i * I32_COLS;
    const w = this.i32[n + BITS]!;
    const b = w & 0xffff;
    const masked = (b & MASKED) !== 0;
    const m = this.i32[n + MASK]! >>> 0;
    const headerOffset = this.f64[d + HEADER_OFFSET]!;
    const headerLength = w >>> 16;
    return {
      index: i,
      frame: this.f64[d + FRAME]!,
      firstFrame: this.f64[d + FIRST_FRAME]!,
      from: b & SERVER ? 'server' : 'client',
      fin: (b & FIN) !== 0,
      rsv: (b >>> RSV_SHIFT) & 7,
      opcode: (b >>> OPCODE_SHIFT) & 15,
      masked,
      maskKey: masked ? hex4(m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255) : null,
      length: this.f64[d + LENGTH]!,
      headerLength,
      lengthForm: FORMS[(b >>> FORM_SHIFT) & 3]!,
      headerOffset,
      payloadOffset: headerOffset + headerLength,
      truncated: (b & TRUNCATED) !== 0,
      skipped: (b & SKIPPED) !== 0,
    };
  }

  private grow(): void {
    const cap = Math.max(64, this.capacity * 2);
    this.f64 = grownFloat64(this.f64, cap * F64_COLS);
    this.i32 = grownInt32(this.i32, cap * I32_COLS);
    this.capacity = cap;
  }
}
