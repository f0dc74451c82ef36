// The CaptureModel the analysis worker posts to the UI: plain data (structured-clone safe) built
// from the engine's AnalysisResult + Timeline. Every view reads from it; nothing here holds the file.

import type { Timeline } from '../../core/timeline/types.ts';
import type { CaptureSummary } from '../../core/analyze.ts';
import type { Connection } from '../../core/tcp/types.ts';
import type { ConnectionDissection } from '../../core/dissect/dispatch.ts';
import type { Diagnostic } from '../../core/diagnostics/diagnostic.ts';
import type { ConnectionTimeline } from '../../core/timeline/types.ts';
import { valueAt, type Packed } from './workers/pack.ts';
import { lazyArray } from './lazy-array.ts';

export { lazyArray };
import {
  connectionRows,
  ladderExtras,
  packetRowAt,
  type PackedLadder,
  type PackedPackets,
} from './workers/packed-rows.ts';
import { hasWs, wsFramesOf, wsMessagesOf, type PackedWs } from './workers/packed-ws.ts';

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

/**
 * The model as the worker posts it: the bulky parts (packet rows, ladder rows, dissections) packed
 * into transferred columns (workers/pack.ts) instead of structured-cloned object by object.
 * `hydrateModel` turns it into a CaptureModel whose bulky parts materialise when first read.
 */
export interface WireModel {
  name: string;
  bytes: number;
  summary: CaptureSummary;
  startEpoch: number;
  /** Timeline connections without their `rows` (in `packed.rows`, by the same index). */
  timeline: Omit<ConnectionTimeline, 'rows'>[];
  /** Connections without their `dissection` (in `packed.dissections`, by the same index). */
  connections: Omit<ConnectionModel, 'dissection'>[];
  diagnostics: Diagnostic[];
  packed: { packets: PackedPackets; ladder: PackedLadder | null; dissections: Packed; ws: PackedWs };
}

/** Defines `key` on `obj` as a value made on first read (then a plain data property). */
function lazyProperty<T extends object>(obj: T, key: string, make: () => unknown): void {
  Object.defineProperty(obj, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = make();
      Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
    set(value: unknown) {
      Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

/** The UI's CaptureModel over a WireModel: same shape, bulky parts made when first read. */
export function hydrateModel(w: WireModel): CaptureModel {
  const { packets, ladder, dissections, ws } = w.packed;
  let wsData: Map<number, Uint8Array> | undefined;
  const extras = ladder ? ladderExtras(ladder) : null;
  const timeline: Timeline = {
    startEpoch: w.startEpoch,
    connections: w.timeline.map((c, i) => {
      const tc = c as ConnectionTimeline;
      lazyProperty(tc, 'rows', () => (ladder && extras ? connectionRows(ladder, i, extras) : []));
      return tc;
    }),
  };
  const connections = w.connections.map((c, i) => {
    const cm = c as ConnectionModel;
    lazyProperty(cm, 'dissection', () => {
      const d = valueAt(dissections, i) as ConnectionDissection;
      if (d.websocket && hasWs(ws, i)) {
        lazyProperty(d.websocket, 'frames', () => wsFramesOf(ws, i));
        lazyProperty(d.websocket, 'messages', () => wsMessagesOf(ws, i, (wsData ??= new Map(ws.data))));
      }
      return d;
    });
    return cm;
  });
  const model: CaptureModel = {
    name: w.name,
    bytes: w.bytes,
    summary: w.summary,
    timeline,
    connections,
    packets: lazyArray(packets.n, (i) => packetRowAt(packets, ladder, i)),
    diagnostics: w.diagnostics,
  };
  packedPackets.set(model, packets);
  return model;
}

const packedPackets = new WeakMap<CaptureModel, PackedPackets>();

/**
 * A frame's time (seconds since the first packet) without making its packet row (views that
 * need only times, e.g. the overview's handshake marks of thousands of connections).
 */
export function packetTime(model: CaptureModel, frame: number): number | null {
  const p = packedPackets.get(model);
  if (p) return frame >= 1 && frame <= p.n ? p.time[frame - 1]! : null;
  return model.packets[frame - 1]?.time ?? null;
}
