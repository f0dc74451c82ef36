// Passive WebSocket dissector for the bytes after the HTTP Upgrade: RFC 6455 §5.2 (base framing),
// §5.3 (masking), §5.4 (fragmentation), §5.5 (control frames), §5.5.1 + §7.4 (close codes),
// §8.1 (UTF-8 text), and RFC 7692 §7.2 (permessage-deflate payloads with or without context
// takeover). Push in, events out (DESIGN §2): one driver loop per direction over explicit header
// states, modeled on websockets/ws lib/receiver.js (GET_INFO, GET_PAYLOAD_LENGTH_16/64, GET_MASK,
// GET_DATA); inflation runs inside GET_DATA in bounded pieces rather than as a separate state
// because this dissector is synchronous.
//
// Speed (a busy capture has ~100k frames): frames lying whole in a pushed chunk are read from it
// in place (wholeFrames), bypassing the queue; frames and messages are recorded column-wise
// (frame-table.ts, message-table.ts), a message's payload copied (unmasked) once into the message
// table's byte store, its text, hex and data decoded only when someone reads `messages`.
//
// Unlike an endpoint, an observer never "fails the connection": every violation becomes a
// diagnostic and parsing goes on as long as frame boundaries are still known.

import { ByteQueue } from '../../bytes/byte-queue.ts';
import { diagnostic, type Diagnostic, type Severity } from '../../diagnostics/diagnostic.ts';
import type { StreamChunk } from '../../tcp/types.ts';
import { isValidCloseCode } from './close.ts';
import { BoundedInflater } from './inflater.ts';
import type {
  NegotiatedExtensions,
  WebSocketListener,
  WebSocketOptions,
  WsFrame,
  WsMessage,
  WsMessageType,
  WsSide,
} from './types.ts';
import { FrameTable } from './frame-table.ts';
import {
  HAS_DATA,
  HAS_HEX,
  HAS_REASON,
  HAS_TEXT,
  MessageTable,
  TYPE_BINARY,
  TYPE_CLOSE,
  TYPE_PING,
  TYPE_PONG,
  TYPE_TEXT,
  stateFlags,
} from './message-table.ts';
import { isValidUtf8, Utf8Validator } from './utf8.ts';

const enum State {
  GET_INFO,
  GET_PAYLOAD_LENGTH_16,
  GET_PAYLOAD_LENGTH_64,
  GET_MASK,
  GET_DATA,
  /** Frame boundaries unknown (a gap inside a header, or an impossible length): ignore the rest. */
  LOST,
  ENDED,
}

const MiB = 1024 * 1024;
/** Below this much output a message cannot be a meaningful bomb, and context takeover makes tiny inputs legitimately expand a lot. */
const RATIO_CHECK_AFTER = MiB;
/** RFC 7692 §7.2.2: the sender removed these 4 bytes from the end of every compressed message. */
const DEFLATE_TAIL = new Uint8Array([0x00, 0x00, 0xff, 0xff]);
const EMPTY = new Uint8Array(0);
/** Largest unmasking scratch buffer kept; bigger payloads get their own. */
const UNMASK_SCRATCH_MAX = MiB;

interface Limits {
  maxFramePayload: number;
  maxMessageBytes: number;
  maxRatio: number;
  maxFragments: number;
  maxKeptBytes: number;
  maxTextBytes: number;
  maxHexBytes: number;
  maxFrames: number;
  maxMessages: number;
  maxDiagnostics: number;
}

/** Buffers above this size are dropped after their message, so one huge message does not pin memory. */
const KEEP_BUFFER_AFTER_MESSAGE = MiB;

/**
 * Bytes of the message being assembled in one direction, up to a cap; counts what it had to drop.
 * One per direction, reused from message to message (a message's text or data is copied out when
 * it is emitted): a buffer per message was the dissector's largest allocation.
 */
class KeptBytes {
  buf: Uint8Array = EMPTY;
  length = 0;
  clipped = false;
  cap = 0;

  reset(cap: number): void {
    this.cap = cap;
    this.length = 0;
    this.clipped = false;
  }

