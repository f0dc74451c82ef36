// Lane geometry for the connections overview: one lane per TCP connection on a shared time axis,
// with the handshake and close marks placed at their frames' times.

import { packetTime, type CaptureModel } from '../../model.ts';

export type LaneApp = 'http' | 'websocket' | 'tls' | 'unknown';

export interface Lane {
  id: number;
  app: LaneApp;
  client: string;
  server: string;
  /** Seconds since capture start. */
  start: number;
  end: number;
  firstFrame: number;
  /** Times of the SYN / SYN-ACK / ACK seen, and of the first FIN or RST. */
  handshake: number[];
  close: { time: number; kind: 'fin' | 'rst' } | null;
}

export function buildLanes(model: CaptureModel): Lane[] {
  const t0 = model.summary.firstTime ?? model.timeline.startEpoch;
  const timeOf = (frame: number | null): number | null => {
    if (frame === null) return null;
    return packetTime(model, frame);
  };
  // The application from the timeline (same value as the dissection's, which is only made when
  // a view reads it).
  const apps = new Map(model.timeline.connections.map((c) => [c.id, c.application]));
  return model.connections.map((c) => {
    const tcp = c.tcp;
    const hs = [tcp.handshake.syn, tcp.handshake.synAck, tcp.handshake.ack]
      .map(timeOf)
      .filter((x): x is number => x !== null);
    const closeTime = timeOf(tcp.close.frame);
    const ep = (e: { address: string; port: number }) =>
      e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
    return {
      id: c.id,
      app: (apps.get(c.id) ?? c.dissection.application) as LaneApp,
      client: ep(tcp.client),
      server: ep(tcp.server),
      start: tcp.firstTime - t0,
      end: tcp.lastTime - t0,
      firstFrame: tcp.frames[0] ?? 1,
      handshake: hs,
      close:
        tcp.close.kind !== 'none' && closeTime !== null ? { time: closeTime, kind: tcp.close.kind } : null,
    };
  });
}

/** The whole capture's time span (at least a millisecond, so a one-packet file still draws). */
export function timeExtent(model: CaptureModel): [number, number] {
  const first = model.summary.firstTime ?? 0;
  const last = model.summary.lastTime ?? first;
  return [0, Math.max(last - first, 0.001)];
}

/** More lanes than this are drawn on a canvas instead of as SVG elements. */
export const CANVAS_THRESHOLD = 2000;
