// Routes each TCP connection's reassembled streams to the application dissector that fits, the
// way Wireshark hands a conversation from TCP to a heuristic or port-less dissector:
//   - client bytes that start with an HTTP method (or server bytes with an HTTP status line when the
//     request was not captured) → HTTP/1.x;
//   - a TLS record header → labelled TLS (ClientHello SNI kept), not dissected further;
//   - an HTTP 101 with `Upgrade: websocket` → the rest of both directions to the WebSocket parser,
//     bytes after the 101 in the same segment included (llhttp's paused upgrade, Wireshark's
//     http.upgrade table); other upgrades (`tcp`, `h2c`) and CONNECT tunnels stop HTTP there;
//   - no handshake in the capture but frames that look like WebSocket → WebSocket, marked a guess;
//   - anything else: unknown.
// Roles come from the TCP stage: direction 0 is client → server.

import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Connection, Direction, EndReason, StreamChunk, TcpListener } from '../tcp/types.ts';
import { Http1Parser, looksLikeHttpRequest, looksLikeHttpResponse } from './http1/index.ts';
import type { ConnectionSummary, DirectionLeftovers, HttpExchange, HttpHeader } from './http1/index.ts';
import { sniffTls, type TlsSniff } from './tls/index.ts';
import {
  WebSocketParser,
  looksLikeWebSocket,
  negotiateExtensions,
  validateHandshake,
} from './websocket/index.ts';
import type { WsFrame, WsMessage } from './websocket/index.ts';

export type Application = 'http' | 'websocket' | 'tls' | 'unknown';

export interface DissectOptions {
  /** Bytes looked at (per direction) before a connection's protocol is decided (default 4096). */
  sniffBytes?: number;
}

export interface WebSocketUpgrade {
  requestFrame: number | null;
  responseFrame: number | null;
  key: string | null;
  accept: string | null;
  acceptValid: boolean;
  expectedAccept: string | null;
  /** Sec-WebSocket-Extensions of the 101 (what is in effect), or null. */
  extensions: string | null;
  /** Sec-WebSocket-Protocol of the 101, or null. */
  protocol: string | null;
}

export interface WebSocketDissection {
  /** Null when the handshake is not in the capture (then `guess` is true). */
  upgrade: WebSocketUpgrade | null;
  guess: boolean;
  guessReason?: string;
  permessageDeflate: boolean;
  /** Made on first access (the parser records frames column-wise): to count them, use frameCount. */
  frames: WsFrame[];
  /** Made on first access too (text, hex and data decoded then): see websocketMessageTally. */
  messages: WsMessage[];
  /** frames.length without making the frame objects (absent in dissections built by hand). */
  frameCount?: number;
  /** messages.length without making the message objects (absent in dissections built by hand). */
  messageCount?: number;
}

export interface ConnectionDissection {
  application: Application;
  http: HttpExchange[];
  /** HTTP connection semantics (short connection, reuse, who closed), when HTTP was seen. */
  httpSummary: ConnectionSummary | null;
  websocket: WebSocketDissection | null;
  tls: TlsSniff | null;
  /** A CONNECT tunnel or a non-WebSocket upgrade took the connection over after HTTP. */
  switchedTo: string | null;
  diagnostics: Diagnostic[];
}

const DEFAULT_SNIFF_BYTES = 4096;

/** The parser behind each WebSocketDissection made here (kept off the data object itself). */
const parserOf = new WeakMap<WebSocketDissection, WebSocketParser>();

/**
 * The frames of a dissection one at a time, without making `frames` keep an object per frame:
 * for writers that stream them out once (the --json output).
 */
export function* websocketFrames(ws: WebSocketDissection): Generator<WsFrame> {
  const parser = parserOf.get(ws);
  if (!parser) {
    yield* ws.frames;
    return;
  }
  for (let i = 0; i < parser.frameCount; i++) yield parser.frameAt(i);
}

/** How many messages each side sent, and the close messages (objects made for those only). */
export interface WebSocketMessageTally {
  client: number;
  server: number;
  closes: WsMessage[];
}

