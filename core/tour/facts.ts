// The values a tour's narration may quote, computed from the capture, never written into the
// tour: the picked packet's TCP numbers (relative seq/ack as Wireshark shows them, RFC 9293 §3.4),
// header sizes, the endpoints' states after it (RFC 9293 §3.3.2), the HTTP exchange or WebSocket
// frame it completes, its connection's metrics, and capture-wide totals per kind of connection.

import { flagsText } from '../timeline/ladder-text.ts';
import type { Picked, TourConnection } from './pick.ts';
import type { TourInput } from './types.ts';

export type Facts = Record<string, number | string>;

const ms = (seconds: number) => (Math.round(seconds * 1e4) / 10).toFixed(1);

function packetFacts(p: Picked, out: Facts): void {
  const r = p.row;
  const c = p.conn.tcp;
  out.frame = r.frame;
  out.seq = r.relSeq;
  out.ack = r.relAck;
  out.rawSeq = r.seq;
  out.rawAck = r.ack;
  out.len = r.len;
  out.window = r.windowSize;
  out.flags = flagsText(r.flags);
  out.clientPort = c.client.port;
  out.serverPort = c.server.port;
  out.srcPort = r.dir === 0 ? c.client.port : c.server.port;
  out.dstPort = r.dir === 0 ? c.server.port : c.client.port;
  out.linkHeader = r.linkHeader;
  out.ipHeader = r.ipHeader;
  out.tcpHeader = r.tcpHeader;
  out.headerBytes = r.linkHeader + r.ipHeader + r.tcpHeader;
  out.clientState = r.states[0];
  out.serverState = r.states[1];
  if (r.mss !== undefined) out.mss = r.mss;
  if (r.windowScale !== undefined) out.wscale = r.windowScale;
  const isn = c.isn[r.dir];
  if (isn !== null) out.isn = isn;
}

function connectionFacts(p: Picked, out: Facts): void {
  const t = p.timeline;
  const m = t.metrics;
  const d = p.conn.dissection;
  out.conn = t.id;
  out.connPackets = m.packets;
  out.connDurationMs = ms(m.duration);
  out.connHandshakes = m.handshakes;
  out.connExchanges = m.httpExchanges;
  out.connWsMessages = m.wsMessages;
  out.connTcpIpHeaderBytes = m.tcpIpHeaderBytes;
  out.connHttpHeaderBytes = m.httpHeaderBytes;
  out.connWsHeaderBytes = m.wsHeaderBytes;
  out.connPayloadBytes = m.payloadBytes;
  if (p.exchange !== undefined) {
    const x = d.http.find((e) => e.index === p.exchange);
    if (x?.method) out.method = x.method;
    if (x?.target) out.target = x.target;
    if (x?.status !== null && x?.status !== undefined) out.status = x.status;
    if (x?.request?.version) out.version = x.request.version;
  }
  const up = d.websocket?.upgrade;
  if (up?.key) out.wsKey = up.key;
  if (up?.accept) out.wsAccept = up.accept;
  const ws = d.websocket;
  if (ws && p.wsFrame !== undefined) {
    const f = ws.frames[p.wsFrame];
    if (f) {
      out.wsHeader = f.headerLength;
      out.wsPayload = f.length;
      if (f.maskKey) out.maskKey = f.maskKey;
      const msg = ws.messages.find((x) => x.frames.includes(f.index));
      if (msg?.text !== null && msg?.text !== undefined) out.wsText = msg.text;
      if (msg?.code !== null && msg?.code !== undefined) out.closeCode = msg.code;
    }
  }
}

interface Group {
  conns: number;
  handshakes: number;
  headerBytes: number;
  payload: number;
  messages: number;
}

function group(input: TourInput, match: (c: TourConnection) => boolean): Group {
  const g: Group = { conns: 0, handshakes: 0, headerBytes: 0, payload: 0, messages: 0 };
  for (const c of input.connections) {
    if (!match(c)) continue;
    const m = input.timeline.connections.find((t) => t.id === c.id)?.metrics;
    if (!m) continue;
    g.conns++;
    g.handshakes += m.handshakes;
    // Every byte that is not application payload: link+IP+TCP, HTTP start lines and fields,
    // WebSocket frame headers (the Compare tab's "header bytes").
    g.headerBytes += m.tcpIpHeaderBytes + m.httpHeaderBytes + m.wsHeaderBytes;
    g.payload += m.payloadBytes;
    g.messages += m.httpExchanges + m.wsMessages;
  }
  return g;
}

/** Capture-wide totals, the same for every step of a tour. */
export function captureFacts(input: TourInput): Facts {
  const out: Facts = { connections: input.connections.length };
  const put = (prefix: string, g: Group) => {
    out[`${prefix}Conns`] = g.conns;
    out[`${prefix}Handshakes`] = g.handshakes;
    out[`${prefix}HeaderBytes`] = g.headerBytes;
    out[`${prefix}Payload`] = g.payload;
    out[`${prefix}Messages`] = g.messages;
  };
  put(
    'http',
    group(input, (c) => c.dissection.application === 'http'),
  );
  put(
    'short',
    group(input, (c) => c.dissection.application === 'http' && c.dissection.http.length === 1),
  );
  put(
    'keepAlive',
    group(input, (c) => c.dissection.application === 'http' && c.dissection.http.length > 1),
  );
  put(
    'ws',
    group(input, (c) => c.dissection.application === 'websocket'),
  );
  put(
    'all',
    group(input, () => true),
  );
  return out;
}

/** Every value a step's narration may quote for this packet. */
export function stepFacts(p: Picked, capture: Facts): Facts {
  const out: Facts = { ...capture };
  packetFacts(p, out);
  connectionFacts(p, out);
  return out;
}
