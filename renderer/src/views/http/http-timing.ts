// Timing of each HTTP exchange, the way a browser's network panel splits it, but from the wire:
//   connect    SYN → the ACK of the SYN-ACK (RFC 9293 §3.5), first exchange of a connection only
//   sent       first → last frame of the request (RFC 9112 §2.1 message)
//   waiting    last request byte → first response byte (server think time + one-way latencies)
//   receiving  first → last frame of the response
//   close      first FIN/RST → last packet, when the connection closed after this exchange (not
//              after a 101 or a tunnel: then the close belongs to the protocol that took over)
// Times are the capture timestamps of those frames (timeline rows). Pure data.

import type { HttpExchange, HttpMessage } from '../../../../core/dissect/http1/types.ts';
import type { ConnectionTimeline } from '../../../../core/timeline/types.ts';
import type { ConnectionModel } from '../../model.ts';

export type TimingKind = 'connect' | 'sent' | 'waiting' | 'receiving' | 'close';
export const TIMING_KINDS: TimingKind[] = ['connect', 'sent', 'waiting', 'receiving', 'close'];

export interface TimingPhase {
  kind: TimingKind;
  fromFrame: number;
  toFrame: number;
  /** Seconds since capture start. */
  start: number;
  end: number;
}

export interface ExchangeTiming {
  /** Connection id. */
  connection: number;
  exchange: HttpExchange;
  phases: TimingPhase[];
  /** Earliest start and latest end of the phases (null when no frame time is known). */
  start: number | null;
  end: number | null;
  /** Whole messages on the wire (start line, fields, body with its framing). */
  requestBytes: number | null;
  responseBytes: number | null;
  /** Body bytes after removing chunked coding. */
  requestBody: number | null;
  responseBody: number | null;
}

function wireBytes(m: HttpMessage | null): number | null {
  return m ? m.span.end - m.span.start : null;
}

export function frameTimes(timeline: ConnectionTimeline): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of timeline.rows) m.set(r.frame, r.time);
  return m;
}

export function exchangeTimings(conn: ConnectionModel, timeline: ConnectionTimeline): ExchangeTiming[] {
  const times = frameTimes(timeline);
  const exchanges = conn.dissection.http;
  const lastFrame = timeline.rows.length ? timeline.rows[timeline.rows.length - 1]!.frame : null;
  const hs = conn.tcp.handshake;
  const close = conn.tcp.close;
  return exchanges.map((x, i) => {
    const phases: TimingPhase[] = [];
    const add = (kind: TimingKind, from: number | null, to: number | null) => {
      if (from === null || to === null) return;
      const start = times.get(from);
      const end = times.get(to);
      if (start === undefined || end === undefined) return;
      phases.push({ kind, fromFrame: from, toFrame: to, start, end: Math.max(start, end) });
    };
    if (i === 0 && hs.syn !== null) add('connect', hs.syn, hs.ack ?? hs.synAck);
    const reqFirst = x.requestFirstFrame;
    const reqLast = x.requestFrame ?? x.requestHeadersFrame ?? reqFirst;
    add('sent', reqFirst, reqLast);
    add('waiting', reqLast, x.responseFirstFrame);
    add('receiving', x.responseFirstFrame, x.responseFrame ?? x.responseHeadersFrame ?? x.responseFirstFrame);
    // The connection closed after this exchange: it is the last one and a FIN or RST was seen.
    // After a 101 or a CONNECT tunnel the close belongs to the protocol that took over.
    const handedOver = x.upgrade !== null || x.tunnel;
    if (i === exchanges.length - 1 && !handedOver && close.kind !== 'none' && close.frame !== null)
      add('close', close.frame, lastFrame);
    let start: number | null = null;
    let end: number | null = null;
    for (const p of phases) {
      start = start === null ? p.start : Math.min(start, p.start);
      end = end === null ? p.end : Math.max(end, p.end);
    }
    return {
      connection: conn.id,
      exchange: x,
      phases,
      start,
      end,
      requestBytes: wireBytes(x.request),
      responseBytes: wireBytes(x.response),
      requestBody: x.request ? x.request.bodyBytes : null,
      responseBody: x.response ? x.response.bodyBytes : null,
    };
  });
}

/** The common time span of a set of exchanges, for one scale across all bars. */
export function timingExtent(list: readonly ExchangeTiming[]): [number, number] | null {
  let a = Infinity;
  let b = -Infinity;
  for (const x of list) {
    if (x.start !== null) a = Math.min(a, x.start);
    if (x.end !== null) b = Math.max(b, x.end);
  }
  return a <= b ? [a, b] : null;
}

/** Phase boxes as fractions [left, width] of the extent (zero-length phases get a hairline). */
export function barBoxes(
  t: ExchangeTiming,
  extent: [number, number],
): Array<{ kind: TimingKind; left: number; width: number }> {
  const span = extent[1] - extent[0];
  return t.phases.map((p) => {
    const left = span > 0 ? (p.start - extent[0]) / span : 0;
    const width = span > 0 ? (p.end - p.start) / span : 1;
    return { kind: p.kind, left, width };
  });
}

export function msText(seconds: number): string {
  return `${(seconds * 1000).toFixed(3)} ms`;
}
