// One direction of an HTTP/1.x connection: the message framing of RFC 9112 §2-§7 as an explicit
// state machine with one driver loop (DESIGN §2; nodejs/llhttp's states are the model). The
// connection-level decisions (which request a response answers, what its body framing is, when to
// pause for an upgrade) belong to the host (Http1Parser); this file only cuts bytes into messages.
//
// Bytes arrive as borrowed StreamChunks; unconsumed bytes wait in a ByteQueue and are retained
// (copied) only when the loop stops in the middle of something. Stream offsets come from the
// chunks, so bytes the capture lost (gaps) never shift the offsets of what follows.

import { ByteQueue } from '../../bytes/byte-queue.ts';
import { latin1 } from '../../bytes/ascii.ts';
import type { Severity } from '../../diagnostics/diagnostic.ts';
import type { Direction, EndReason, StreamChunk } from '../../tcp/types.ts';
import { parseChunkSize } from './chunk-size.ts';
import { foldedValue, parseFieldLine } from './field-line.ts';
import { FrameMap } from './frame-map.ts';
import { matchMethod, matchStatusLine } from './sniff.ts';
import { requestMessage, responseMessage } from './message-start.ts';
import type { BodyFraming, DirectionLeftovers, HttpHeader, HttpMessage, StreamSpan } from './types.ts';

const CR = 0x0d;
const LF = 0x0a;

const enum State {
  /** Between messages: expecting a start line (leading empty lines are skipped, RFC 9112 §2.2). */
  Idle,
  Headers,
  BodyLength,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  /** Close-delimited body (RFC 9112 §6.3 rule 8): everything until the stream ends. */
  BodyClose,
  /** Looking for the next plausible start line after a gap or garbage. */
  Resync,
  /** Input is held, not parsed (after an Upgrade or CONNECT request, until its response). */
  Paused,
  /** Input is ignored (protocol switched, tunnel, gave up). */
  Stopped,
  /** The stream ended. */
  Ended,
}

export interface BodyDecision {
  framing: BodyFraming;
  length?: number;
}

/** What the reader asks of the connection. */
export interface ReaderHost {
  /** A start line was parsed; the message is new. */
  started(r: DirectionReader, msg: HttpMessage): void;
  /** Header block complete: how is the body framed? null = framing is broken, abandon the message. */
  headersDone(r: DirectionReader, msg: HttpMessage): BodyDecision | null;
  /** Message ended (msg.complete tells whether it ended where its framing said). */
  ended(r: DirectionReader, msg: HttpMessage): void;
  /** A message began inside a gap at `span`: the capture lost its start line, so it was not read. */
  lost(r: DirectionReader, frame: number, span: StreamSpan): void;
  diag(
    r: DirectionReader,
    id: string,
    severity: Severity,
    frame: number | null,
    message: string,
    span: StreamSpan | null,
  ): void;
}

export interface ReaderLimits {
  maxHeaderBytes: number;
  maxChunksPerMessage: number;
  maxResyncBytes: number;
}

type Held =
  | { kind: 'data'; chunk: StreamChunk }
  | { kind: 'gap'; offset: number; length: number; frame: number }
  | { kind: 'end'; reason: EndReason; frame: number | null };

interface Line {
  /** Length including the line ending. */
  total: number;
  /** Length of the content (without CR LF / LF). */
  len: number;
  bytes: Uint8Array;
  bareLf: boolean;
}

/** Position after the next LF at or after `from`, -1 if none. */
function nextLineStart(view: Uint8Array, from: number): number {
  const lf = view.indexOf(LF, from);
  return lf < 0 ? -1 : lf + 1;
}

export class DirectionReader {
  state: State = State.Idle;
  /** The message being read (null between messages). */
  msg: HttpMessage | null = null;
  /** The last message in this direction ended a non-persistent exchange: more bytes are unexpected. */
  afterClose = false;
  endReason: EndReason | null = null;

