// The WebSocket frames a parser recorded (RFC 6455 §5.2 header fields plus provenance), stored
// column-wise in typed arrays. A capture can hold hundreds of thousands of frames; an object (and
// a masking-key string) per frame made them the largest part of the analysis' allocations and of
// its garbage-collection time, while most runs (the CLI summary) only count them. WsFrame objects
// are made on demand, by the parser's `frames`.

import { hex4 } from './hex.ts';
import type { WsFrame, WsSide } from './types.ts';

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

export class FrameTable {
  count = 0;
  private capacity = 0;
  /** Capture frame numbers and stream offsets can pass 2^32 only in theory; lengths can. */
  private frame = new Float64Array(0);
  private firstFrame = new Float64Array(0);
  private length = new Float64Array(0);
  private headerOffset = new Float64Array(0);
  private mask = new Uint32Array(0);
  private bits = new Uint16Array(0);
  private headerLength = new Uint8Array(0);

  /** Appends a frame; returns its index. */
  add(f: FrameFields): number {
    const i = this.count;
    if (i === this.capacity) this.grow();
    this.frame[i] = f.frame;
    this.firstFrame[i] = f.firstFrame;
    this.length[i] = f.length;
    this.headerOffset[i] = f.headerOffset;
    this.mask[i] = f.mask ?? 0;
    this.headerLength[i] = f.headerLength;
    this.bits[i] =
      (f.fin ? FIN : 0) |
      (f.mask !== null ? MASKED : 0) |
      (f.truncated ? TRUNCATED : 0) |
      (f.skipped ? SKIPPED : 0) |
      (f.from === 'server' ? SERVER : 0) |
      ((f.lengthForm === 7 ? 0 : f.lengthForm === 16 ? 1 : 2) << FORM_SHIFT) |
      ((f.rsv & 7) << RSV_SHIFT) |
      ((f.opcode & 15) << OPCODE_SHIFT);
    this.count = i + 1;
    return i;
  }

  /** Frame i as a new WsFrame object. */
  get(i: number): WsFrame {
    const b = this.bits[i]!;
    const masked = (b & MASKED) !== 0;
    const m = this.mask[i]!;
    const headerOffset = this.headerOffset[i]!;
    const headerLength = this.headerLength[i]!;
    return {
      index: i,
      frame: this.frame[i]!,
      firstFrame: this.firstFrame[i]!,
      from: b & SERVER ? 'server' : 'client',
      fin: (b & FIN) !== 0,
      rsv: (b >>> RSV_SHIFT) & 7,
      opcode: (b >>> OPCODE_SHIFT) & 15,
      masked,
      maskKey: masked ? hex4(m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255) : null,
      length: this.length[i]!,
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
    this.frame = resized(this.frame, new Float64Array(cap));
    this.firstFrame = resized(this.firstFrame, new Float64Array(cap));
    this.length = resized(this.length, new Float64Array(cap));
    this.headerOffset = resized(this.headerOffset, new Float64Array(cap));
    this.mask = resized(this.mask, new Uint32Array(cap));
    this.bits = resized(this.bits, new Uint16Array(cap));
    this.headerLength = resized(this.headerLength, new Uint8Array(cap));
    this.capacity = cap;
  }
}

function resized<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(old: T, next: T): T {
  next.set(old);
  return next;
}
