// Public surface of the WebSocket dissector (RFC 6455, RFC 7692).
//
// Diagnostic ids (each covered by a test in test/dissect/websocket/):
//   parser      ws.frame.{client_unmasked, server_masked, control_too_long, control_fragmented,
//               rsv_without_extension, rsv1_misplaced, opcode_reserved, continuation_unexpected,
//               new_message_in_fragmented, length_not_minimal, length_invalid, after_close, too_large},
//               ws.close.{code_invalid, payload_invalid}, ws.text.invalid_utf8, ws.truncated,
//               ws.message.too_many_fragments, ws.deflate.{error, limit_exceeded, disabled},
//               ws.limit.{frames, messages, diagnostics}
//   handshake   ws.handshake.{accept_mismatch, accept_missing, key_missing, key_invalid, version_unsupported}
//   extensions  ws.extension.{invalid, not_offered}

export { computeAccept, validateHandshake } from './handshake.ts';
export type { HandshakeCheck, HandshakeInfo } from './handshake.ts';
export { negotiateExtensions, parseExtensionHeader } from './extensions.ts';
export type { ExtensionOffer } from './extensions.ts';
export { WebSocketParser } from './parser.ts';
export { looksLikeWebSocket } from './heuristic.ts';
export { closeCodeName, isValidCloseCode } from './close.ts';
export type {
  NegotiatedExtensions,
  PerMessageDeflate,
  WebSocketLimits,
  WebSocketListener,
  WebSocketOptions,
  WsFrame,
  WsMessage,
  WsMessageType,
  WsSide,
} from './types.ts';