  private readonly q = new ByteQueue();
  private readonly frames = new FrameMap();
  /** Stream offset of the ByteQueue's offset 0. */
  private base = 0;
  /** Stream offset just past the last byte received (or skipped as a gap). */
  private expected = 0;
  private started = false;
  /** Where the next line-ending search resumes (bytes before it hold no LF). */
  private scanFrom = 0;
  private remaining = 0;
  private bodyStart = 0;
  private held: Held[] = [];
  private atLineStart = true;
  private resyncSkipped = 0;
  private bareLfReported = false;
  private gapReported = false;
  private afterCloseReported = false;
  /** The chunk being fed (borrowed: only during feed) and its stream offset, for readLine's fast path. */
  private chunk: Uint8Array | null = null;
  private chunkOffset = 0;
  /** readLine's result, reused (read it before the next call). */
  private readonly line: Line = { total: 0, len: 0, bytes: new Uint8Array(0), bareLf: false };
  /** Set by readLine when no line end came within its limit. */
  private tooLong = false;
  /** The chunk being read: its size line [chunkLineStart, chunkLineEnd), size and extensions. */
  private chunkLineStart = 0;
  private chunkLineEnd = 0;
  private chunkSize = 0;
  private chunkExt: string | undefined = undefined;

  constructor(
    readonly dir: Direction,
    private readonly host: ReaderHost,
    private readonly limits: ReaderLimits,
  ) {}

  /** Stream offset of the next unread byte. */
  get position(): number {
    return this.base + this.q.offset;
  }

  /** Input is ignored from now on. (A method, so TypeScript does not narrow across calls.) */
  halted(): boolean {
    return this.state === State.Stopped || this.state === State.Ended;
  }

  paused(): boolean {
    return this.state === State.Paused;
  }

  // ---- input -------------------------------------------------------------------------------

  push(chunk: StreamChunk): void {
    if (this.state === State.Stopped || this.state === State.Ended) return;
    let { data, offset } = chunk;
    if (data.length === 0) return;
    if (!this.started) this.begin(offset);
    if (offset < this.expected) {
      // Overlap (the TCP stage should never send it): keep only the new tail.
      const cut = this.expected - offset;
      if (cut >= data.length) return;
      data = data.subarray(cut);
      offset = this.expected;
    } else if (offset > this.expected) {
      this.gap(this.expected, offset - this.expected, chunk.frame);
      if (this.halted()) return;
    }
    this.expected = offset + data.length;
    if (this.state === State.Paused) {
      this.held.push({ kind: 'data', chunk: { data: data.slice(), frame: chunk.frame, offset } });
      return;
    }
    this.feed(data, offset, chunk.frame);
  }

  gap(offset: number, length: number, frame: number): void {
    if (this.state === State.Stopped || this.state === State.Ended || length <= 0) return;
    if (!this.started) this.begin(offset);
    if (offset + length <= this.expected) return;
    if (offset < this.expected) {
      length -= this.expected - offset;
      offset = this.expected;
    }
    this.expected = offset + length;
    if (this.state === State.Paused) {
      this.held.push({ kind: 'gap', offset, length, frame });
      return;
    }
    this.feedGap(offset, length, frame);
  }

  end(reason: EndReason, frame: number | null): void {
    if (this.state === State.Stopped || this.state === State.Ended) return;
    if (this.state === State.Paused) {
      this.held.push({ kind: 'end', reason, frame });
      return;
    }
    this.feedEnd(reason, frame);
  }

  private begin(offset: number): void {
    this.started = true;
    this.base = offset - this.q.offset;
    this.expected = offset;
  }

  private feed(data: Uint8Array, offset: number, frame: number): void {
    // The queue offset must line up with the chunk's stream offset when a chunk follows a gap
    // (or replayed after a pause, whose bytes were already taken off the queue): re-anchor.
    if (this.q.length === 0) this.base = offset - this.q.offset;
    this.frames.add(offset, frame);
    this.q.push(data);
    this.chunk = data;
    this.chunkOffset = offset;
    this.run();
    this.chunk = null;
    this.q.retain();
    this.frames.prune(this.position);
  }

  // ---- pause / stop (driven by the host) ----------------------------------------------------

