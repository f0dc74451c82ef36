// The WebSocket messages a parser recorded (RFC 6455 §5.4-§5.6: data messages, §5.5 control
// frames), stored column-wise, with each message's kept payload bytes (unmasked, inflated) in a
// shared byte store. A busy capture holds ~100k messages: an object, a frame-index array and a
// text or hex string per message made them most of what the dissection kept alive, and copying
// those survivors was most of the garbage collector's time, while the CLI summary only counts
// them. WsMessage objects are made on demand (WebSocketParser.messages); their strings are decoded
// then from the kept bytes, with the same decoder and limits the parser would have used at once,
// so the objects are equal to eagerly made ones.

import { hexOf } from './hex.ts';
import type { WsMessage, WsMessageType, WsSide } from './types.ts';
import { decodeUtf8 } from './utf8.ts';
import { grownFloat64, grownInt32 } from '../../bytes/grown.ts';

const EMPTY = new Uint8Array(0);

/** Message type codes (the order of TYPES). */
export const TYPE_TEXT = 0;
export const TYPE_BINARY = 1;
export const TYPE_PING = 2;
export const TYPE_PONG = 3;
export const TYPE_CLOSE = 4;
const TYPES: readonly WsMessageType[] = ['text', 'binary', 'ping', 'pong', 'close'];

// bits column
const SERVER = 1;
/** Bits 1-3: the type code. */
const TYPE_SHIFT = 1;
const COMPRESSED = 16;
const CLIPPED = 32;
const INCOMPLETE = 64;
/** text = the kept bytes, decoded. */
export const HAS_TEXT = 128;
/** text = reason = the kept bytes after the 2-byte close code, decoded. */
export const HAS_REASON = 256;
/** payloadHex = the first maxHexBytes of the kept bytes. */
export const HAS_HEX = 512;
/** data = a copy of the kept bytes. */
export const HAS_DATA = 1024;

/** frame column: -1 no frame index, -2 several (in `lists`), else the one index. */
const NO_FRAMES = -1;
const FRAME_LIST = -2;

/** Row layout (as in frame-table.ts: two interleaved arrays, two allocations per growth). */
const F64_COLS = 4;
const FIRST_FRAME = 0;
const LAST_FRAME = 1;
const LENGTH = 2;
const WIRE_LENGTH = 3;
const I32_COLS = 6;
const CODE = 0;
const FRAME = 1;
const BITS = 2;
const BLOCK = 3;
const AT = 4;
const SIZE = 5;

/**
 * First block of kept bytes; blocks double up to BLOCK_MAX (most connections carry few messages).
 * Rows likewise start at ROWS_MIN and double. (A typed array's fresh backing store costs
 * microseconds, page faults included, so neither grows in tiny steps.)
 */
const BLOCK_MIN = 1024;
const BLOCK_MAX = 1024 * 1024;
const ROWS_MIN = 64;
const GROWTH = 2;

export class MessageTable {
  count = 0;
  private capacity = 0;
  /** firstFrame, lastFrame, length, wireLength per row. */
  private f64 = new Float64Array(0);
  /** code (-1: none), frame index (see NO_FRAMES), bits, and where the kept bytes are: block, offset, size. */
  private i32 = new Int32Array(0);
  /** Frame-index lists of messages carried by several frames (or whose list is not one index). */
  private readonly lists = new Map<number, number[]>();

  private readonly blocks: Uint8Array[] = [];
  /** The block small messages are appended to, its index and the bytes of it in use. */
  private shared: Uint8Array = EMPTY;
  private sharedIndex = -1;
  private used = 0;
  /** Where the last reserve() put the bytes: `buf` (a block), from `pos`; and the block's index. */
  buf: Uint8Array = EMPTY;
  pos = 0;
  private reservedBlock = 0;

  constructor(private readonly maxHexBytes: number) {}

  /**
   * Room for the next message's `n` (> 0) kept bytes: the caller writes them to buf[pos, pos + n),
   * then calls add() with size n.
   */
  reserve(n: number): void {
    if (n > BLOCK_MAX / 2) {
      // A big payload gets a block of its own; the shared block stays open for small ones.
      this.buf = new Uint8Array(n);
      this.pos = 0;
      this.blocks.push(this.buf);
      this.reservedBlock = this.blocks.length - 1;
      return;
    }
    if (this.used + n > this.shared.length) {
      let size = this.sharedIndex < 0 ? BLOCK_MIN : Math.min(BLOCK_MAX, this.shared.length * GROWTH);
      while (size < n) size *= 2;
      this.shared = new Uint8Array(size);
      this.blocks.push(this.shared);
      this.sharedIndex = this.blocks.length - 1;
      this.used = 0;
    }
    this.buf = this.shared;
    this.pos = this.used;
    this.reservedBlock = this.sharedIndex;
    this.used += n;
  }

