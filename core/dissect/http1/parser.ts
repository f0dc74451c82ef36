// HTTP/1.x over one TCP connection, both directions: pairs requests with responses (RFC 9112 §9.3
// ordering: the i-th final response answers the i-th request; 1xx interim responses do not count,
// RFC 9110 §15.2), decides body framing from both sides (RFC 9112 §6.3: HEAD, 1xx, 204, 304 and a
// 2xx to CONNECT have no body), follows connection reuse (RFC 9112 §9.3, §9.6), and stops at a
// protocol switch (RFC 9110 §7.8, 101) or a CONNECT tunnel (RFC 9110 §9.3.6), handing the bytes
// that follow to the caller — like llhttp's paused upgrade and Wireshark's http.upgrade.
//
// Capture gaps and pairing. Pairing is by order, so a message the capture lost entirely would shift
// every later pair. The readers report a message as lost only on evidence: the gap began at a
// message boundary (or right after a Content-Length body it finished) and holds more than the empty
// line tolerated between messages, so some message started inside it. Then:
// * client side: a placeholder exchange (request null, requestLost) takes the lost request's place,
//   or, when its response already came and was left unmatched (the gap is often only noticed when
//   the server's ACK covers it, after that segment's data), that exchange is marked instead; a
//   placeholder still unanswered at the end of the connection is dropped;
// * server side: the oldest unanswered exchange is marked responseLost and skipped.
// Limits: one message is assumed per gap (a gap may hold several pipelined ones, which shifts the
// pairing again); a gap that cuts a message whose end is unknown (headers, chunked body) gives no
// evidence; a server-side gap is not counted while the awaited exchange may still get a 100
// Continue or is waiting on a protocol switch, nor when no request is awaiting (the server ran
// ahead of the requests seen); a lost 103 Early Hints would be taken for a final response.
// Wireshark pairs by order only and shifts in all these cases.

import { diagnostic, type Diagnostic, type Severity } from '../../diagnostics/diagnostic.ts';
import type { Direction, EndReason, StreamChunk } from '../../tcp/types.ts';
import { DirectionReader, type BodyDecision, type ReaderHost } from './direction-reader.ts';
import { framingFields, keepAliveOf } from './framing-fields.ts';
import type {
  ConnectionSummary,
  DirectionLeftovers,
  Http1Listener,
  Http1Options,
  HttpExchange,
  HttpMessage,
  HttpRequest,
  HttpResponse,
  StreamSpan,
} from './types.ts';

// Shared, never mutated: one decision object per message would only be garbage.
const NO_BODY: BodyDecision = { framing: 'none', length: 0 };
const CHUNKED: BodyDecision = { framing: 'chunked', length: 0 };
const UNTIL_CLOSE: BodyDecision = { framing: 'close', length: 0 };

function isRequest(m: HttpMessage): m is HttpRequest {
  return m.dir === 0;
}

export class Http1Parser {
  readonly exchanges: HttpExchange[] = [];
  readonly diagnostics: Diagnostic[] = [];

  private readonly readers: [DirectionReader, DirectionReader];
  /** exchanges[awaiting] is the oldest exchange without a final response. */
  private awaiting = 0;
  /** Exchange each direction's current message belongs to. */
  private current: [HttpExchange | null, HttpExchange | null] = [null, null];
  /** The exchange whose request paused the client direction (Upgrade or CONNECT). */
  private pausedFor: HttpExchange | null = null;
  private closedBy: 'client' | 'server' | null = null;
  /** Exchanges made for responses that came before any request (since the last request started). */
  private orphans: HttpExchange[] = [];
  private switched = false;
  private droppedDiagnostics = 0;
  private readonly maxDiagnostics: number;

  constructor(
    private readonly listener: Http1Listener = {},
    options: Http1Options = {},
  ) {
    const limits = {
      maxHeaderBytes: options.maxHeaderBytes ?? 64 * 1024,
      maxChunksPerMessage: options.maxChunksPerMessage ?? 1024,
      maxResyncBytes: options.maxResyncBytes ?? 1024 * 1024,
    };
    this.maxDiagnostics = options.maxDiagnostics ?? 1000;
    const host: ReaderHost = {
      started: (_r, msg) => this.started(msg),
      headersDone: (r, msg) => this.headersDone(r, msg),
      ended: (r, msg) => this.ended(r, msg),
      lost: (r, frame, span) => this.lost(r.dir, frame, span),
      diag: (r, id, severity, frame, message, span) => this.diag(r.dir, id, severity, frame, message, span),
    };
    this.readers = [new DirectionReader(0, host, limits), new DirectionReader(1, host, limits)];
  }

  push(dir: Direction, chunk: StreamChunk): void {
    this.readers[dir].push(chunk);
  }

  gap(dir: Direction, offset: number, length: number, frame: number): void {
    this.readers[dir].gap(offset, length, frame);
  }