  /** Hold further input unparsed (queued bytes included) until resume() or takeLeftovers(). */
  pause(): void {
    if (this.state === State.Stopped || this.state === State.Ended) return;
    const pending = this.queuedAsChunks();
    this.held = pending.map((chunk) => ({ kind: 'data', chunk }) as Held).concat(this.held);
    this.state = State.Paused;
  }

  /** Parse held input as HTTP again. */
  resume(): void {
    if (this.state !== State.Paused) return;
    this.state = State.Idle;
    const held = this.held;
    this.held = [];
    for (const h of held) {
      if (this.paused()) {
        this.held.push(h);
        continue;
      }
      if (this.halted()) break;
      if (h.kind === 'data') this.feed(h.chunk.data, h.chunk.offset, h.chunk.frame);
      else if (h.kind === 'gap') this.feedGap(h.offset, h.length, h.frame);
      else this.feedEnd(h.reason, h.frame);
    }
  }

  /** Stop parsing; returns what was not parsed as HTTP (owned copies, per frame, in order). */
  takeLeftovers(): DirectionLeftovers {
    const out: DirectionLeftovers = { dir: this.dir, chunks: [], gaps: [], end: null };
    if (this.state === State.Paused) {
      for (const h of this.held) {
        if (h.kind === 'data') out.chunks.push(h.chunk);
        else if (h.kind === 'gap') out.gaps.push({ offset: h.offset, length: h.length, frame: h.frame });
        else out.end = { reason: h.reason, frame: h.frame };
      }
    } else {
      out.chunks = this.queuedAsChunks();
    }
    this.held = [];
    this.state = State.Stopped;
    this.msg = null;
    return out;
  }

  /** Give up on this direction (input ignored from now on). */
  stop(): void {
    this.q.clear();
    this.held = [];
    this.state = State.Stopped;
  }

  private queuedAsChunks(): StreamChunk[] {
    const n = this.q.length;
    if (n === 0) return [];
    const from = this.position;
    const all = this.q.consume(n).slice();
    const pieces = this.frames.pieces(from, from + n);
    this.frames.prune(this.position);
    return pieces.map(([s, e, frame]) => ({ data: all.subarray(s - from, e - from), frame, offset: s }));
  }

  // ---- the driver loop ----------------------------------------------------------------------

  private run(): void {
    for (;;) {
      const progressed = this.step();
      if (!progressed) return;
    }
  }

  /** One state transition; false when more input is needed (or input is ignored). */
  private step(): boolean {
    switch (this.state) {
      case State.Idle:
        return this.stepIdle();
      case State.Headers:
        return this.stepFields(false);
      case State.Trailers:
        return this.stepFields(true);
      case State.BodyLength:
        return this.stepBodyLength();
      case State.ChunkSize:
        return this.stepChunkSize();
      case State.ChunkData:
        return this.stepChunkData();
      case State.ChunkDataEnd:
        return this.stepChunkDataEnd();
      case State.BodyClose:
        return this.stepBodyClose();
      case State.Resync:
        return this.stepResync();
      default:
        return false;
    }
  }

  /**
   * Next line (up to LF) within `limit` bytes. null: not complete yet (or longer than the limit:
   * then `tooLong` is set).
   */
  private readLine(limit: number): Line | null {
    this.tooLong = false;
    const q = this.q;
    const n = q.length;
    if (n === 0) return null;
    const end = Math.min(n, limit);
    let lf: number;
    let bytes: Uint8Array | null = null;
    const chunk = this.chunk;
    const rel = this.position - this.chunkOffset;
    if (chunk !== null && rel >= 0 && rel + n === chunk.length) {
      // Everything queued is the tail of the chunk being fed: a native search, a view, no copy.
      const at = chunk.indexOf(LF, rel + this.scanFrom);
      lf = at < 0 || at - rel >= end ? -1 : at - rel;
      if (lf >= 0) bytes = chunk.subarray(rel, rel + lf + 1);
    } else {
      lf = q.indexOfPair(LF, -1, this.scanFrom, end);
    }
    if (lf < 0) {
      if (n >= limit) this.tooLong = true;
      else this.scanFrom = n;
      return null;
    }
    this.scanFrom = 0;
    bytes ??= q.peek(lf + 1);
    const line = this.line;
    line.bytes = bytes;
    line.total = lf + 1;
    line.bareLf = lf === 0 || bytes[lf - 1] !== CR;
    line.len = line.bareLf ? lf : lf - 1;
    return line;
  }

