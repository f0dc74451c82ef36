// The stable public output: `wirestep.analysis/1` (DESIGN §3). The UI may hold more; this is the
// part other tools can rely on. Keep field order and names as documented there.

import type { AnalysisResult, ConnectionAnalysis } from './analyze.ts';
import type { Endpoint } from './tcp/types.ts';
import { websocketFrames, type WebSocketDissection } from './dissect/dispatch.ts';
import type { WsFrame, WsMessage } from './dissect/websocket/index.ts';
import { wireMetrics, type WireMetrics } from './timeline/metrics.ts';
import { categorizeConnections, type CompareCategory } from './timeline/compare.ts';

export const ANALYSIS_SCHEMA = 'wirestep.analysis/1';

export function endpointText(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

export interface AnalysisJson {
  schema: typeof ANALYSIS_SCHEMA;
  capture: {
    format: string | null;
    linkTypes: number[];
    packets: number;
    warnings: Array<{ id: string; offset: number; message: string }>;
    error?: { id: string; offset: number; message: string };
  };
  connections: unknown[];
}

/**
 * The same document with `connections` produced one at a time as it is iterated: a writer that
 * streams it out holds one connection's JSON objects at a time instead of the whole capture's
 * (millions of small objects on a large capture).
 */
export interface AnalysisJsonStream {
  schema: typeof ANALYSIS_SCHEMA;
  capture: AnalysisJson['capture'];
  connections: Iterable<unknown>;
}

/**
 * `categories`: each connection's comparison category when `result` holds only some of the
 * capture's connections (an export of a selection): polling is judged across the whole capture.
 */
export function toAnalysisJson(
  result: AnalysisResult,
  categories: Map<number, CompareCategory> = connectionCategories(result),
): AnalysisJson {
  return {
    schema: ANALYSIS_SCHEMA,
    capture: captureJson(result),
    connections: result.connections.map((ca) => connectionJson(ca, categories, false)),
  };
}

export function toAnalysisJsonStream(result: AnalysisResult): AnalysisJsonStream {
  // Polling is a pattern across connections, so categories are decided before streaming starts
  // (a pass over the HTTP requests only).
  const categories = connectionCategories(result);
  return {
    schema: ANALYSIS_SCHEMA,
    capture: captureJson(result),
    connections: lazyMap(result.connections, (ca) => connectionJson(ca, categories, true)),
  };
}

/**
 * A value already written as JSON text. The stream form uses it for the WebSocket frame and
 * message rows (hundreds of thousands on a large capture): writing a row's text directly costs a
 * fraction of building an object and JSON.stringify-ing it.
 */
export class JsonText {
  constructor(readonly json: string) {}
}

function* lazyMap<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

function captureJson(result: AnalysisResult): AnalysisJson['capture'] {
  const c = result.capture;
  const capture: AnalysisJson['capture'] = {
    format: c.format,
    linkTypes: c.linkTypes,
    packets: c.packets,
    warnings: c.warnings.map((w) => ({ id: w.id, offset: w.offset, message: w.message })),
  };
  if (c.error) capture.error = { id: c.error.id, offset: c.error.offset, message: c.error.message };
  return capture;
}

/** Each connection's comparison category (additive field `category`, core/timeline/compare.ts). */
export function connectionCategories(result: {
  connections: ReadonlyArray<Pick<ConnectionAnalysis, 'tcp' | 'dissection'>>;
}): Map<number, CompareCategory> {
  return categorizeConnections(
    result.connections.map((ca) => ({
      id: ca.tcp.id,
      clientAddress: ca.tcp.client.address,
      server: endpointText(ca.tcp.server),
      dissection: ca.dissection,
    })),
  );
}

function connectionJson(
  ca: ConnectionAnalysis,
  categories: Map<number, CompareCategory>,
  stream = false,
): unknown {
  const t = ca.tcp;
  const d = ca.dissection;
  return {
    id: t.id,
    client: endpointText(t.client),
    server: endpointText(t.server),
    frames: t.frames,
    handshake: t.handshake.syn === null && t.handshake.synAck === null ? null : { ...t.handshake },
    close: { kind: t.close.kind, by: t.close.by },
    application: d.application,
    category: categories.get(t.id) ?? 'other',
    retransmissions: t.retransmissions,
    metrics: metricsJson(ca),
    http: d.http.map((x) => ({
      method: x.method,
      target: x.target,
      status: x.status,
      requestFrame: x.requestFrame,
      responseFrame: x.responseFrame,
    })),
    websocket: d.websocket ? websocketJson(d.websocket, stream) : null,
    diagnostics: [...t.diagnostics, ...d.diagnostics].map((x) => ({
      id: x.id,
      severity: x.severity,
      frame: x.frame,
      message: x.message,
    })),
  };
}

/** Overhead numbers, computed by the same code as the timeline's ConnectionMetrics (additive field). */
export function metricsJson(ca: ConnectionAnalysis): WireMetrics {
  const w = wireMetrics(ca.tcp, ca.dissection, ca.tcpIpHeaderBytes ?? 0);
  return {
    handshakes: w.handshakes,
    roundTrips: w.roundTrips,
    tcpIpHeaderBytes: w.tcpIpHeaderBytes,
    httpHeaderBytes: w.httpHeaderBytes,
    wsHeaderBytes: w.wsHeaderBytes,
    payloadBytes: w.payloadBytes,
    duration: w.duration,
  };
}

function websocketJson(ws: WebSocketDissection, stream: boolean): unknown {
  return {
    upgrade: ws.upgrade
      ? {
          requestFrame: ws.upgrade.requestFrame,
          responseFrame: ws.upgrade.responseFrame,
          acceptValid: ws.upgrade.acceptValid,
          extensions: ws.upgrade.extensions,
        }
      : null,
    ...(ws.guess ? { guess: true } : {}),
    frames: stream ? lazyMap(websocketFrames(ws), frameRow) : ws.frames.map(frameJson),
    messages: stream ? lazyMap(ws.messages, messageRow) : ws.messages.map(messageJson),
  };
}

function frameJson(f: WsFrame): unknown {
  return { frame: f.frame, from: f.from, fin: f.fin, opcode: f.opcode, masked: f.masked, length: f.length };
}

function messageJson(m: WsMessage): unknown {
  const out: Record<string, unknown> = { from: m.from, type: m.type };
  if (m.type === 'text') out.text = m.text;
  out.length = m.length;
  if (m.type === 'close') {
    out.code = m.code;
    out.reason = m.reason;
  }
  out.lastFrame = m.lastFrame;
  return out;
}

// frameJson and messageJson as text (same keys, same order; `from` and `type` never need escaping;
// the corpus test compares both forms).

function frameRow(f: WsFrame): JsonText {
  return new JsonText(
    `{"frame":${f.frame},"from":"${f.from}","fin":${f.fin},"opcode":${f.opcode},"masked":${f.masked},"length":${f.length}}`,
  );
}

function messageRow(m: WsMessage): JsonText {
  let s = `{"from":"${m.from}","type":"${m.type}"`;
  if (m.type === 'text') s += `,"text":${JSON.stringify(m.text)}`;
  s += `,"length":${m.length}`;
  if (m.type === 'close') s += `,"code":${JSON.stringify(m.code)},"reason":${JSON.stringify(m.reason)}`;
  return new JsonText(`${s},"lastFrame":${m.lastFrame}}`);
}
