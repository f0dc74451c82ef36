// The contract of core/detail: one frame's bytes (plus what the analysis knows about it) → a tree
// of fields, each with the byte span it came from, so the detail view and the hex view can point
// at each other (DESIGN §2 "provenance everywhere").

import type { Direction } from '../tcp/types.ts';
import type { HttpExchange } from '../dissect/http1/types.ts';
import type { WsFrame, WsMessage } from '../dissect/websocket/types.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';

export interface FieldNode {
  /**
   * Stable id, e.g. 'tcp.flags.syn'. Fields of a repeated layer carry its instance after '#':
   * 'websocket#3.opcode' (WsFrame.index 3), 'http#0.request.method' (exchange 0).
   */
  key: string;
  /** One line for the tree, wire text escaped: "Flags: 0x018 (PSH, ACK)". */
  label: string;
  value?: string | number;
  /** Half-open byte span [start, end) in the frame's captured bytes; start === end when none. */
  start: number;
  end: number;
  children?: FieldNode[];
  /** "id: message" of a diagnostic found on this field. */
  diagnostic?: string;
}

/** What the analysis knows about the frame (all optional: without it only headers are shown). */
export interface FrameContext {
  /** Seconds since the first packet of the capture. */
  time?: number;
  /** TCP connection id (tshark's tcp.stream). */
  connection?: number;
  /** 0: client → server, 1: server → client. */
  direction?: Direction;
  /** Stream offset (core/tcp StreamChunk.offset) of the frame's first TCP payload byte. */
  streamOffset?: number;
  relSeq?: number;
  relAck?: number;
  /** Window in bytes after scaling. */
  windowSize?: number;
  /** HTTP exchanges with a message (in this frame's direction) overlapping its payload. */
  http?: HttpExchange[];
  /** WebSocket frames (in this frame's direction) overlapping its payload. */
  wsFrames?: WsFrame[];
  /** The messages those frames belong to (for the decoded text of compressed/fragmented ones). */
  wsMessages?: WsMessage[];
  /** Diagnostics of the connection pinned to this frame. */
  diagnostics?: Diagnostic[];
}

export interface FieldTreeInput {
  frame: number;
  /** The captured bytes. */
  data: Uint8Array;
  linkType: number;
  /** Capture time in seconds since the Unix epoch. */
  epoch: number;
  capturedLength: number;
  originalLength: number;
  context?: FrameContext;
}