  private consume(n: number): void {
    this.q.skip(n);
    this.scanFrom = 0;
  }

  private frameAt(offset: number): number | null {
    return this.frames.frameAt(offset);
  }

  private diag(
    id: string,
    severity: Severity,
    frame: number | null,
    message: string,
    span: StreamSpan | null,
  ): void {
    this.host.diag(this, id, severity, frame, message, span);
  }

  private noteBareLf(at: number): void {
    if (this.bareLfReported) return;
    this.bareLfReported = true;
    this.diag(
      'http1.line.bare_lf',
      'note',
      this.frameAt(at),
      'line ended by LF without CR (tolerated, RFC 9112 §2.2)',
      { start: at, end: at + 1 },
    );
  }

  private stepIdle(): boolean {
    const q = this.q;
    if (q.length === 0) return false;
    const b0 = q.byteAt(0);
    // Empty lines before a start line are ignored (RFC 9112 §2.2), e.g. a CRLF after a POST body.
    if (b0 === LF) {
      this.consume(1);
      return true;
    }
    if (b0 === CR) {
      if (q.length < 2) return false;
      if (q.byteAt(1) === LF) {
        this.consume(2);
        return true;
      }
    }
    const start = this.position;
    if (this.afterClose && !this.afterCloseReported) {
      this.afterCloseReported = true;
      this.diag(
        'http1.after_close.data',
        'warn',
        this.frameAt(start),
        'data after the end of a non-persistent exchange (RFC 9112 §9.6)',
        { start, end: start + 1 },
      );
    }
    // Reject obvious non-HTTP at once instead of waiting up to maxHeaderBytes for a line end.
    const plausible = this.dir === 0 ? b0 > 0x20 && b0 < 0x7f : b0 === 0x48; /* 'H' */
    let line: Line | null = null;
    if (plausible) {
      line = this.readLine(this.limits.maxHeaderBytes);
      if (line === null) {
        if (!this.tooLong) return false;
        this.diag(
          'http1.header.too_large',
          'error',
          this.frameAt(start),
          `start line longer than ${this.limits.maxHeaderBytes} bytes`,
          { start, end: start + this.limits.maxHeaderBytes },
        );
        this.enterResync(false);
        return true;
      }
    }
    if (line === null) {
      this.diag(
        'http1.start_line.invalid',
        'error',
        this.frameAt(start),
        'bytes that cannot start an HTTP/1.x message',
        { start, end: start + 1 },
      );
      this.enterResync(false);
      return true;
    }
    const firstFrame = this.frameAt(start) ?? 0;
    const msg =
      this.dir === 0
        ? requestMessage(line.bytes, line.len, line.total, start, firstFrame)
        : responseMessage(line.bytes, line.len, line.total, start, firstFrame);
    if (msg === null) {
      this.diag(
        'http1.start_line.invalid',
        'error',
        this.frameAt(start),
        this.dir === 0 ? 'invalid request line' : 'invalid status line',
        {
          start,
          end: start + line.total,
        },
      );
      this.consume(line.total);
      this.enterResync(true);
      return true;
    }
    this.bareLfReported = false;
    this.gapReported = false;
    if (line.bareLf) this.noteBareLf(start + line.len);
    this.consume(line.total);
    this.msg = msg;
    this.state = State.Headers;
    this.host.started(this, msg);
    return true;
  }

