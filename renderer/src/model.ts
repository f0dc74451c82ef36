// The CaptureModel the analysis worker posts to the UI: plain data (structured-clone safe) built
// from the engine's AnalysisResult + Timeline. Every view reads from it; nothing here holds the file.

import type { Timeline } from '../../core/timeline/types.ts';
import type { CaptureSummary } from '../../core/analyze.ts';
import type { Connection } from '../../core/tcp/types.ts';
import type { ConnectionDissection } from '../../core/dissect/dispatch.ts';
import type { Diagnostic } from '../../core/diagnostics/diagnostic.ts';

export interface PacketListRow {
  frame: number;
  /** Seconds since the first packet. */
  time: number;
  epoch: number;
  src: string;
  dst: string;
  /** 'TCP' | 'HTTP' | 'WebSocket' | 'TLS' | 'UDP' | … */
  protocol: string;
  length: number;
  info: string;
  /** TCP connection id, -1 when not TCP. */
  connection: number;
  /** TCP flags (TcpFlag bits), 0 if not TCP. */
  flags: number;
  fileOffset: number;
  capturedLength: number;
  linkType: number;
  /** TCP ports (additive: used by the display filter's `port` / `tcp.port`). */
  srcPort?: number;
  dstPort?: number;
  /** tcp.analysis bits (core/tcp Analysis), once the connection is analysed. */
  analysis?: number;
}

export interface ConnectionModel {
  id: number;
  tcp: Connection;
  dissection: ConnectionDissection;
}

export interface CaptureModel {
  name: string;
  bytes: number;
  summary: CaptureSummary;
  timeline: Timeline;
  connections: ConnectionModel[];
  packets: PacketListRow[];
  diagnostics: Diagnostic[];
}
