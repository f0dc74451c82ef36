// Public types of the WebSocket dissector: frames (RFC 6455 §5.2), messages (§5.4, §5.5), the
// permessage-deflate agreement (RFC 7692 §7.1) and the parser's limits. Field names follow the
// `websocket` object of the analysis contract (DESIGN §3) plus provenance.

import type { Diagnostic } from '../../diagnostics/diagnostic.ts';

export type WsSide = 'client' | 'server';

export interface WsFrame {
  /** Index in WebSocketParser.frames. */
  index: number;
  /** Capture frame whose bytes complete this WebSocket frame (or the last one seen, if truncated). */
  frame: number;
  /** Capture frame carrying its first header byte. */
  firstFrame: number;
  from: WsSide;
  fin: boolean;
  /** RSV1..RSV3 as a 3-bit number (RSV1 = 4). */
  rsv: number;
  opcode: number;
  masked: boolean;
  /** Masking key as 8 hex digits, or null. */
  maskKey: string | null;
  /** Payload length on the wire. */
  length: number;
  headerLength: number;
  /** Which length encoding the header used (RFC 6455 §5.2 "Payload length"). */
  lengthForm: 7 | 16 | 64;
  /** Stream offsets (per direction, see StreamChunk.offset) of the header and the payload. */
  headerOffset: number;
  payloadOffset: number;
  /** The capture ended (or a gap hit) before the whole payload was seen. */
  truncated: boolean;
  /** Payload larger than limits.maxFramePayload: counted, not buffered or decoded. */
  skipped: boolean;
}

export type WsMessageType = 'text' | 'binary' | 'ping' | 'pong' | 'close';

export interface WsMessage {
  from: WsSide;
  type: WsMessageType;
  /**
   * Text messages: the decoded (unmasked, inflated) UTF-8 text, invalid sequences as U+FFFD.
   * Control frames: the payload as text when it is valid UTF-8 (close: the reason), else null.
   * Binary: null.
   */
  text: string | null;
  /**
   * Binary and control messages: the (decoded) payload in hex, clipped to limits.maxHexBytes; a
   * close frame's includes its status code. Null for text messages.
   */
  payloadHex: string | null;
  /** Binary messages: the decoded payload, up to limits.maxKeptBytes. */
  data: Uint8Array | null;
  /** Decoded payload length (after inflation); what was decoded when `incomplete`. */
  length: number;
  /** Sum of the payload lengths on the wire of the frames that carried it. */
  wireLength: number;
  /** RSV1 set on its first frame under permessage-deflate. */
  compressed: boolean;
  /** Close frames: status code (null when the payload is empty or invalid) and reason. */
  code: number | null;
  reason: string | null;
  firstFrame: number;
  /** Capture frame completing the message. */
  lastFrame: number;
  /** Indexes into WebSocketParser.frames of the frames that carried it (those recorded). */
  frames: number[];
  /** Fewer bytes kept (text, data or hex) than decoded. */
  clipped: boolean;
  /** Content not fully known: truncated, interrupted, skipped frames or inflation stopped. */
  incomplete: boolean;
}

export interface PerMessageDeflate {
  /** The sender does not reuse its LZ77 window across messages (RFC 7692 §7.1.1). */
  serverNoContextTakeover: boolean;
  clientNoContextTakeover: boolean;
  /** LZ77 window of each sender, 8..15 (RFC 7692 §7.1.2); 15 when not limited. */
  serverMaxWindowBits: number;
  clientMaxWindowBits: number;
}

export interface NegotiatedExtensions {
  /** The accepted permessage-deflate parameters, or null when not in effect. */
  permessageDeflate: PerMessageDeflate | null;
  /** Other extension names in the response: their RSV use cannot be checked. */
  others: string[];
  /** Problems with the offer/response (frame null: the caller knows the handshake frames). */
  diagnostics: Diagnostic[];
}

export interface WebSocketLimits {
  /** Largest frame payload buffered for decoding (default 16 MiB); larger ones are counted and skipped. */
  maxFramePayload?: number;
  /** Decompressed bytes per message (default 16 MiB). */
  maxMessageBytes?: number;
  /** Largest decompressed:compressed ratio per message (default 1000), checked past 1 MiB of output. */
  maxRatio?: number;
  /** Fragments per message (default 10000). */
  maxFragments?: number;
  /** Binary payload bytes kept per message (default 64 KiB). */
  maxKeptBytes?: number;
  /** Text bytes kept per message (default 16 MiB). */
  maxTextBytes?: number;
  /** Payload bytes shown as payloadHex (default 256). */
  maxHexBytes?: number;
  /** Frames, messages and diagnostics recorded (defaults 200000, 200000, 10000). */
  maxFrames?: number;
  maxMessages?: number;
  maxDiagnostics?: number;
}

export interface WebSocketOptions {
  /** The negotiated extensions (from negotiateExtensions), or null/absent for none. */
  extensions?: NegotiatedExtensions | null;
  limits?: WebSocketLimits;
}

export interface WebSocketListener {
  frame?(frame: WsFrame): void;
  message?(message: WsMessage): void;
  diagnostic?(diagnostic: Diagnostic): void;
}
