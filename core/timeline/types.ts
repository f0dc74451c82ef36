// The view model of a capture (DESIGN §1 "timeline"): for each connection the rows of its ladder
// (one per TCP packet, with the HTTP/WebSocket meaning it completed), its phases, and summary
// metrics; plus a per-frame index so stepping backward or jumping is a lookup, not a recompute.
// Plain data: it crosses the worker boundary by structured clone.

import type { Direction, TcpState } from '../tcp/types.ts';

/** What the analyzer records for every TCP packet when asked to (AnalyzeOptions.timeline). */
export interface PacketRow {
  frame: number;
  /** Seconds since the first packet of the capture. */
  time: number;
  /** Absolute capture time in seconds (for display and HAR). */
  epoch: number;
  dir: Direction;
  /** TCP flags (TcpFlag bits). */
  flags: number;
  seq: number;
  ack: number;
  relSeq: number;
  relAck: number;
  /** Payload bytes on the wire. */
  len: number;
  /** Raw window field and window in bytes after scaling. */
  window: number;
  windowSize: number;
  /** Analysis bits (core/tcp Analysis). */
  analysis: number;
  dupAckOf?: number;
  dupAckCount?: number;
  retransmissionOf?: number;
  ackRtt?: number;
  /** Endpoint states [client, server] before and after this packet. */
  statesBefore: [TcpState, TcpState];
  states: [TcpState, TcpState];
  /** Header bytes on the wire: link, IP and TCP (incl. options). */
  linkHeader: number;
  ipHeader: number;
  tcpHeader: number;
  /** TCP options worth quoting (SYN and SYN-ACK carry most). */
  mss?: number;
  windowScale?: number;
  sackPermitted?: boolean;
  tsVal?: number;
  tsEcr?: number;
  sack?: Array<[number, number]>;
}

export type AppLabelKind =
  'http-request' | 'http-response' | 'http-interim' | 'ws-frame' | 'ws-message' | 'tls-client-hello' | 'tls';

/** The application meaning a packet carries: it completed this message or frame. */
export interface AppLabel {
  kind: AppLabelKind;
  /** Short text for the ladder arrow: `GET /a.txt`, `200 OK`, `WS Text "hello"`, `Ping`, `Close 1000`. */
  text: string;
  /** Index into the connection's http exchanges, WebSocket frames or messages. */
  ref: number;
}

export interface LadderRow extends PacketRow {
  labels: AppLabel[];
  /**
   * Ids of the diagnostics pinned to this frame by the dissectors and the TCP stage (except
   * tcp.analysis.*, which `analysis` already carries), e.g. `ws.frame.control_too_long`.
   * Absent when there are none.
   */
  diagnostics?: string[];
}

export type PhaseKind =
  | 'tcp-handshake'
  | 'http-exchange'
  | 'upgrade'
  | 'messages'
  | 'close-handshake'
  | 'tcp-teardown'
  | 'tls'
  | 'data';

export interface Phase {
  kind: PhaseKind;
  /** Short label, e.g. "GET /a.txt → 200". */
  label: string;
  firstFrame: number;
  lastFrame: number;
  /** Seconds since capture start. */
  start: number;
  end: number;
  /** For http-exchange / upgrade: the exchange index. */
  exchange?: number;
}

export interface ConnectionMetrics {
  packets: number;
  /** 1 when this connection's three-way handshake was captured, else 0. */
  handshakes: number;
  /** Initial RTT in seconds (SYN → ACK of SYN-ACK), null when not seen. */
  initialRtt: number | null;
  /** Seconds from first to last packet. */
  duration: number;
  /** Longest silence between two packets, seconds. */
  maxIdle: number;
  /** Request/response round trips: HTTP exchanges + WebSocket ping/pong pairs. */
  roundTrips: number;
  /** Bytes of link+IP+TCP headers on the wire, both directions. */
  tcpIpHeaderBytes: number;
  /** HTTP start lines + header fields (incl. the Upgrade handshake). */
  httpHeaderBytes: number;
  /** WebSocket frame headers (2-14 bytes each). */
  wsHeaderBytes: number;
  /** Application payload: HTTP body bytes on the wire + WebSocket payload bytes on the wire. */
  payloadBytes: number;
  httpExchanges: number;
  wsMessages: number;
}

export interface ConnectionTimeline {
  id: number;
  client: string;
  server: string;
  application: string;
  rows: LadderRow[];
  phases: Phase[];
  metrics: ConnectionMetrics;
}

export interface Timeline {
  /** Capture time (epoch seconds) of time 0. */
  startEpoch: number;
  connections: ConnectionTimeline[];
}