  append(bytes: Uint8Array): void {
    const room = this.cap - this.length;
    const take = Math.min(room, bytes.length);
    if (take < bytes.length) this.clipped = true;
    if (take <= 0) return;
    if (this.length + take > this.buf.length) {
      let size = Math.max(256, this.buf.length * 2);
      while (size < this.length + take) size *= 2;
      const next = new Uint8Array(Math.min(size, this.cap));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(take === bytes.length ? bytes : bytes.subarray(0, take), this.length);
    this.length += take;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  release(): void {
    if (this.buf.length > KEEP_BUFFER_AFTER_MESSAGE) this.buf = EMPTY;
  }
}

/** A text or binary message whose frames are still arriving. */
interface Building {
  type: 'text' | 'binary';
  compressed: boolean;
  firstFrame: number;
  lastFrame: number;
  frames: number[];
  fragments: number;
  wireLength: number;
  /** Decoded bytes so far. */
  length: number;
  /** Compressed bytes fed to the inflater so far (for the ratio limit). */
  compressedIn: number;
  /**
   * Text only: the kept bytes got clipped, so validity is checked as bytes stream by (the
   * direction's validator) instead of once over the kept bytes at the end.
   */
  validating: boolean;
  incomplete: boolean;
  /** Decoding of this message stopped (limit, inflate error, lost bytes). */
  stopped: boolean;
  tooManyFragments: boolean;
}

class DirectionState {
  readonly queue = new ByteQueue();
  state = State.GET_INFO;
  started = false;
  /**
   * (stream offset, capture frame) of each queued chunk, to find the frame of a header's first
   * byte; entries before markHead are spent (dropped in bulk rather than by copying each push).
   */
  marks: number[] = [];
  markHead = 0;
  lastFrame = 0;
  // The frame being parsed.
  fin = false;
  rsv = 0;
  opcode = 0;
  masked = false;
  readonly mask = new Uint8Array(4);
  payloadLength = 0;
  headerLength = 0;
  lengthForm: 7 | 16 | 64 = 7;
  headerOffset = 0;
  firstFrame = 0;
  /** Payload bytes still to skip (oversized or partly lost payloads). */
  skipRemaining = 0;
  skipping = false;
  /** Owned buffer collecting a payload that arrives over several pushes, and how much is filled. */
  payload: Uint8Array | null = null;
  filled = 0;
  lostBytes = false;
  // Message state.
  message: Building | null = null;
  /** The message's bytes and UTF-8 state (one message is assembled at a time per direction). */
  readonly kept = new KeptBytes();
  readonly utf8 = new Utf8Validator();
  closeSent = false;
  // permessage-deflate for what this side sends.
  inflater: BoundedInflater | null = null;
  inflateDisabled = false;

  constructor(
    readonly dir: 0 | 1,
    readonly side: WsSide,
    readonly noContextTakeover: boolean,
    readonly windowBits: number,
  ) {}

  frameAt(offset: number): number {
    const m = this.marks;
    for (let i = m.length - 2; i >= this.markHead; i -= 2) if (m[i]! <= offset) return m[i + 1]!;
    return this.lastFrame;
  }

  /** Drops marks wholly before the read position (keeps the one covering it). */
  pruneMarks(): void {
    const m = this.marks;
    const offset = this.queue.offset;
    let head = this.markHead;
    while (head + 2 < m.length && m[head + 2]! <= offset) head += 2;
    if (head >= 64 && head * 2 >= m.length) {
      m.copyWithin(0, head);
      m.length -= head;
      head = 0;
    }
    this.markHead = head;
  }

  clearMarks(): void {
    this.marks.length = 0;
    this.markHead = 0;
  }
}

export class WebSocketParser {
  /** Frames recorded so far, column-wise; `frames` makes the objects when asked. */
  private readonly table = new FrameTable();
  private readonly frameObjects: WsFrame[] = [];
  /** Messages recorded so far, column-wise with their kept bytes; `messages` makes the objects. */
  private readonly messageTable: MessageTable;
  private readonly messageObjects: WsMessage[] = [];
  readonly diagnostics: Diagnostic[] = [];

  private readonly limits: Limits;
  private readonly extensions: NegotiatedExtensions | null;
  private readonly dirs: [DirectionState, DirectionState];
  private framesDropped = false;
  private messagesDropped = false;
  private diagnosticsDropped = false;
  /** Unmasked payloads of borrowed frames; grows on demand up to UNMASK_SCRATCH_MAX. */
  private scratch = EMPTY;

  constructor(
    private readonly listener: WebSocketListener,
    options: WebSocketOptions = {},
  ) {
    const l = options.limits ?? {};
    this.limits = {
      maxFramePayload: l.maxFramePayload ?? 16 * MiB,
      maxMessageBytes: l.maxMessageBytes ?? 16 * MiB,
      maxRatio: l.maxRatio ?? 1000,
      maxFragments: l.maxFragments ?? 10000,
      maxKeptBytes: l.maxKeptBytes ?? 64 * 1024,
      maxTextBytes: l.maxTextBytes ?? 16 * MiB,
      maxHexBytes: l.maxHexBytes ?? 256,
      maxFrames: l.maxFrames ?? 200_000,
      maxMessages: l.maxMessages ?? 200_000,
      maxDiagnostics: l.maxDiagnostics ?? 10_000,
    };
    this.messageTable = new MessageTable(this.limits.maxHexBytes);
    this.extensions = options.extensions ?? null;
    const pmd = this.extensions?.permessageDeflate ?? null;
    this.dirs = [
      new DirectionState(0, 'client', pmd?.clientNoContextTakeover ?? false, pmd?.clientMaxWindowBits ?? 15),
      new DirectionState(1, 'server', pmd?.serverNoContextTakeover ?? false, pmd?.serverMaxWindowBits ?? 15),
    ];
  }

  /**
   * The recorded frames as WsFrame objects, made on first access (the same array, extended, on
   * later ones). Counting them needs no objects: see frameCount.
   */
  get frames(): WsFrame[] {
    const out = this.frameObjects;
    const table = this.table;
    for (let i = out.length; i < table.count; i++) out.push(table.get(i));
    return out;
  }

  get frameCount(): number {
    return this.table.count;
  }

  /** Frame i (< frameCount): the object `frames` holds, or a new one if none was made yet. */
  frameAt(i: number): WsFrame {
    return this.frameObjects[i] ?? this.table.get(i);
  }

  /**
   * The recorded messages as WsMessage objects, made on first access (the same array, extended, on
   * later ones): their text, hex and data are decoded from the kept bytes only then. Counting
   * them needs no objects: see messageCount and messageFrom.
   */
  get messages(): WsMessage[] {
    const out = this.messageObjects;
    const table = this.messageTable;
    for (let i = out.length; i < table.count; i++) out.push(table.get(i));
    return out;
  }

  get messageCount(): number {
    return this.messageTable.count;
  }

  /** Sender and type of message i (< messageCount), without making its object. */
  messageFrom(i: number): WsSide {
    return this.messageTable.isServer(i) ? 'server' : 'client';
  }

  messageType(i: number): WsMessageType {
    return this.messageTable.typeOf(i);
  }

  /** Message i (< messageCount): the object `messages` holds, or a new one if none was made yet. */
  messageAt(i: number): WsMessage {
    return this.messageObjects[i] ?? this.messageTable.get(i);
  }

  push(dir: 0 | 1, chunk: StreamChunk): void {
    const d = this.dirs[dir];
    if (d.state === State.ENDED) return;
    let data = chunk.data;
    let offset = chunk.offset;
    d.lastFrame = chunk.frame;
    if (!d.started) {
      d.started = true;
      d.queue.advanceOffset(offset);
    }
    const expected = d.queue.offset + d.queue.length;
    if (offset > expected) {
      this.gap(dir, expected, offset - expected, chunk.frame);
    } else if (offset < expected) {
      // Bytes already delivered: TCP hands each byte once, so this is a caller slip; keep the new part.
      const overlap = expected - offset;
      if (overlap >= data.length) return;
      data = data.subarray(overlap);
      offset = expected;
    }
    if (data.length === 0) return;
    if (d.state === State.LOST) {
      d.queue.advanceOffset(data.length);
      return;
    }
    if (d.state === State.GET_INFO && d.queue.length === 0) {
      // Nothing pending: the frames lying whole in this chunk (nearly all of them) are read from
      // it in place, without queueing its bytes or making a view per frame; only a frame cut at
      // the chunk's end goes through the queue and the state loop below.
      const used = this.wholeFrames(d, data, offset, chunk.frame);
      if (used > 0) {
        d.queue.advanceOffset(used);
        if (used === data.length) return;
        data = data.subarray(used);
        offset += used;
      }
    }
    d.marks.push(offset, chunk.frame);
    d.queue.push(data);
    this.run(d, chunk.frame);
    d.pruneMarks();
    d.queue.retain();
  }

  gap(dir: 0 | 1, offset: number, length: number, frame: number): void {
    const d = this.dirs[dir];
    if (d.state === State.ENDED || length <= 0) return;
    if (!d.started) {
      d.started = true;
      d.queue.advanceOffset(offset + length);
      this.lose(d, frame, `the first ${length} bytes of the ${d.side} stream were not captured`);
      return;
    }
    d.lastFrame = frame;
    if (d.state === State.LOST) {
      d.queue.advanceOffset(length);
      return;
    }
    if (d.state === State.GET_DATA) {
      const have = d.filled + d.queue.length;
      const needed = d.skipping ? d.skipRemaining : d.payloadLength - have;
      if (length <= needed) {
        // The gap lies inside this frame's payload: its end is still known, so parsing resumes there.
        if (!d.skipping) {
          d.skipping = true;
          d.skipRemaining = d.payloadLength - have;
          d.payload = null;
          d.queue.clear();
        }
        d.skipRemaining -= length;
        d.lostBytes = true;
        d.queue.advanceOffset(length);
        this.report('ws.truncated', 'note', frame, `${length} bytes of a frame payload were not captured`);
        if (d.skipRemaining === 0) this.finishSkippedFrame(d, frame);
        return;
      }
    }
    const partial = d.state !== State.GET_INFO || d.queue.length > 0;
    d.queue.advanceOffset(length);
    this.lose(
      d,
      frame,
      `${length} bytes not captured${partial ? ' inside a frame' : ''}: frame boundaries are lost`,
    );
  }

  end(dir: 0 | 1, reason: 'fin' | 'rst' | 'eof', frame: number | null): void {
    const d = this.dirs[dir];
    if (d.state === State.ENDED) return;
    const at = frame ?? d.lastFrame;
    if (d.state !== State.LOST) {
      if (d.state !== State.GET_INFO || d.queue.length > 0) {
        this.report('ws.truncated', 'note', at, `stream ended (${reason}) inside a ${d.side} frame`);
        if (d.state === State.GET_DATA) this.completeFrame(d, null, 0, 0, at, true);
      }
      if (d.message !== null) {
        this.report(
          'ws.truncated',
          'note',
          at,
          `stream ended (${reason}) inside a fragmented ${d.side} message`,
        );
        this.interruptMessage(d, at);
      }
    }
    d.payload = null;
    d.queue.clear();
    d.clearMarks();
    d.state = State.ENDED;
  }

  finish(): void {
    this.end(0, 'eof', null);
    this.end(1, 'eof', null);
  }

  // ---- driver loop ----

  private run(d: DirectionState, frame: number): void {
    const q = d.queue;
    for (;;) {
      switch (d.state) {
        case State.GET_INFO: {
          if (q.length < 2) return;
          const b0 = q.byteAt(0);
          const b1 = q.byteAt(1);
          d.headerOffset = q.offset;
          d.firstFrame = d.frameAt(q.offset);
          d.fin = (b0 & 0x80) !== 0;
          d.rsv = (b0 >>> 4) & 7;
          d.opcode = b0 & 0x0f;
          d.masked = (b1 & 0x80) !== 0;
          d.headerLength = 2;
          d.lostBytes = false;
          d.payload = null;
          d.filled = 0;
          q.skip(2);
          const len7 = b1 & 0x7f;
          if (len7 === 126) d.state = State.GET_PAYLOAD_LENGTH_16;
          else if (len7 === 127) d.state = State.GET_PAYLOAD_LENGTH_64;
          else {
            d.payloadLength = len7;
            d.lengthForm = 7;
            this.headerLengthDone(d);
          }
          break;
        }
        case State.GET_PAYLOAD_LENGTH_16:
          if (q.length < 2) return;
          d.payloadLength = (q.byteAt(0) << 8) | q.byteAt(1);
          d.lengthForm = 16;
          d.headerLength += 2;
          q.skip(2);
          this.headerLengthDone(d);
          break;
        case State.GET_PAYLOAD_LENGTH_64: {
          if (q.length < 8) return;
          const hi = ((q.byteAt(0) << 24) | (q.byteAt(1) << 16) | (q.byteAt(2) << 8) | q.byteAt(3)) >>> 0;
          const lo = ((q.byteAt(4) << 24) | (q.byteAt(5) << 16) | (q.byteAt(6) << 8) | q.byteAt(7)) >>> 0;
          q.skip(8);
          d.headerLength += 8;
          // §5.2: the most significant bit must be 0. Beyond 2^53 - 1 no stream could hold the frame
          // either, and the frame end would not be representable: both lose the frame boundaries.
          if (hi >= 0x200000) {
            this.report(
              'ws.frame.length_invalid',
              'error',
              frame,
              `64-bit payload length 0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')} is impossible`,
            );
            this.lose(d, frame, 'frame boundaries are lost after an impossible length');
            return;
          }
          d.payloadLength = hi * 0x100000000 + lo;
          d.lengthForm = 64;
          this.headerLengthDone(d);
          break;
        }
        case State.GET_MASK:
          if (q.length < 4) return;
          for (let i = 0; i < 4; i++) d.mask[i] = q.byteAt(i);
          d.headerLength += 4;
          q.skip(4);
          d.state = State.GET_DATA;
          break;
        case State.GET_DATA: {
          if (d.skipping) {
            const take = Math.min(q.length, d.skipRemaining);
            q.skip(take);
            d.skipRemaining -= take;
            if (d.skipRemaining > 0) return;
            this.finishSkippedFrame(d, frame);
            break;
          }
          if (d.payload === null && q.length >= d.payloadLength) {
            // The whole payload is queued: a view when it lies in one chunk, no copy.
            const payload = d.payloadLength === 0 ? EMPTY : q.peek(d.payloadLength);
            this.completeFrame(d, payload, 0, payload.length, frame, false, false);
            q.skip(d.payloadLength);
            d.state = State.GET_INFO;
            break;
          }
          // Otherwise collect it into one owned buffer as it arrives: a long payload in many small
          // chunks then costs O(length), and the queue never holds thousands of pieces.
          if (d.payload === null) {
            d.payload = new Uint8Array(d.payloadLength);
            d.filled = 0;
          }
          const take = Math.min(q.length, d.payloadLength - d.filled);
          if (take > 0) {
            d.payload.set(q.peek(take), d.filled);
            q.skip(take);
            d.filled += take;
          }
          if (d.filled < d.payloadLength) return;
          const payload = d.payload;
          d.payload = null;
          this.completeFrame(d, payload, 0, payload.length, frame, false, true);
          d.state = State.GET_INFO;
          break;
        }
        case State.LOST:
          q.clear();
          return;
        case State.ENDED:
          return;
      }
    }
  }

  /**
   * The whole frames at the start of `data` (stream offset `base`, capture frame `frame`), read
   * straight from it with the header fields the states GET_INFO..GET_MASK would set. Stops at the
   * first frame not wholly there, or one the state loop must handle (oversized payload, impossible
   * length). Returns the bytes used.
   */
  private wholeFrames(d: DirectionState, data: Uint8Array, base: number, frame: number): number {
    const n = data.length;
    const maxPayload = this.limits.maxFramePayload;
    let p = 0;
    while (n - p >= 2 && d.state === State.GET_INFO) {
      const b0 = data[p]!;
      const b1 = data[p + 1]!;
      const len7 = b1 & 0x7f;
      let h = 2;
      let length = len7;
      let form: 7 | 16 | 64 = 7;
      if (len7 === 126) {
        if (n - p < 4) break;
        length = (data[p + 2]! << 8) | data[p + 3]!;
        h = 4;
        form = 16;
      } else if (len7 === 127) {
        if (n - p < 10) break;
        const hi = ((data[p + 2]! << 24) | (data[p + 3]! << 16) | (data[p + 4]! << 8) | data[p + 5]!) >>> 0;
        if (hi >= 0x200000) break;
        const lo = ((data[p + 6]! << 24) | (data[p + 7]! << 16) | (data[p + 8]! << 8) | data[p + 9]!) >>> 0;
        length = hi * 0x100000000 + lo;
        h = 10;
        form = 64;
      }
      const masked = (b1 & 0x80) !== 0;
      if (masked) {
        if (n - p < h + 4) break;
        const mask = d.mask;
        mask[0] = data[p + h]!;
        mask[1] = data[p + h + 1]!;
        mask[2] = data[p + h + 2]!;
        mask[3] = data[p + h + 3]!;
        h += 4;
      }
      if (length > maxPayload || n - p - h < length) break;
      d.headerOffset = base + p;
      d.firstFrame = frame;
      d.fin = (b0 & 0x80) !== 0;
      d.rsv = (b0 >>> 4) & 7;
      d.opcode = b0 & 0x0f;
      d.masked = masked;
      d.headerLength = h;
      d.lostBytes = false;
      d.payload = null;
      d.filled = 0;
      d.payloadLength = length;
      d.lengthForm = form;
      d.skipping = false;
      this.completeFrame(d, data, p + h, p + h + length, frame, false);
      p += h + length;
    }
    return p;
  }

  private headerLengthDone(d: DirectionState): void {
    if (d.payloadLength > this.limits.maxFramePayload) {
      d.skipping = true;
      d.skipRemaining = d.payloadLength;
    } else {
      d.skipping = false;
    }
    d.state = d.masked ? State.GET_MASK : State.GET_DATA;
  }

  private finishSkippedFrame(d: DirectionState, frame: number): void {
    d.skipping = false;
    if (!d.lostBytes) {
      this.report(
        'ws.frame.too_large',
        'note',
        frame,
        `frame payload of ${d.payloadLength} bytes exceeds the ${this.limits.maxFramePayload}-byte limit: not decoded`,
      );
    }
    this.completeFrame(d, null, 0, 0, frame, false);
    d.state = State.GET_INFO;
  }

  private lose(d: DirectionState, frame: number, why: string): void {
    this.report('ws.truncated', 'note', frame, why);
    // A frame whose header was read is listed as truncated; a partial header is just lost.
    if (d.state === State.GET_DATA) this.completeFrame(d, null, 0, 0, frame, true);
    if (d.message !== null) this.interruptMessage(d, frame);
    d.payload = null;
    d.queue.clear();
    d.clearMarks();
    d.state = State.LOST;
  }

  // ---- frames ----

  /**
   * A frame is complete (its payload is src[start, end), still masked if it was), skipped or lost
   * (src null). `cut`: the capture ended inside it. `owned`: src is our own buffer (unmasked in
   * place) rather than borrowed bytes.
   */
  private completeFrame(
    d: DirectionState,
    src: Uint8Array | null,
    start: number,
    end: number,
    frame: number,
    cut: boolean,
    owned = false,
  ): void {
    const { opcode, rsv, fin, masked, payloadLength: length } = d;
    const side = d.side;
    const truncated = cut || d.lostBytes;
    const control = opcode >= 8;
    const pmd = this.extensions?.permessageDeflate ?? null;

    if (side === 'client' && !masked)
      this.report('ws.frame.client_unmasked', 'error', frame, 'client frame not masked (RFC 6455 §5.1)');
    if (side === 'server' && masked)
      this.report('ws.frame.server_masked', 'error', frame, 'server frame masked (RFC 6455 §5.1)');
    if (d.closeSent)
      this.report(
        'ws.frame.after_close',
        'error',
        frame,
        `${side} sent a frame after its Close frame (RFC 6455 §5.5.1)`,
      );
    const reserved = (opcode >= 3 && opcode <= 7) || opcode >= 11;
    if (reserved)
      this.report(
        'ws.frame.opcode_reserved',
        'error',
        frame,
        `reserved opcode 0x${opcode.toString(16)} (RFC 6455 §5.2)`,
      );
    if (control && length > 125)
      this.report(
        'ws.frame.control_too_long',
        'error',
        frame,
        `control frame payload of ${length} bytes, at most 125 allowed (RFC 6455 §5.5)`,
      );
    if (control && !fin)
      this.report('ws.frame.control_fragmented', 'error', frame, 'control frame without FIN (RFC 6455 §5.5)');
    if (rsv !== 0 && (this.extensions?.others.length ?? 0) === 0) {
      const rsv1Usable = pmd !== null && (opcode === 1 || opcode === 2);
      if ((rsv & 3) !== 0 || (rsv & 4 && pmd === null)) {
        this.report(
          'ws.frame.rsv_without_extension',
          'error',
          frame,
          `RSV bits ${rsv.toString(2).padStart(3, '0')} set without a negotiated extension using them (RFC 6455 §5.2)`,
        );
      } else if (rsv & 4 && !rsv1Usable) {
        this.report(
          'ws.frame.rsv1_misplaced',
          'error',
          frame,
          'RSV1 set on a control or continuation frame: permessage-deflate marks only the first frame of a message (RFC 7692 §6)',
        );
      }
    }
    if ((d.lengthForm === 16 && length < 126) || (d.lengthForm === 64 && length < 65536)) {
      this.report(
        'ws.frame.length_not_minimal',
        'warn',
        frame,
        `payload length ${length} in the ${d.lengthForm}-bit form; the minimal encoding is required (RFC 6455 §5.2)`,
      );
    }

    const mask = d.mask;
    const index =
      this.table.count >= this.limits.maxFrames
        ? this.dropFrame(frame)
        : this.recordFrame(
            this.table.addFields(
              frame,
              d.firstFrame,
              side,
              fin,
              rsv,
              opcode,
              masked ? ((mask[0]! << 24) | (mask[1]! << 16) | (mask[2]! << 8) | mask[3]!) >>> 0 : null,
              length,
              d.headerLength,
              d.lengthForm,
              d.headerOffset,
              truncated,
              src === null && !truncated,
            ),
          );

    if (control) {
      const payload = src === null ? null : this.payloadOf(d, src, start, end, owned);
      this.controlFrame(d, payload, frame, index, truncated);
    } else if (opcode === 0) {
      const payload = src === null ? null : this.payloadOf(d, src, start, end, owned);
      this.continuationFrame(d, payload, frame, index);
    } else if (opcode === 1 || opcode === 2) {
      this.dataFrame(d, src, start, end, owned, frame, index, (rsv & 4) !== 0 && pmd !== null);
    }
    if (opcode === 8) d.closeSent = true;
  }

  /** The frame's payload src[start, end), unmasked. */
  private payloadOf(
    d: DirectionState,
    src: Uint8Array,
    start: number,
    end: number,
    owned: boolean,
  ): Uint8Array {
    const raw = start === 0 && end === src.length ? src : src.subarray(start, end);
    return d.masked ? this.unmask(raw, d.mask, owned) : raw;
  }

  /** RFC 6455 §5.3. Borrowed bytes are unmasked into a reused scratch buffer (or a new one when large). */
  private unmask(raw: Uint8Array, mask: Uint8Array, inPlace: boolean): Uint8Array {
    const n = raw.length;
    if (!inPlace && n > this.scratch.length && n <= UNMASK_SCRATCH_MAX)
      this.scratch = new Uint8Array(Math.min(UNMASK_SCRATCH_MAX, Math.max(n, 4096)));
    const out = inPlace ? raw : n <= this.scratch.length ? this.scratch.subarray(0, n) : new Uint8Array(n);
    const m0 = mask[0]!;
    const m1 = mask[1]!;
    const m2 = mask[2]!;
    const m3 = mask[3]!;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      out[i] = raw[i]! ^ m0;
      out[i + 1] = raw[i + 1]! ^ m1;
      out[i + 2] = raw[i + 2]! ^ m2;
      out[i + 3] = raw[i + 3]! ^ m3;
    }
    for (; i < n; i++) out[i] = raw[i]! ^ mask[i & 3]!;
    return out;
  }

  private controlFrame(
    d: DirectionState,
    payload: Uint8Array | null,
    frame: number,
    index: number,
    truncated: boolean,
  ): void {
    const type = d.opcode === 8 ? TYPE_CLOSE : d.opcode === 9 ? TYPE_PING : d.opcode === 10 ? TYPE_PONG : -1;
    if (type < 0) return; // reserved control opcode: already reported
    // What the message's text (and a close's reason) will be decoded from: see message-table.ts.
    let flags = 0;
    let code: number | null = null;
    if (payload !== null) {
      if (type === TYPE_CLOSE) {
        if (payload.length === 1) {
          this.report(
            'ws.close.payload_invalid',
            'error',
            frame,
            'close payload of 1 byte: a status code needs 2 (RFC 6455 §5.5.1)',
          );
        } else if (payload.length >= 2) {
          code = (payload[0]! << 8) | payload[1]!;
          if (!isValidCloseCode(code))
            this.report(
              'ws.close.code_invalid',
              'error',
              frame,
              `close code ${code} may not be sent (RFC 6455 §7.4)`,
            );
          const reasonBytes = payload.subarray(2);
          if (!isValidUtf8(reasonBytes))
            this.report(
              'ws.close.payload_invalid',
              'error',
              frame,
              'close reason is not valid UTF-8 (RFC 6455 §5.5.1)',
            );
          else if (reasonBytes.length <= this.limits.maxTextBytes && !this.messagesFull(frame))
            flags = HAS_REASON;
        }
      } else if (
        payload.length <= this.limits.maxTextBytes &&
        !this.messagesFull(frame) &&
        isValidUtf8(payload)
      ) {
        flags = HAS_TEXT;
      }
    }
    if (this.messagesFull(frame)) return;
    let size = 0;
    if (payload !== null) {
      flags |= HAS_HEX;
      // The hex shows at most maxHexBytes; text and reason need the whole payload.
      size =
        flags & (HAS_TEXT | HAS_REASON) ? payload.length : Math.min(payload.length, this.limits.maxHexBytes);
      if (size > 0) this.keepBytes(payload, size);
    }
    this.recordMessage(
      d.side,
      type,
      flags |
        stateFlags(
          false,
          payload !== null && payload.length > this.limits.maxHexBytes,
          payload === null || truncated,
        ),
      payload?.length ?? 0,
      d.payloadLength,
      code,
      d.firstFrame,
      frame,
      index,
      size,
    );
  }

  /** Copies the first `n` bytes of `bytes` to the message table as the next message's kept bytes. */
  private keepBytes(bytes: Uint8Array, n: number): void {
    const table = this.messageTable;
    table.reserve(n);
    table.buf.set(n === bytes.length ? bytes : bytes.subarray(0, n), table.pos);
  }

  private dataFrame(
    d: DirectionState,
    src: Uint8Array | null,
    start: number,
    end: number,
    owned: boolean,
    frame: number,
    index: number,
    compressed: boolean,
  ): void {
    if (d.message !== null) {
      this.report(
        'ws.frame.new_message_in_fragmented',
        'error',
        frame,
        'new data message while a fragmented one is unfinished (RFC 6455 §5.4)',
      );
      this.interruptMessage(d, d.message.lastFrame);
    }
    const type = d.opcode === 1 ? 'text' : 'binary';
    if (d.fin && !compressed && src !== null && this.limits.maxFragments >= 1) {
      // Most messages are one plain frame: kept straight from its payload, no assembly.
      this.emitWholeFrame(d, type, src, start, end, frame, index);
      return;
    }
    const payload = src === null ? null : this.payloadOf(d, src, start, end, owned);
    const m: Building = {
      type,
      compressed,
      firstFrame: d.firstFrame,
      lastFrame: frame,
      frames: [],
      fragments: 0,
      wireLength: 0,
      length: 0,
      compressedIn: 0,
      validating: false,
      incomplete: false,
      stopped: false,
      tooManyFragments: false,
    };
    d.kept.reset(type === 'text' ? this.limits.maxTextBytes : this.limits.maxKeptBytes);
    d.utf8.reset();
    if (compressed) {
      if (d.inflateDisabled) {
        m.stopped = true;
        m.incomplete = true;
      } else if (d.inflater === null) {
        d.inflater = new BoundedInflater(d.windowBits);
      } else if (d.noContextTakeover) {
        d.inflater.reset();
      }
    }
    d.message = m;
    this.fragment(d, m, payload, frame, index);
  }

  private continuationFrame(
    d: DirectionState,
    payload: Uint8Array | null,
    frame: number,
    index: number,
  ): void {
    const m = d.message;
    if (m === null) {
      this.report(
        'ws.frame.continuation_unexpected',
        'error',
        frame,
        'continuation frame without a message to continue (RFC 6455 §5.4)',
      );
      return;
    }
    this.fragment(d, m, payload, frame, index);
  }

  private fragment(
    d: DirectionState,
    m: Building,
    payload: Uint8Array | null,
    frame: number,
    index: number,
  ): void {
    m.fragments++;
    m.lastFrame = frame;
    m.wireLength += d.payloadLength;
    if (m.fragments > this.limits.maxFragments) {
      if (!m.tooManyFragments) {
        m.tooManyFragments = true;
        this.report(
          'ws.message.too_many_fragments',
          'warn',
          frame,
          `message has more than ${this.limits.maxFragments} fragments: later ones are not listed`,
        );
      }
    } else if (index >= 0) {
      m.frames.push(index);
    }
    if (payload === null) {
      this.contentLost(d, m, frame);
    } else if (!m.stopped) {
      this.decode(d, m, payload, frame);
    }
    if (d.fin) {
      if (m.compressed && !m.stopped && !d.inflater!.atStreamEnd) this.decode(d, m, DEFLATE_TAIL, frame);
      this.emitMessage(d, m, frame);
    }
  }

  /** Part of the message's payload is unknown from here on. */
  private contentLost(d: DirectionState, m: Building, frame: number): void {
    m.incomplete = true;
    if (!m.stopped) {
      m.stopped = true;
      if (m.compressed) this.inflaterBroken(d, frame, 'compressed bytes were not seen');
    }
  }

  /** Under context takeover a lost or failed message leaves the sender's LZ77 window unknown. */
  private inflaterBroken(d: DirectionState, frame: number, why: string): void {
    if (d.noContextTakeover || d.inflateDisabled) return;
    d.inflateDisabled = true;
    this.report(
      'ws.deflate.disabled',
      'note',
      frame,
      `${why}: with context takeover, later compressed ${d.side} messages cannot be decoded`,
    );
  }

  private decode(d: DirectionState, m: Building, payload: Uint8Array, frame: number): void {
    if (!m.compressed) {
      m.length += payload.length;
      this.keep(d, m, payload);
      return;
    }
    if (payload.length === 0) return;
    const limits = this.limits;
    const base = m.compressedIn;
    let exceeded = false;
    const outcome = d.inflater!.push(payload, (piece, consumed) => {
      m.length += piece.length;
      this.keep(d, m, piece);
      const input = base + consumed;
      if (
        m.length > limits.maxMessageBytes ||
        (m.length > RATIO_CHECK_AFTER && m.length > limits.maxRatio * input)
      ) {
        exceeded = true;
        return false;
      }
      return true;
    });
    m.compressedIn += payload.length;
    if (outcome === 'ok') return;
    m.stopped = true;
    m.incomplete = true;
    if (exceeded) {
      this.report(
        'ws.deflate.limit_exceeded',
        'warn',
        frame,
        `decompressed message passed ${m.length} bytes from ${m.compressedIn} compressed (limits: ${limits.maxMessageBytes} bytes, ratio ${limits.maxRatio}): rest skipped`,
      );
      this.inflaterBroken(d, frame, 'inflation stopped at the limit');
    } else {
      this.report(
        'ws.deflate.error',
        'error',
        frame,
        `permessage-deflate payload does not inflate: ${d.inflater!.message} (RFC 7692 §7.2.2)`,
      );
      this.inflaterBroken(d, frame, 'the inflater failed');
    }
  }

  private keep(d: DirectionState, m: Building, bytes: Uint8Array): void {
    const k = d.kept;
    if (m.type === 'text') {
      if (m.validating) {
        d.utf8.push(bytes);
      } else if (k.length + bytes.length > k.cap) {
        // The kept bytes will no longer hold the whole text: validate what streams by from here.
        d.utf8.push(k.bytes());
        d.utf8.push(bytes);
        m.validating = true;
      }
    }
    k.append(bytes);
  }

  /** The message will get no more frames (truncated, or a new message started). */
  private interruptMessage(d: DirectionState, frame: number): void {
    const m = d.message!;
    this.contentLost(d, m, frame);
    this.emitMessage(d, m, m.lastFrame);
  }

  /**
   * RFC 6455 §8.1 for bytes held whole. `cut`: the message ended early, so a character cut at the
   * end is not an error. (Checked on the bytes: the text itself is decoded only when asked for.)
   */
  private validUtf8(d: DirectionState, bytes: Uint8Array, cut: boolean): boolean {
    const v = d.utf8;
    v.reset();
    return v.push(bytes) && (cut || v.finish());
  }

  private invalidText(frame: number): void {
    this.report('ws.text.invalid_utf8', 'error', frame, 'text message is not valid UTF-8 (RFC 6455 §8.1)');
  }

  /**
   * A complete, unfragmented, uncompressed data frame: the message is its payload, src[start, end)
   * (masked if the frame was), copied (unmasked) straight to the message table.
   */
  private emitWholeFrame(
    d: DirectionState,
    type: 'text' | 'binary',
    src: Uint8Array,
    start: number,
    end: number,
    frame: number,
    index: number,
  ): void {
    const limits = this.limits;
    const table = this.messageTable;
    const listed = table.count < limits.maxMessages;
    const length = end - start;
    const text = type === 'text';
    const cap = text ? limits.maxTextBytes : limits.maxKeptBytes;
    const clipped = length > cap;
    const size = listed ? (clipped ? cap : length) : 0;
    let high = 0;
    if (size > 0) {
      table.reserve(size);
      high = copyPayload(src, start, size, table.buf, table.pos, d.masked ? d.mask : null, text);
    }
    if (text) {
      // All ASCII (the usual case) is valid UTF-8 without a closer look.
      const valid =
        listed && !clipped
          ? high < 0x80 || this.validUtf8(d, table.buf.subarray(table.pos, table.pos + size), false)
          : this.validUtf8(d, this.payloadOf(d, src, start, end, false), false);
      if (!valid) this.invalidText(frame);
    }
    this.recordMessage(
      d.side,
      text ? TYPE_TEXT : TYPE_BINARY,
      (listed ? (text ? HAS_TEXT : HAS_DATA | HAS_HEX) : 0) | stateFlags(false, clipped, false),
      length,
      d.payloadLength,
      null,
      d.firstFrame,
      frame,
      index,
      size,
    );
  }

  private emitMessage(d: DirectionState, m: Building, lastFrame: number): void {
    d.message = null;
    const kept = d.kept;
    const bytes = kept.bytes();
    const listed = this.messageTable.count < this.limits.maxMessages;
    let flags = 0;
    if (m.type === 'text') {
      const valid = m.validating
        ? d.utf8.valid && (m.incomplete || d.utf8.finish())
        : this.validUtf8(d, bytes, m.incomplete);
      if (!valid) this.invalidText(lastFrame);
      if (listed) flags = HAS_TEXT;
    } else if (listed) {
      flags = HAS_DATA | HAS_HEX;
    }
    const size = listed ? bytes.length : 0;
    if (size > 0) this.keepBytes(bytes, size);
    const clipped = kept.clipped;
    kept.release();
    this.recordMessage(
      d.side,
      m.type === 'text' ? TYPE_TEXT : TYPE_BINARY,
      flags | stateFlags(m.compressed, clipped, m.incomplete),
      m.length,
      m.wireLength,
      null,
      m.firstFrame,
      lastFrame,
      m.frames,
      size,
    );
  }

  // ---- records ----

  /** Past limits.maxFrames: the frame is parsed but not listed (checked before building the record). */
  private dropFrame(frame: number): number {
    if (!this.framesDropped) {
      this.framesDropped = true;
      this.report(
        'ws.limit.frames',
        'note',
        frame,
        `more than ${this.limits.maxFrames} frames: later ones are parsed but not listed`,
      );
    }
    return -1;
  }

  /** A frame was just added to the table as `index`. */
  private recordFrame(index: number): number {
    // A listener gets the object at once (and `frames` the same one).
    if (this.listener.frame) this.listener.frame(this.frames[index]!);
    return index;
  }

  /** Past limits.maxMessages (reported once): callers skip building the record. */
  private messagesFull(frame: number): boolean {
    if (this.messageTable.count < this.limits.maxMessages) return false;
    if (!this.messagesDropped) {
      this.messagesDropped = true;
      this.report(
        'ws.limit.messages',
        'note',
        frame,
        `more than ${this.limits.maxMessages} messages: later ones are not listed`,
      );
    }
    return true;
  }

  /** Records a message (its kept bytes, if `size` > 0, were written after reserve()). */
  private recordMessage(
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
  ): void {
    if (this.messagesFull(lastFrame)) return;
    const i = this.messageTable.add(
      side,
      type,
      flags,
      length,
      wireLength,
      code,
      firstFrame,
      lastFrame,
      frames,
      size,
    );
    // A listener gets the object at once (and `messages` the same one).
    if (this.listener.message) this.listener.message(this.messages[i]!);
  }

  private report(id: string, severity: Severity, frame: number | null, message: string): void {
    if (this.diagnostics.length >= this.limits.maxDiagnostics) {
      if (this.diagnosticsDropped) return;
      this.diagnosticsDropped = true;
      id = 'ws.limit.diagnostics';
      severity = 'note';
      message = `more than ${this.limits.maxDiagnostics} WebSocket diagnostics: later ones are dropped`;
    }
    const diag = diagnostic(id, severity, frame, message);
    this.diagnostics.push(diag);
    this.listener.diagnostic?.(diag);
  }
}

/**
 * Copies src[start, start + n) to dst[at, at + n), unmasked with `mask` (RFC 6455 §5.3) when given.
 * With `ascii`, returns the OR of the bytes copied (below 0x80: all ASCII); else 0.
 */
function copyPayload(
  src: Uint8Array,
  start: number,
  n: number,
  dst: Uint8Array,
  at: number,
  mask: Uint8Array | null,
  ascii: boolean,
): number {
  let acc = 0;
  if (mask === null) {
    if (n > 512) {
      // Long payloads: one native copy, then the ASCII test over the copy if asked.
      dst.set(src.subarray(start, start + n), at);
      if (ascii) for (let i = 0; i < n; i++) acc |= dst[at + i]!;
      return acc;
    }
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const b0 = src[start + i]!;
      const b1 = src[start + i + 1]!;
      const b2 = src[start + i + 2]!;
      const b3 = src[start + i + 3]!;
      dst[at + i] = b0;
      dst[at + i + 1] = b1;
      dst[at + i + 2] = b2;
      dst[at + i + 3] = b3;
      acc |= b0 | b1 | b2 | b3;
    }
    for (; i < n; i++) {
      const b = src[start + i]!;
      dst[at + i] = b;
      acc |= b;
    }
    return ascii ? acc : 0;
  }
  const m0 = mask[0]!;
  const m1 = mask[1]!;
  const m2 = mask[2]!;
  const m3 = mask[3]!;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const b0 = src[start + i]! ^ m0;
    const b1 = src[start + i + 1]! ^ m1;
    const b2 = src[start + i + 2]! ^ m2;
    const b3 = src[start + i + 3]! ^ m3;
    dst[at + i] = b0;
    dst[at + i + 1] = b1;
    dst[at + i + 2] = b2;
    dst[at + i + 3] = b3;
    acc |= b0 | b1 | b2 | b3;
  }
  for (; i < n; i++) {
    const b = src[start + i]! ^ mask[i & 3]!;
    dst[at + i] = b;
    acc |= b;
  }
  return ascii ? acc : 0;
}
