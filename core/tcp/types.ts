// The contract of core/tcp: decoded packets in (in file order), connections, per-segment analysis
// and reassembled byte streams out. The dissectors (core/dissect) consume the stream events.

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { DecodedPacket } from '../decode/types.ts';

/** 0: client → server, 1: server → client. */
export type Direction = 0 | 1;

/** RFC 9293 §3.3.2 connection states, seen from one endpoint. */
export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN-SENT'
  | 'SYN-RECEIVED'
  | 'ESTABLISHED'
  | 'FIN-WAIT-1'
  | 'FIN-WAIT-2'
  | 'CLOSE-WAIT'
  | 'CLOSING'
  | 'LAST-ACK'
  | 'TIME-WAIT';

/** Every TcpState in RFC 9293 §3.3.2's order (codes for packed rows, diagram layouts). */
export const TCP_STATES: readonly TcpState[] = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

export interface Endpoint {
  address: string;
  port: number;
}

/** Per-segment analysis bits, named after tshark's tcp.analysis.* fields. */
export const Analysis = {
  RETRANSMISSION: 1 << 0,
  FAST_RETRANSMISSION: 1 << 1,
  SPURIOUS_RETRANSMISSION: 1 << 2,
  OUT_OF_ORDER: 1 << 3,
  DUPLICATE_ACK: 1 << 4,
  ZERO_WINDOW: 1 << 5,
  ZERO_WINDOW_PROBE: 1 << 6,
  ZERO_WINDOW_PROBE_ACK: 1 << 7,
  KEEP_ALIVE: 1 << 8,
  KEEP_ALIVE_ACK: 1 << 9,
  WINDOW_UPDATE: 1 << 10,
  WINDOW_FULL: 1 << 11,
  LOST_SEGMENT: 1 << 12,
  ACKED_UNSEEN: 1 << 13,
  REUSED_PORTS: 1 << 14,
} as const;

export interface SegmentInfo {
  connection: Connection;
  direction: Direction;
  frame: number;
  /** Sequence and acknowledgement numbers relative to each side's ISN (tshark's tcp.seq / tcp.ack). */
  relSeq: number;
  relAck: number;
  /** relSeq + payload length (+1 for SYN/FIN): tshark's tcp.nxtseq. */
  relNextSeq: number;
  /** Window in bytes after applying the sender's window scale (when both sides negotiated it). */
  windowSize: number;
  /** Analysis bits (see Analysis). */
  analysis: number;
  /** For a duplicate ACK: the frame of the ACK it repeats, and the running count (tshark's #N). */
  dupAckOf?: number;
  dupAckCount?: number;
  /** For a retransmission: the frame that first carried these bytes, if seen. */
  retransmissionOf?: number;
  /** For an ACK: the frame whose data it acknowledges and the RTT to it, in seconds. */
  ackedFrame?: number;
  ackRtt?: number;
  /** Each endpoint's state after this segment: [client, server]. */
  states: [TcpState, TcpState];
}

/** Contiguous stream bytes carried by one frame. */
export interface StreamChunk {
  /** The bytes; valid only during the listener call (copy to keep them). */
  data: Uint8Array;
  /** Frame that carried these bytes. */
  frame: number;
  /** Stream offset of data[0]: bytes since the first byte after the SYN (ISN + 1). */
  offset: number;
}

export type EndReason = 'fin' | 'rst' | 'eof';

export interface TcpListener {
  /** A new connection (first packet of a 4-tuple, or a new SYN reusing the ports of a closed one). */
  connection?(conn: Connection, packet: DecodedPacket): void;
  /** Every TCP packet, after analysis. */
  segment?(info: SegmentInfo, packet: DecodedPacket): void;
  /** In-order stream bytes, each byte delivered once. */
  data?(conn: Connection, dir: Direction, chunk: StreamChunk): void;
  /** Bytes that will never arrive (lost, not captured, or cut by the snaplen) at stream `offset`. */
  gap?(conn: Connection, dir: Direction, offset: number, length: number, frame: number): void;
  /** That direction's stream ended (FIN reached in order, RST, or end of capture). */
  end?(conn: Connection, dir: Direction, reason: EndReason, frame: number | null): void;
}

export interface Connection {
  /** 0-based, in order of first packet; equals tshark's tcp.stream. */
  id: number;
  /** The sender of the first SYN; see clientInferred. */
  client: Endpoint;
  server: Endpoint;
  ipVersion: 4 | 6;
  /** True when no SYN (without ACK) was seen and the roles were guessed. */
  clientInferred: boolean;
  /** Every frame of this connection, in file order. */
  frames: number[];
  /** Capture timestamps (seconds) of the first and last frame. */
  firstTime: number;
  lastTime: number;
  handshake: { syn: number | null; synAck: number | null; ack: number | null };
  /** First FIN or RST; an RST anywhere wins over FIN (DESIGN §3). */
  close: { kind: 'fin' | 'rst' | 'none'; by: 'client' | 'server' | null; frame: number | null };
  /** Frames flagged as retransmissions (incl. fast and spurious ones, as tshark's tcp.analysis.retransmission). */
  retransmissions: number[];
  fastRetransmissions: number[];
  spuriousRetransmissions: number[];
  outOfOrder: number[];
  duplicateAcks: number[];
  zeroWindows: number[];
  /** Raw initial sequence numbers [client, server], when the SYNs were seen. */
  isn: [number | null, number | null];
  mss: [number | null, number | null];
  windowScale: [number | null, number | null];
  sackPermitted: [boolean, boolean];
  /** tshark's tcp.analysis.initial_rtt: SYN to the ACK of the SYN-ACK, in seconds. */
  initialRtt: number | null;
  /** Current (after the last packet) state of [client, server]. */
  states: [TcpState, TcpState];
  /** Payload bytes sent by [client, server] (wire lengths, retransmissions included). */
  payloadBytes: [number, number];
  packetsBy: [number, number];
  diagnostics: Diagnostic[];
}

export interface TcpOptions {
  /** Out-of-order bytes buffered per direction before the oldest are declared a gap (default 4 MiB). */
  maxBufferedBytesPerDirection?: number;
  /** Out-of-order segments buffered per direction (default 1024). */
  maxBufferedSegmentsPerDirection?: number;
}