  /**
   * Field lines of the header block (trailers = false) or of the trailer section. Ordinary field
   * lines are read in a loop here rather than one per step(): a header block is many short lines.
   */
  private stepFields(trailers: boolean): boolean {
    const msg = this.msg!;
    const list = trailers ? msg.trailers : msg.headers;
    for (;;) {
      const start = this.position;
      const budget = this.limits.maxHeaderBytes - (trailers ? 0 : msg.headerBytes);
      const line = this.readLine(budget > 0 ? budget : 0);
      if (line === null) {
        if (!this.tooLong) return false;
        this.diag(
          'http1.header.too_large',
          'error',
          this.frameAt(start),
          `${trailers ? 'trailer section' : 'header block'} over ${this.limits.maxHeaderBytes} bytes`,
          {
            start,
            end: start + Math.max(budget, 0),
          },
        );
        this.abandon(msg, this.frameAt(start));
        this.enterResync(false);
        return true;
      }
      const total = line.total;
      const lineEnd = start + total;
      if (line.bareLf) this.noteBareLf(start + line.len);
      if (trailers) {
        msg.bodyWireBytes += total;
        if (msg.body) msg.body.end = lineEnd;
      } else {
        msg.headerBytes += total;
      }
      msg.span.end = lineEnd;
      if (line.len === 0) {
        const frame = this.frameAt(lineEnd - 1);
        this.consume(total);
        if (trailers) {
          this.finishMessage(msg, frame);
          return true;
        }
        msg.headersComplete = true;
        msg.headersFrame = frame;
        this.bodyStart = lineEnd;
        this.startBody(msg, frame);
        return true;
      }
      const b0 = line.bytes[0]!;
      if (b0 === 0x20 || b0 === 0x09) {
        this.foldLine(list, line, start, lineEnd);
        this.consume(total);
        continue;
      }
      const f = parseFieldLine(line.bytes, line.len);
      if (f === null) {
        this.diag(
          'http1.header.invalid',
          'warn',
          this.frameAt(start),
          'field line without a name and colon',
          {
            start,
            end: lineEnd,
          },
        );
      } else {
        const h: HttpHeader = {
          name: f.name,
          value: f.value,
          start,
          end: lineEnd,
          valueStart: start + f.valueStart,
          valueEnd: start + f.valueEnd,
        };
        if (f.invalid) {
          h.invalid = true;
          this.diag(
            'http1.header.invalid',
            'warn',
            this.frameAt(start),
            `invalid field line ${JSON.stringify(h.name)}`,
            { start, end: lineEnd },
          );
        }
        list.push(h);
      }
      this.consume(total);
    }
  }

  /** A field line that starts with whitespace: obs-fold (RFC 9112 §5.2), or invalid as the first. */
  private foldLine(list: HttpHeader[], line: Line, start: number, lineEnd: number): void {
    const prev = list[list.length - 1];
    if (prev === undefined) {
      this.diag(
        'http1.header.invalid',
        'warn',
        this.frameAt(start),
        'whitespace at the start of the first field line',
        { start, end: lineEnd },
      );
      return;
    }
    // Replace the fold by SP, as a recipient may.
    this.diag('http1.header.obs_fold', 'warn', this.frameAt(start), `obsolete line folding in ${prev.name}`, {
      start,
      end: lineEnd,
    });
    const [s, e] = foldedValue(line.bytes, line.len);
    if (e > s) {
      prev.value =
        prev.value.length > 0 ? `${prev.value} ${latin1(line.bytes, s, e)}` : latin1(line.bytes, s, e);
      if (prev.valueStart === prev.valueEnd) prev.valueStart = start + s;
      prev.valueEnd = start + e;
    }
    prev.end = lineEnd;
  }

  private startBody(msg: HttpMessage, headersFrame: number | null): void {
    const d = this.host.headersDone(this, msg);
    if (this.msg !== msg || this.state !== State.Headers) return; // host stopped or paused us
    if (d === null) {
      this.abandon(msg, headersFrame);
      this.enterResync(true);
      return;
    }
    msg.framing = d.framing;
    msg.chunked = d.framing === 'chunked';
    if (d.framing === 'none' || (d.framing === 'content-length' && (d.length ?? 0) === 0)) {
      if (d.framing === 'content-length') msg.body = { start: this.bodyStart, end: this.bodyStart };
      this.finishMessage(msg, headersFrame);
      return;
    }
    msg.body = { start: this.bodyStart, end: this.bodyStart };
    if (d.framing === 'content-length') {
      this.remaining = d.length ?? 0;
      this.state = State.BodyLength;
    } else if (d.framing === 'chunked') {
      this.state = State.ChunkSize;
    } else {
      this.state = State.BodyClose;
    }
  }