/** Counts a dissection's messages without making an object per message (the text summary's needs). */
export function websocketMessageTally(ws: WebSocketDissection): WebSocketMessageTally {
  const parser = parserOf.get(ws);
  const out: WebSocketMessageTally = { client: 0, server: 0, closes: [] };
  if (!parser) {
    for (const m of ws.messages) {
      if (m.from === 'client') out.client++;
      else out.server++;
      if (m.type === 'close') out.closes.push(m);
    }
    return out;
  }
  for (let i = 0; i < parser.messageCount; i++) {
    if (parser.messageFrom(i) === 'client') out.client++;
    else out.server++;
    if (parser.messageType(i) === 'close') out.closes.push(parser.messageAt(i));
  }
  return out;
}

type Mode = 'sniff' | 'http' | 'websocket' | 'opaque';

function header(headers: HttpHeader[] | undefined, name: string): string | null {
  if (!headers) return null;
  const lower = name.toLowerCase();
  const values = headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
  return values.length ? values.join(', ') : null;
}

/** Bytes seen before the protocol was decided, kept (owned) to replay into the chosen parser. */
class Pending {
  chunks: StreamChunk[] = [];
  bytes = 0;
  add(chunk: StreamChunk): void {
    this.chunks.push({ data: chunk.data.slice(), frame: chunk.frame, offset: chunk.offset });
    this.bytes += chunk.data.length;
  }
  head(limit: number): Uint8Array {
    const n = Math.min(limit, this.bytes);
    const out = new Uint8Array(n);
    let at = 0;
    for (const c of this.chunks) {
      if (at >= n) break;
      const take = Math.min(c.data.length, n - at);
      out.set(c.data.subarray(0, take), at);
      at += take;
    }
    return out;
  }
}

type Event =
  | { kind: 'data'; dir: Direction; chunk: StreamChunk }
  | { kind: 'gap'; dir: Direction; offset: number; length: number; frame: number }
  | { kind: 'end'; dir: Direction; reason: EndReason; frame: number | null };

class ConnectionDissector {
  private mode: Mode = 'sniff';
  private application: Application = 'unknown';
  private readonly pending: [Pending, Pending] = [new Pending(), new Pending()];
  /** Gaps and ends seen while sniffing, replayed in order after the data. */
  private readonly held: Event[] = [];
  private http: Http1Parser | null = null;
  private ws: WebSocketParser | null = null;
  private wsResult: WebSocketDissection | null = null;
  private tls: TlsSniff | null = null;
  private switchedTo: string | null = null;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly ended: [boolean, boolean] = [false, false];

  constructor(
    private readonly conn: Connection,
    private readonly sniffBytes: number,
  ) {}

  data(dir: Direction, chunk: StreamChunk): void {
    switch (this.mode) {
      case 'http':
        this.http!.push(dir, chunk);
        return;
      case 'websocket':
        this.ws!.push(dir, chunk);
        return;
      case 'opaque':
        return;
      case 'sniff':
        this.pending[dir].add(chunk);
        this.held.push({
          kind: 'data',
          dir,
          chunk: this.pending[dir].chunks[this.pending[dir].chunks.length - 1]!,
        });
        this.trySniff(false);
    }
  }

  gap(dir: Direction, offset: number, length: number, frame: number): void {
    if (this.mode === 'http') this.http!.gap(dir, offset, length, frame);
    else if (this.mode === 'websocket') this.ws!.gap(dir, offset, length, frame);
    else if (this.mode === 'sniff') this.held.push({ kind: 'gap', dir, offset, length, frame });
  }

  end(dir: Direction, reason: EndReason, frame: number | null): void {
    this.ended[dir] = true;
    // HTTP hears about closes even after a switch: its connection summary says who closed.
    if (this.http && this.mode !== 'sniff') this.http.end(dir, reason, frame);
    if (this.mode === 'websocket') this.ws!.end(dir, reason, frame);
    else if (this.mode === 'sniff') {
      this.held.push({ kind: 'end', dir, reason, frame });
      if (this.ended[0] && this.ended[1]) this.trySniff(true);
    }
  }