  /** A direction ended. Keep calling it after an upgrade or tunnel: connectionSummary() counts closes. */
  end(dir: Direction, reason: EndReason, frame: number | null): void {
    if (reason !== 'eof' && this.closedBy === null) this.closedBy = dir === 0 ? 'client' : 'server';
    this.readers[dir].end(reason, frame);
  }

  /** End of input: directions still open end as 'eof' (messages in progress are reported truncated). */
  finish(): void {
    for (const r of this.readers) {
      // Bytes held after an upgrade or CONNECT whose answer never came are not HTTP we can trust.
      if (r === this.readers[0] && this.pausedFor !== null) r.stop();
      else r.end('eof', null);
    }
    // A placeholder no response came for only stood in line for pairing: at the end it says
    // nothing the http1.request.lost diagnostic does not, so drop it (nothing follows it to reindex).
    let last = this.exchanges[this.exchanges.length - 1];
    while (last?.requestLost && last.response === null && !last.responseLost && last.interim.length === 0) {
      this.exchanges.pop();
      last = this.exchanges[this.exchanges.length - 1];
    }
    if (this.droppedDiagnostics > 0) {
      const d = diagnostic(
        'http1.diagnostics.dropped',
        'note',
        null,
        `${this.droppedDiagnostics} more diagnostics were not kept`,
      );
      this.diagnostics.push(d);
      this.listener.diagnostic?.(d, null);
      this.droppedDiagnostics = 0;
    }
  }

  connectionSummary(): ConnectionSummary {
    const n = this.exchanges.length;
    const last = n > 0 ? this.exchanges[n - 1]! : null;
    return {
      closedBy: this.closedBy,
      persistent: last !== null && last.response !== null && last.persistent,
      shortConnection: n === 1 && this.closedBy !== null,
      reused: n > 1,
    };
  }

  // ---- host callbacks ---------------------------------------------------------------------------

  private newExchange(request: HttpRequest | null): HttpExchange {
    const x: HttpExchange = {
      index: this.exchanges.length,
      request,
      response: null,
      interim: [],
      method: request?.method ?? null,
      target: request?.target ?? null,
      status: null,
      requestFrame: null,
      responseFrame: null,
      requestFirstFrame: request?.firstFrame ?? null,
      responseFirstFrame: null,
      requestHeadersFrame: null,
      responseHeadersFrame: null,
      upgradeRequested: false,
      upgrade: null,
      tunnel: false,
      expectContinue: false,
      persistent: false,
    };
    this.exchanges.push(x);
    return x;
  }

  private started(msg: HttpMessage): void {
    if (isRequest(msg)) {
      this.current[0] = this.newExchange(msg);
      this.orphans.length = 0;
      return;
    }
    const res = msg as HttpResponse;
    let x = this.exchanges[this.awaiting];
    if (x === undefined) {
      x = this.newExchange(null);
      this.orphans.push(x);
      this.diag(
        1,
        'http1.response.unmatched',
        'warn',
        res.firstFrame,
        `response ${res.status} without a request`,
        res.startLine,
      );
    }
    const interim = res.status >= 100 && res.status < 200 && res.status !== 101;
    if (interim) {
      x.interim.push(res);
    } else {
      this.awaiting = x.index + 1;
      x.response = res;
      x.status = res.status;
      x.responseFirstFrame = res.firstFrame;
    }
    this.current[1] = x;
  }

  /** A message of direction `dir` started inside a capture gap (see the header comment). */
  private lost(dir: Direction, frame: number, span: StreamSpan): void {
    if (this.switched) return;
    if (dir === 0) {
      const x = this.orphans.shift() ?? this.newExchange(null);
      x.requestLost = true;
      this.diag(0, 'http1.request.lost', 'warn', frame, 'a request started inside a capture gap', span);
      return;
    }
    const x = this.exchanges[this.awaiting];
    // Ambiguous: the lost bytes may be a 100 Continue, or the answer to a pending switch.
    if (x !== undefined && ((x.expectContinue && x.interim.length === 0) || this.pausedFor === x)) return;
    this.diag(1, 'http1.response.lost', 'warn', frame, 'a response started inside a capture gap', span);
    if (x === undefined) return; // ahead of the requests seen: which one it answered is unknown
    x.responseLost = true;
    this.awaiting = x.index + 1;
  }

