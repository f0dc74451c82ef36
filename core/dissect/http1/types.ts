// Data model of the HTTP/1.x dissector: messages (RFC 9112 §2.1 start line, field lines, body),
// exchanges (a request paired with its final response, RFC 9110 §15 interim responses kept aside)
// and the listener the parser reports to. Everything is plain data (no classes, no getters) so an
// exchange can cross a worker boundary by structured clone.
//
// Provenance: every span is a half-open range [start, end) of *stream offsets* in the direction the
// message travelled (0 = client → server, 1 = server → client), the same offsets the TCP stage puts
// on its StreamChunks, so the UI can map any field back to the frames that carried it.

import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { Direction, EndReason, StreamChunk } from '../../tcp/types.ts';

export interface StreamSpan {
  start: number;
  end: number;
}

export interface HttpHeader {
  /** As sent (case preserved). */
  name: string;
  /** Field value without leading/trailing whitespace; obs-fold continuations joined with one SP. */
  value: string;
  /**
   * The whole field line(s) [start, end), line endings included. The name is
   * [start, start + name.length). Plain numbers rather than span objects: a capture can hold
   * millions of fields.
   */
  start: number;
  end: number;
  /** The value as sent [valueStart, valueEnd) (from its first to its last non-blank byte). */
  valueStart: number;
  valueEnd: number;
  /** Set when the line broke the field syntax (e.g. whitespace before the colon): shown, never used for framing. */
  invalid?: true;
}

export interface HttpChunk {
  /** Chunk-size line, including extensions and its line ending. */
  sizeLine: StreamSpan;
  /** Chunk data (without the CRLF that follows it). */
  data: StreamSpan;
  size: number;
  /** Raw chunk extensions (after the size, `;` included), if any. */
  extensions?: string;
}

/** How the body length is known (RFC 9112 §6.3). */
export type BodyFraming = 'none' | 'content-length' | 'chunked' | 'close';

export interface HttpMessage {
  dir: Direction;
  /** "HTTP/1.1" as sent. */
  version: string;
  startLine: StreamSpan;
  headers: HttpHeader[];
  trailers: HttpHeader[];
  /** Bytes of the start line, the field lines and the empty line that ends them. */
  headerBytes: number;
  framing: BodyFraming;
  chunked: boolean;
  /** Parsed Content-Length (null when absent or invalid). */
  contentLength: number | null;
  /** Body on the wire (chunk framing and trailers included); null when the message has no body. */
  body: StreamSpan | null;
  /** Body bytes on the wire (chunk framing included), counting bytes lost in capture gaps. */
  bodyWireBytes: number;
  /** Body bytes after removing the chunked coding (content codings such as gzip are not undone). */
  bodyBytes: number;
  /** Chunks of a chunked body (at most options.maxChunksPerMessage are kept; chunkCount counts all). */
  chunks: HttpChunk[];
  chunkCount: number;
  headersComplete: boolean;
  bodyComplete: boolean;
  /** Headers and body complete: the message ended where its framing says. */
  complete: boolean;
  /** Bytes of this message that the capture does not have (gaps). */
  missingBytes: number;
  /** Frame of the first byte, of the last byte of the header block, and of the last byte (or the close) of the message. */
  firstFrame: number;
  headersFrame: number | null;
  frame: number | null;
  /** The whole message so far. */
  span: StreamSpan;
  /** For a close-delimited body: how the stream ended ('eof' = capture ended, not a real close). */
  closedBy?: EndReason;
  /** Connection options (RFC 9112 §9.3): `close` or HTTP/1.0 without `keep-alive` make this false. */
  keepAlive: boolean;
}

/** The method is at startLine.start; the target starts one SP later (startLine.start + method.length + 1). */
export interface HttpRequest extends HttpMessage {
  method: string;
  target: string;
}

/** The status code is at startLine.start + 9 (3 bytes), the reason phrase at + 13. */
export interface HttpResponse extends HttpMessage {
  status: number;
  reason: string;
}

export interface HttpExchange {
  /** 0-based position in the connection. */
  index: number;
  request: HttpRequest | null;
  /** The final (non-1xx, or 101) response. */
  response: HttpResponse | null;
  /** 1xx interim responses (100 Continue, 103 Early Hints, ...) before the final one. */
  interim: HttpResponse[];
  // Flat copies for the analysis JSON (DESIGN §3) and quick access; kept in step with request/response.
  method: string | null;
  target: string | null;
  status: number | null;
  requestFrame: number | null;
  responseFrame: number | null;
  requestFirstFrame: number | null;
  responseFirstFrame: number | null;
  requestHeadersFrame: number | null;
  responseHeadersFrame: number | null;
  /** Request asked for a protocol switch (Upgrade + Connection: upgrade). */
  upgradeRequested: boolean;
  /** Set when a 101 switched protocols: the Upgrade token(s) of the response (e.g. "websocket", "tcp"). */
  upgrade: { protocol: string } | null;
  /** CONNECT answered with 2xx: the connection became a tunnel. */
  tunnel: boolean;
  expectContinue: boolean;
  /** Both messages allow the connection to be reused afterwards. */
  persistent: boolean;
  /** The request started inside a capture gap (request is null): a placeholder keeps pairing aligned. */
  requestLost?: true;
  /** The response started inside a capture gap (response stays null); later responses pair with later requests. */
  responseLost?: true;
}

/** Owned copies of the bytes one direction carried past the point where HTTP stopped. */
export interface DirectionLeftovers {
  dir: Direction;
  chunks: StreamChunk[];
  /** Capture gaps among those bytes (reported to the parser while it held them). */
  gaps: { offset: number; length: number; frame: number }[];
  /** The direction had already ended before the switch (its end() was held too). */
  end: { reason: EndReason; frame: number | null } | null;
}

export type ExchangeEvent = 'request' | 'interim' | 'response';

export interface Http1Listener {
  /** A message of `x` ended (complete, or abandoned: see message.complete). Each message is reported once. */
  exchange?(x: HttpExchange, which: ExchangeEvent): void;
  /** A 101 switched protocols; the parser ignores further input. Leftovers: dir 0 then dir 1. */
  upgrade?(x: HttpExchange, leftovers: DirectionLeftovers[]): void;
  /** A CONNECT got a 2xx; the parser ignores further input (the tunnel may carry TLS). */
  tunnel?(x: HttpExchange, leftovers: DirectionLeftovers[]): void;
  /** `at`: where in that direction's stream, when known. */
  diagnostic?(d: Diagnostic, at: { dir: Direction; span: StreamSpan } | null): void;
}

export interface Http1Options {
  /** Start line plus field lines per message (default 64 KiB). */
  maxHeaderBytes?: number;
  /** Chunk records kept per message (default 1024); all chunks are still counted and parsed. */
  maxChunksPerMessage?: number;
  /** Bytes skipped while looking for the next start line before giving up on a direction (default 1 MiB). */
  maxResyncBytes?: number;
  /** Diagnostics kept by the parser (default 1000). */
  maxDiagnostics?: number;
}

export interface ConnectionSummary {
  closedBy: 'client' | 'server' | null;
  /** The last exchange allowed the connection to be reused (keep-alive semantics). */
  persistent: boolean;
  /** Exactly one exchange and then the connection closed. */
  shortConnection: boolean;
  /** More than one exchange. */
  reused: boolean;
}