  private grow(msg: HttpMessage, n: number, decoded: boolean): void {
    msg.bodyWireBytes += n;
    if (decoded) msg.bodyBytes += n;
    const end = this.position;
    msg.span.end = end;
    if (msg.body) msg.body.end = end;
  }

  private stepBodyLength(): boolean {
    const msg = this.msg!;
    const take = Math.min(this.remaining, this.q.length);
    if (take === 0) return false;
    const last = this.frameAt(this.position + take - 1);
    this.consume(take);
    this.remaining -= take;
    this.grow(msg, take, true);
    if (this.remaining > 0) return false;
    this.finishMessage(msg, last);
    return true;
  }

  private stepBodyClose(): boolean {
    const take = this.q.length;
    if (take === 0) return false;
    this.consume(take);
    this.grow(this.msg!, take, true);
    return false;
  }

  private stepChunkSize(): boolean {
    const msg = this.msg!;
    const start = this.position;
    const line = this.readLine(this.limits.maxHeaderBytes);
    if (line === null) {
      if (!this.tooLong) return false;
      this.chunkInvalid(msg, start, 'chunk-size line too long');
      return true;
    }
    const c = parseChunkSize(line.bytes, line.len);
    if (c === null) {
      this.chunkInvalid(
        msg,
        start,
        `invalid chunk-size line ${JSON.stringify(latin1(line.bytes, 0, Math.min(line.len, 40)))}`,
      );
      return true;
    }
    if (line.bareLf) this.noteBareLf(start + line.len);
    if (c.oddWhitespace) {
      this.diag(
        'http1.chunk.whitespace',
        'note',
        this.frameAt(start),
        'whitespace around the chunk size (tolerated)',
        { start, end: start + line.total },
      );
    }
    this.chunkLineStart = start;
    this.chunkLineEnd = start + line.total;
    this.chunkSize = c.size;
    this.chunkExt = c.extStart >= 0 ? latin1(line.bytes, c.extStart, line.len) : undefined;
    this.consume(line.total);
    this.grow(msg, line.total, false);
    if (c.size === 0) {
      this.recordChunk(msg, this.chunkLineEnd);
      this.state = State.Trailers;
      return true;
    }
    this.remaining = c.size;
    this.state = State.ChunkData;
    return true;
  }

  private recordChunk(msg: HttpMessage, dataEnd: number): void {
    msg.chunkCount++;
    if (msg.chunks.length >= this.limits.maxChunksPerMessage) return;
    const rec: HttpMessage['chunks'][number] = {
      sizeLine: { start: this.chunkLineStart, end: this.chunkLineEnd },
      data: { start: this.chunkLineEnd, end: dataEnd },
      size: this.chunkSize,
    };
    if (this.chunkExt !== undefined) rec.extensions = this.chunkExt;
    msg.chunks.push(rec);
  }

  private stepChunkData(): boolean {
    const msg = this.msg!;
    const take = Math.min(this.remaining, this.q.length);
    if (take === 0) return false;
    this.consume(take);
    this.remaining -= take;
    this.grow(msg, take, true);
    if (this.remaining > 0) return false;
    this.recordChunk(msg, this.position);
    this.state = State.ChunkDataEnd;
    return true;
  }

  private stepChunkDataEnd(): boolean {
    const msg = this.msg!;
    const q = this.q;
    if (q.length === 0) return false;
    const b0 = q.byteAt(0);
    let n = 0;
    if (b0 === LF) {
      n = 1;
      this.noteBareLf(this.position);
    } else if (b0 === CR) {
      if (q.length < 2) return false;
      if (q.byteAt(1) === LF) n = 2;
    }
    if (n === 0) {
      this.chunkInvalid(msg, this.position, 'chunk data not followed by CRLF');
      return true;
    }
    this.consume(n);
    this.grow(msg, n, false);
    this.state = State.ChunkSize;
    return true;
  }

  private chunkInvalid(msg: HttpMessage, at: number, message: string): void {
    this.diag('http1.chunk.invalid', 'error', this.frameAt(at), message, { start: at, end: at + 1 });
    this.abandon(msg, this.frameAt(at));
    this.enterResync(false);
  }