  private headersDone(r: DirectionReader, msg: HttpMessage): BodyDecision | null {
    const x = this.current[r.dir]!;
    const f = framingFields(msg.headers);
    msg.contentLength = f.contentLength;
    msg.keepAlive = keepAliveOf(msg.version, f);
    if (isRequest(msg)) {
      x.requestHeadersFrame = msg.headersFrame;
      x.upgradeRequested = f.upgrade !== null && f.connectionUpgrade;
      x.expectContinue = f.expectContinue;
    } else if (x.response === msg) {
      x.responseHeadersFrame = msg.headersFrame;
    }
    const status = isRequest(msg) ? 0 : (msg as HttpResponse).status;
    const method = x.request?.method ?? null;
    // RFC 9112 §6.3 rules 1-2: no content whatever the fields say.
    if (
      isRequest(msg)
        ? msg.method === 'CONNECT'
        : method === 'HEAD' ||
          status < 200 ||
          status === 204 ||
          status === 304 ||
          (method === 'CONNECT' && status < 300)
    ) {
      return NO_BODY;
    }
    if (f.hasTransferEncoding) {
      if (f.hasContentLength) {
        this.diag(
          r.dir,
          'http1.framing.te_and_cl',
          'warn',
          msg.headersFrame,
          'both Transfer-Encoding and Content-Length: Transfer-Encoding wins (RFC 9112 §6.3)',
          msg.startLine,
        );
        msg.contentLength = null;
      }
      if (f.chunked) return CHUNKED;
      if (!isRequest(msg)) return UNTIL_CLOSE;
      this.diag(
        r.dir,
        'http1.framing.invalid_transfer_encoding',
        'error',
        msg.headersFrame,
        'request Transfer-Encoding does not end in chunked (RFC 9112 §6.3 rule 4)',
        msg.startLine,
      );
      return null;
    }
    if (f.contentLengthInvalid) {
      this.diag(
        r.dir,
        'http1.framing.invalid_content_length',
        'error',
        msg.headersFrame,
        'invalid or conflicting Content-Length (RFC 9112 §6.3 rule 5)',
        msg.startLine,
      );
      // A response can still be read until the close; a request's end cannot be known.
      return isRequest(msg) ? null : UNTIL_CLOSE;
    }
    if (f.contentLength !== null) return { framing: 'content-length', length: f.contentLength };
    return isRequest(msg) ? NO_BODY : UNTIL_CLOSE;
  }

  private ended(r: DirectionReader, msg: HttpMessage): void {
    const x = this.current[r.dir];
    this.current[r.dir] = null;
    if (x === null) return;
    if (isRequest(msg)) {
      x.requestFrame = msg.frame;
      x.requestHeadersFrame = msg.headersFrame;
      if (!msg.keepAlive && msg.complete) r.afterClose = true;
      this.emit(x, 'request');
      // Bytes after an Upgrade or CONNECT request may not be HTTP: hold them until the answer.
      const switching = msg.method === 'CONNECT' || x.upgradeRequested;
      if (switching && msg.complete && x.response === null && !this.switched) {
        this.pausedFor = x;
        r.pause();
      }
      return;
    }
    const res = msg as HttpResponse;
    if (x.response !== res) {
      this.emit(x, 'interim');
      return;
    }
    x.responseFrame = res.frame;
    x.responseHeadersFrame = res.headersFrame;
    const req = x.request;
    let switchTo: 'upgrade' | 'tunnel' | null = null;
    if (res.status === 101 && res.headersComplete) {
      switchTo = 'upgrade';
      x.upgrade = { protocol: framingFields(res.headers).upgrade ?? '' };
      if (!x.upgradeRequested) {
        this.diag(
          1,
          'http1.upgrade.unrequested',
          'warn',
          res.headersFrame,
          '101 Switching Protocols without an Upgrade request',
          res.startLine,
        );
      }
    } else if (req?.method === 'CONNECT' && res.status >= 200 && res.status < 300 && res.headersComplete) {
      switchTo = 'tunnel';
      x.tunnel = true;
    }
    // After a switch the connection never carries HTTP again.
    x.persistent =
      switchTo === null &&
      res.bodyComplete &&
      (req?.keepAlive ?? true) &&
      res.keepAlive &&
      res.framing !== 'close';
    this.emit(x, 'response');
    if (switchTo !== null) {
      this.handOff(x, switchTo);
      return;
    }
    // Only a message that ended where its framing said can promise the server sends nothing more.
    if (!x.persistent && res.complete) r.afterClose = true;
    if (this.pausedFor === x) {
      this.pausedFor = null;
      this.readers[0].resume();
    }
  }

  private handOff(x: HttpExchange, kind: 'upgrade' | 'tunnel'): void {
    this.switched = true;
    this.pausedFor = null;
    const leftovers: DirectionLeftovers[] = [
      this.readers[0].takeLeftovers(),
      this.readers[1].takeLeftovers(),
    ];
    if (kind === 'upgrade') this.listener.upgrade?.(x, leftovers);
    else this.listener.tunnel?.(x, leftovers);
  }

  private emit(x: HttpExchange, which: 'request' | 'interim' | 'response'): void {
    this.listener.exchange?.(x, which);
  }

  private diag(
    dir: Direction,
    id: string,
    severity: Severity,
    frame: number | null,
    message: string,
    span: StreamSpan | null,
  ): void {
    const d = diagnostic(id, severity, frame, message);
    if (this.diagnostics.length < this.maxDiagnostics) this.diagnostics.push(d);
    else this.droppedDiagnostics++;
    this.listener.diagnostic?.(d, span ? { dir, span } : null);
  }
}