  /**
   * Appends a message; `size` > 0 when its kept bytes were written after reserve(size). `frames`:
   * its one frame index, or its list. Returns the message index.
   */
  add(
    side: WsSide,
    type: number,
    flags: number,
    length: number,
    wireLength: number,
    code: number | null,
    firstFrame: number,
    lastFrame: number,
    frames: number | number[],
    size: number,
  ): number {
    const i = this.count;
    if (i === this.capacity) this.grow();
    const d = i * F64_COLS;
    const f64 = this.f64;
    f64[d + FIRST_FRAME] = firstFrame;
    f64[d + LAST_FRAME] = lastFrame;
    f64[d + LENGTH] = length;
    f64[d + WIRE_LENGTH] = wireLength;
    const r = i * I32_COLS;
    const i32 = this.i32;
    i32[r + BITS] = (side === 'server' ? SERVER : 0) | (type << TYPE_SHIFT) | flags;
    i32[r + CODE] = code === null ? -1 : code;
    let frame: number;
    if (typeof frames === 'number') frame = frames < 0 ? NO_FRAMES : frames;
    else if (frames.length === 1 && frames[0]! >= 0) frame = frames[0]!;
    else if (frames.length === 0) frame = NO_FRAMES;
    else {
      frame = FRAME_LIST;
      this.lists.set(i, frames);
    }
    i32[r + FRAME] = frame;
    i32[r + BLOCK] = size > 0 ? this.reservedBlock : 0;
    i32[r + AT] = size > 0 ? this.pos : 0;
    i32[r + SIZE] = size;
    this.count = i + 1;
    return i;
  }

  isServer(i: number): boolean {
    return (this.i32[i * I32_COLS + BITS]! & SERVER) !== 0;
  }

  typeOf(i: number): WsMessageType {
    return TYPES[(this.i32[i * I32_COLS + BITS]! >>> TYPE_SHIFT) & 7]!;
  }

  /** Message i as a new WsMessage object. */
  get(i: number): WsMessage {
    const d = i * F64_COLS;
    const r = i * I32_COLS;
    const i32 = this.i32;
    const b = i32[r + BITS]!;
    const n = i32[r + SIZE]! >>> 0;
    const at = i32[r + AT]! >>> 0;
    const bytes = n > 0 ? this.blocks[i32[r + BLOCK]! >>> 0]!.subarray(at, at + n) : EMPTY;
    let text: string | null = null;
    let reason: string | null = null;
    if (b & HAS_TEXT) text = decodeUtf8(bytes);
    else if (b & HAS_REASON) reason = text = decodeUtf8(bytes.subarray(2));
    const code = i32[r + CODE]!;
    const f = i32[r + FRAME]!;
    const f64 = this.f64;
    return {
      from: b & SERVER ? 'server' : 'client',
      type: TYPES[(b >>> TYPE_SHIFT) & 7]!,
      text,
      payloadHex: b & HAS_HEX ? hexOf(bytes, this.maxHexBytes) : null,
      data: b & HAS_DATA ? bytes.slice() : null,
      length: f64[d + LENGTH]!,
      wireLength: f64[d + WIRE_LENGTH]!,
      compressed: (b & COMPRESSED) !== 0,
      code: code < 0 ? null : code,
      reason,
      firstFrame: f64[d + FIRST_FRAME]!,
      lastFrame: f64[d + LAST_FRAME]!,
      frames: f === FRAME_LIST ? this.lists.get(i)! : f === NO_FRAMES ? [] : [f],
      clipped: (b & CLIPPED) !== 0,
      incomplete: (b & INCOMPLETE) !== 0,
    };
  }

  private grow(): void {
    const cap = Math.max(ROWS_MIN, this.capacity * GROWTH);
    this.f64 = grownFloat64(this.f64, cap * F64_COLS);
    this.i32 = grownInt32(this.i32, cap * I32_COLS);
    this.capacity = cap;
  }
}

/** Flag bits of add() for the message's state. */
export function stateFlags(compressed: boolean, clipped: boolean, incomplete: boolean): number {
  return (compressed ? COMPRESSED : 0) | (clipped ? CLIPPED : 0) | (incomplete ? INCOMPLETE : 0);
}