  // ---- ends of messages -----------------------------------------------------------------------

  private finishMessage(msg: HttpMessage, frame: number | null): void {
    msg.bodyComplete = true;
    msg.complete = msg.missingBytes === 0;
    msg.frame = frame;
    this.msg = null;
    this.state = State.Idle;
    this.host.ended(this, msg);
  }

  /** The message cannot be finished (gap, bad framing, stream end): report it as it is. */
  private abandon(msg: HttpMessage, frame: number | null): void {
    msg.complete = false;
    msg.frame = frame;
    this.msg = null;
    this.state = State.Idle;
    this.host.ended(this, msg);
  }

  // ---- resynchronisation ------------------------------------------------------------------------

  private enterResync(atLineStart: boolean): void {
    if (this.state === State.Stopped || this.state === State.Paused || this.state === State.Ended) return;
    this.msg = null;
    this.state = State.Resync;
    this.atLineStart = atLineStart;
    this.resyncSkipped = 0;
  }

  private stepResync(): boolean {
    const q = this.q;
    if (q.length === 0) return false;
    const n = Math.min(q.length, 65536);
    const view = q.peek(n);
    const match = this.dir === 0 ? matchMethod : matchStatusLine;
    // Candidates are line starts: jump from LF to LF with the native search.
    let p = this.atLineStart ? 0 : nextLineStart(view, 0);
    for (; p >= 0 && p < n; p = nextLineStart(view, p)) {
      const m = match(view, p, n);
      if (m < 0) continue;
      this.skipResync(p);
      if (this.halted()) return false;
      if (m === 1) {
        this.state = State.Idle;
        return true;
      }
      // A prefix of a start line at the end of what we have: wait for more.
      this.atLineStart = true;
      return n < q.length;
    }
    this.atLineStart = view[n - 1] === LF;
    this.skipResync(n);
    return this.state === State.Resync && q.length > 0;
  }

  private skipResync(n: number): void {
    if (n === 0) return;
    this.consume(n);
    this.resyncSkipped += n;
    if (this.resyncSkipped > this.limits.maxResyncBytes) {
      const at = this.position;
      this.diag(
        'http1.resync.failed',
        'error',
        this.frameAt(at - 1),
        `no HTTP/1.x start line in ${this.resyncSkipped} bytes; giving up on this direction`,
        null,
      );
      this.stop();
    }
  }

  // ---- gaps and the end of the stream ------------------------------------------------------------

  private feedGap(offset: number, length: number, frame: number): void {
    // Frame of the last byte received before the gap: a message the gap cuts belongs there, not to
    // the frame that revealed the gap (which may carry a later message, or be the peer's ACK).
    const lastFrame = this.frames.last() ?? frame;
    const msg = this.msg;
    const reportGap = (m: HttpMessage | null): void => {
      if (m !== null && this.gapReported) return;
      if (m !== null) this.gapReported = true;
      this.diag(
        'http1.gap',
        'warn',
        frame,
        `${length} bytes missing from the capture${m ? ' inside a message' : ''}`,
        { start: offset, end: offset + length },
      );
    };
    this.frames.add(offset, frame);
    // Missing bytes known to lie past the end of the previous message (-1: unknown).
    let beyondEnd = -1;
    if (
      this.q.length === 0 &&
      msg !== null &&
      (this.state === State.BodyLength || this.state === State.ChunkData || this.state === State.BodyClose)
    ) {
      const within = this.state === State.BodyClose ? length : Math.min(length, this.remaining);
      reportGap(msg);
      this.skipMissing(offset, within);
      msg.missingBytes += within;
      this.grow(msg, within, true);
      if (this.state === State.BodyClose) return;
      this.remaining -= within;
      if (this.remaining === 0) {
        if (this.state === State.BodyLength) this.finishMessage(msg, frame);
        else {
          this.recordChunk(msg, this.position);
          this.state = State.ChunkDataEnd;
        }
      }
      if (within === length) return;
      if (this.state === State.ChunkDataEnd) this.abandon(msg, frame);
      else if ((this.state as State) === State.Idle) beyondEnd = length - within; // finishMessage moved on
      offset += within;
      length -= within;
    } else if (msg !== null) {
      reportGap(msg);
      msg.missingBytes += length;
      this.abandon(msg, this.state === State.Headers ? lastFrame : frame);
    } else if (this.state === State.Idle) {
      reportGap(null);
      if (this.q.length > 0 && this.salvageStartLine(length, lastFrame)) {
        // The message continues into the gap: where it ends is unknown.
      } else if (this.q.length === 0 || this.q.byteAt(0) === CR) {
        beyondEnd = this.q.length + length;
      } else {
        beyondEnd = Infinity; // queued bytes that start no readable start line
      }
    } else if (this.state !== State.Resync) {
      reportGap(null);
    }
    const lostAt = this.position;
    // The rest of the gap: whatever was queued is cut off from what follows.
    this.q.clear();
    this.skipMissing(offset, length);
    // A message boundary fell before the gap and more is missing than the empty line tolerated
    // there (RFC 9112 §2.2): a message started inside the gap. At least one; how many cannot be
    // known, so one is reported. Not after a message that closed the exchange: what follows is
    // not expected to be HTTP.
    if (beyondEnd > 2 && !this.afterClose && !this.halted()) {
      this.host.lost(this, frame, { start: lostAt, end: offset + length });
    }
    if (this.state !== State.Stopped) this.enterResync(true);
  }

