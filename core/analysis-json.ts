// The stable public output: `wirestep.analysis/1` (DESIGN §3). The UI may hold more; this is the
// part other tools can rely on. Keep field order and names as documented there.

import type { AnalysisResult, ConnectionAnalysis } from './analyze.ts';
import type { Endpoint } from './tcp/types.ts';
import type { WebSocketDissection } from './dissect/dispatch.ts';

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

export function toAnalysisJson(result: AnalysisResult): AnalysisJson {
  const c = result.capture;
  const capture: AnalysisJson['capture'] = {
    format: c.format,
    linkTypes: c.linkTypes,
    packets: c.packets,
    warnings: c.warnings.map((w) => ({ id: w.id, offset: w.offset, message: w.message })),
  };
  if (c.error) capture.error = { id: c.error.id, offset: c.error.offset, message: c.error.message };
  return { schema: ANALYSIS_SCHEMA, capture, connections: result.connections.map(connectionJson) };
}

function connectionJson(ca: ConnectionAnalysis): unknown {
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
    retransmissions: t.retransmissions,
    http: d.http.map((x) => ({
      method: x.method,
      target: x.target,
      status: x.status,
      requestFrame: x.requestFrame,
      responseFrame: x.responseFrame,
    })),
    websocket: d.websocket ? websocketJson(d.websocket) : null,
    diagnostics: [...t.diagnostics, ...d.diagnostics].map((x) => ({
      id: x.id,
      severity: x.severity,
      frame: x.frame,
      message: x.message,
    })),
  };
}

function websocketJson(ws: WebSocketDissection): unknown {
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
    frames: ws.frames.map((f) => ({
      frame: f.frame,
      from: f.from,
      fin: f.fin,
      opcode: f.opcode,
      masked: f.masked,
      length: f.length,
    })),
    messages: ws.messages.map((m) => {
      const out: Record<string, unknown> = { from: m.from, type: m.type };
      if (m.type === 'text') out.text = m.text;
      out.length = m.length;
      if (m.type === 'close') {
        out.code = m.code;
        out.reason = m.reason;
      }
      out.lastFrame = m.lastFrame;
      return out;
    }),
  };
}
