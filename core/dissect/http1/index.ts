// Public surface of the HTTP/1.x dissector (RFC 9112 message syntax, RFC 9110 semantics).
//
// Diagnostic ids (severity): http1.start_line.invalid (error), http1.header.invalid (warn),
// http1.header.obs_fold (warn), http1.header.too_large (error), http1.line.bare_lf (note),
// http1.framing.te_and_cl (warn), http1.framing.invalid_content_length (error),
// http1.framing.invalid_transfer_encoding (error), http1.chunk.invalid (error),
// http1.chunk.whitespace (note), http1.gap (warn), http1.resync.failed (error),
// http1.response.unmatched (warn), http1.after_close.data (warn), http1.upgrade.unrequested (warn),
// http1.message.incomplete (warn: the connection closed mid-message),
// http1.message.truncated (note: the capture ended mid-message), http1.diagnostics.dropped (note).
export { Http1Parser } from './parser.ts';
export { looksLikeHttpRequest, looksLikeHttpResponse } from './sniff.ts';
export type {
  BodyFraming,
  ConnectionSummary,
  DirectionLeftovers,
  ExchangeEvent,
  Http1Listener,
  Http1Options,
  HttpChunk,
  HttpExchange,
  HttpHeader,
  HttpMessage,
  HttpRequest,
  HttpResponse,
  StreamSpan,
} from './types.ts';