  /**
   * The queued bytes are a start line that a gap (`missing` bytes) or the end of the stream
   * (missing = 0) cut before its line ending. If the part that names the message is there
   * (`METHOD SP target SP`, `HTTP/x.y SP 3DIGIT`), report the message, incomplete, from the frame
   * that carried it: a snaplen-limited capture still shows its requests. false: not enough of it.
   */
  private salvageStartLine(missing: number, frame: number): boolean {
    const n = this.q.length;
    if (n < 4 || n > this.limits.maxHeaderBytes) return false;
    const bytes = this.q.peek(n);
    const len = bytes[n - 1] === CR ? n - 1 : n;
    const start = this.position;
    const firstFrame = this.frameAt(start) ?? frame;
    const msg =
      this.dir === 0
        ? requestMessage(bytes, len, n, start, firstFrame, true)
        : responseMessage(bytes, len, n, start, firstFrame);
    if (msg === null) return false;
    msg.missingBytes = missing;
    this.consume(n);
    this.msg = msg;
    this.state = State.Headers;
    this.host.started(this, msg);
    this.diag(
      'http1.start_line.truncated',
      'note',
      frame,
      `${this.dir === 0 ? 'request' : 'status'} line cut after ${n} bytes by the capture`,
      msg.startLine,
    );
    if (this.msg === msg) this.abandon(msg, frame);
    return true;
  }

  private skipMissing(offset: number, length: number): void {
    const pos = this.position;
    if (offset > pos) this.q.advanceOffset(offset - pos);
    this.q.advanceOffset(length);
    this.scanFrom = 0;
    this.frames.prune(this.position);
  }

  private feedEnd(reason: EndReason, frame: number | null): void {
    this.endReason = reason;
    const msg = this.msg;
    if (msg !== null && this.state === State.BodyClose) {
      msg.closedBy = reason;
      this.finishMessage(msg, frame ?? this.frames.last());
    } else if (msg !== null) {
      this.incomplete(reason, frame, msg.span.start);
      this.abandon(msg, frame ?? this.frames.last());
    } else if (this.state === State.Idle && this.q.length > 0) {
      this.incomplete(reason, frame, this.position);
      this.salvageStartLine(0, this.frames.last() ?? frame ?? 0);
    }
    this.q.clear();
    this.held = [];
    this.state = State.Ended;
  }

  private incomplete(reason: EndReason, frame: number | null, from: number): void {
    const f = frame ?? this.frames.last();
    const span = { start: from, end: this.position + this.q.length };
    if (reason === 'eof')
      this.diag('http1.message.truncated', 'note', f, 'the capture ended inside a message', span);
    else
      this.diag(
        'http1.message.incomplete',
        'warn',
        f,
        `the connection closed (${reason}) inside a message`,
        span,
      );
  }
}