  /** Decide the protocol from what has been seen, or wait for more (unless `final`). */
  private trySniff(final: boolean): void {
    const c = this.pending[0];
    const s = this.pending[1];
    const enough = (p: Pending) => p.bytes >= 8;
    const cHead = c.head(this.sniffBytes);
    const sHead = s.head(this.sniffBytes);

    if (c.bytes > 0 && looksLikeHttpRequest(cHead)) return this.start('http');
    if (c.bytes > 0) {
      const t = sniffTls(cHead);
      if (t.isTls) {
        this.tls = t;
        this.application = 'tls';
        return this.start('opaque');
      }
    }
    // The request may be missing from the capture: a status line from the server is HTTP too.
    if (s.bytes > 0 && looksLikeHttpResponse(sHead)) return this.start('http');
    if (s.bytes > 0 && c.bytes === 0) {
      const t = sniffTls(sHead);
      if (t.isTls) {
        this.tls = t;
        this.application = 'tls';
        return this.start('opaque');
      }
    }
    const decided =
      final || (enough(c) && enough(s)) || c.bytes >= this.sniffBytes || s.bytes >= this.sniffBytes;
    if (!decided) return;
    // A handshake-less WebSocket (capture started after the Upgrade): masked client frames,
    // unmasked server frames.
    const guess = looksLikeWebSocket(cHead, sHead);
    if (guess.likely) {
      this.startWebSocket(null, [], guess.reason);
      this.replay();
      return;
    }
    this.start('opaque');
  }

  private start(mode: 'http' | 'opaque'): void {
    if (mode === 'http') {
      this.application = 'http';
      this.mode = 'http';
      this.http = new Http1Parser({
        upgrade: (x, leftovers) => this.onUpgrade(x, leftovers),
        tunnel: (x, leftovers) => this.onTunnel(x, leftovers),
      });
    } else {
      this.mode = 'opaque';
    }
    this.replay();
  }

  /** Feed what was held while sniffing to the chosen parser, in arrival order. */
  private replay(): void {
    const events = this.held.splice(0);
    this.pending[0] = new Pending();
    this.pending[1] = new Pending();
    for (const e of events) {
      if (e.kind === 'data') this.data(e.dir, e.chunk);
      else if (e.kind === 'gap') this.gap(e.dir, e.offset, e.length, e.frame);
      else this.end(e.dir, e.reason, e.frame);
    }
  }

  private onUpgrade(x: HttpExchange, leftovers: DirectionLeftovers[]): void {
    const protocol = x.upgrade?.protocol ?? '';
    if (!/\bwebsocket\b/i.test(protocol)) {
      // RFC 9110 §7.8: the connection now speaks another protocol we do not dissect.
      this.switchedTo = protocol || 'unknown';
      this.mode = 'opaque';
      return;
    }
    this.startWebSocket(x, leftovers, undefined);
  }

  private onTunnel(x: HttpExchange, leftovers: DirectionLeftovers[]): void {
    this.switchedTo = 'tunnel';
    this.mode = 'opaque';
    const first = leftovers.find((l) => l.dir === 0)?.chunks[0];
    if (first) {
      const t = sniffTls(first.data);
      if (t.isTls) {
        this.tls = t;
        this.switchedTo = 'tls';
      }
    }
    void x;
  }

  private startWebSocket(
    x: HttpExchange | null,
    leftovers: DirectionLeftovers[],
    guessReason: string | undefined,
  ): void {
    const req = x?.request?.headers;
    const res = x?.response?.headers;
    const negotiated = negotiateExtensions(
      header(req, 'Sec-WebSocket-Extensions'),
      header(res, 'Sec-WebSocket-Extensions'),
    );
    for (const d of negotiated.diagnostics)
      this.diagnostics.push({ ...d, frame: d.frame ?? x?.responseFrame ?? null });
    let upgrade: WebSocketUpgrade | null = null;
    if (x) {
      const key = header(req, 'Sec-WebSocket-Key');
      const accept = header(res, 'Sec-WebSocket-Accept');
      const check = validateHandshake({
        key,
        accept,
        version: header(req, 'Sec-WebSocket-Version'),
        requestFrame: x.requestFrame,
        responseFrame: x.responseFrame,
      });
      this.diagnostics.push(...check.diagnostics);
      upgrade = {
        requestFrame: x.requestFrame,
        responseFrame: x.responseFrame,
        key,
        accept,
        acceptValid: check.acceptValid,
        expectedAccept: check.expectedAccept,
        extensions: header(res, 'Sec-WebSocket-Extensions'),
        protocol: header(res, 'Sec-WebSocket-Protocol'),
      };
    } else {
      this.diagnostics.push(
        diagnostic(
          'ws.heuristic.no_handshake',
          'note',
          this.conn.frames[0] ?? null,
          `no WebSocket handshake in the capture; treated as WebSocket because ${guessReason}`,
        ),
      );
    }
    this.application = 'websocket';
    this.mode = 'websocket';
    const ws = new WebSocketParser({}, { extensions: negotiated });
    this.ws = ws;
    this.wsResult = {
      upgrade,
      guess: x === null,
      guessReason,
      permessageDeflate: negotiated.permessageDeflate !== null,
      // Getters (evaluated by JSON.stringify, structured clone and spread like plain values):
      // frame objects are only made for readers that want them.
      get frames() {
        return ws.frames;
      },
      get messages() {
        return ws.messages;
      },
      get frameCount() {
        return ws.frameCount;
      },
      get messageCount() {
        return ws.messageCount;
      },
    };
    parserOf.set(this.wsResult, ws);
    // Bytes (and gaps) HTTP held past the 101, in stream order; a direction that had already ended
    // ends for the WebSocket parser too.
    for (const l of leftovers) {
      const items: Array<{
        offset: number;
        chunk?: StreamChunk;
        gap?: { offset: number; length: number; frame: number };
      }> = [
        ...l.chunks.map((chunk) => ({ offset: chunk.offset, chunk })),
        ...(l.gaps ?? []).map((gap) => ({ offset: gap.offset, gap })),
      ].sort((a, b) => a.offset - b.offset);
      for (const it of items) {
        if (it.chunk) this.ws.push(l.dir, it.chunk);
        else if (it.gap) this.ws.gap(l.dir, it.gap.offset, it.gap.length, it.gap.frame);
      }
      if (l.end) this.ws.end(l.dir, l.end.reason, l.end.frame);
    }
  }

  finish(): ConnectionDissection {
    if (this.mode === 'sniff') this.trySniff(true);
    this.http?.finish();
    this.ws?.finish();
    const diagnostics = [
      ...(this.http?.diagnostics ?? []),
      ...(this.ws?.diagnostics ?? []),
      ...this.diagnostics,
    ];
    return {
      application: this.application,
      http: this.http?.exchanges ?? [],
      httpSummary: this.http?.connectionSummary() ?? null,
      websocket: this.wsResult,
      tls: this.tls,
      switchedTo: this.switchedTo,
      diagnostics,
    };
  }
}

export const EMPTY_DISSECTION: ConnectionDissection = {
  application: 'unknown',
  http: [],
  httpSummary: null,
  websocket: null,
  tls: null,
  switchedTo: null,
  diagnostics: [],
};

/** One dissector per TCP connection, fed by the TCP stage's stream events. */
export class ConnectionDissectors {
  private readonly live = new Map<number, ConnectionDissector>();
  private readonly done = new Map<number, ConnectionDissection>();
  private readonly sniffBytes: number;

  constructor(options: DissectOptions = {}) {
    this.sniffBytes = options.sniffBytes ?? DEFAULT_SNIFF_BYTES;
  }

  private of(conn: Connection): ConnectionDissector {
    let d = this.live.get(conn.id);
    if (!d) {
      d = new ConnectionDissector(conn, this.sniffBytes);
      this.live.set(conn.id, d);
    }
    return d;
  }

  listener(): TcpListener {
    return {
      data: (conn, dir, chunk) => this.of(conn).data(dir, chunk),
      gap: (conn, dir, offset, length, frame) => this.of(conn).gap(dir, offset, length, frame),
      end: (conn, dir, reason, frame) => this.of(conn).end(dir, reason, frame),
    };
  }

  /** The finished dissection of a connection (finishes it on first call). */
  result(conn: Connection): ConnectionDissection {
    let r = this.done.get(conn.id);
    if (!r) {
      const d = this.live.get(conn.id);
      r = d ? d.finish() : EMPTY_DISSECTION;
      this.live.delete(conn.id);
      this.done.set(conn.id, r);
    }
    return r;
  }
}
