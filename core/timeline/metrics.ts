// Per-connection numbers for the summary and for comparing protocols' overhead: how many bytes
// went to TCP/IP headers (RFC 9293 §3.1, RFC 791 / RFC 8200), HTTP start lines and fields
// (RFC 9112 §2.1), WebSocket frame headers (RFC 6455 §5.2) and actual payload; and the time
// spent waiting (handshake RTT, idle gaps, request/response round trips).

import type { ConnectionDissection } from '../dissect/dispatch.ts';
import type { WsMessage } from '../dissect/websocket/types.ts';
import type { Connection } from '../tcp/types.ts';
import type { ConnectionMetrics, PacketRow } from './types.ts';

/**
 * Pings answered by a Pong from the other side (RFC 6455 §5.5.3: a Pong answers the most recent
 * Ping; unsolicited Pongs are heartbeats, not round trips).
 */
export function pingPongPairs(messages: readonly WsMessage[]): number {
  const waiting = { client: 0, server: 0 };
  let pairs = 0;
  for (const m of messages) {
    if (m.type === 'ping') waiting[m.from] = 1;
    else if (m.type === 'pong') {
      const pinger = m.from === 'client' ? 'server' : 'client';
      if (waiting[pinger] > 0) {
        pairs++;
        waiting[pinger] = 0;
      }
    }
  }
  return pairs;
}

/**
 * The overhead numbers of one connection that need no per-packet rows: the analysis JSON
 * (`metrics`) and the timeline both take them from here, so the comparison view and
 * `wirestep analyze --json` cannot disagree. `tcpIpHeaderBytes` is the caller's running sum of
 * link+IP+TCP header bytes (Analyzer keeps it per connection; the timeline sums its rows).
 */
export interface WireMetrics {
  handshakes: number;
  roundTrips: number;
  tcpIpHeaderBytes: number;
  httpHeaderBytes: number;
  wsHeaderBytes: number;
  payloadBytes: number;
  duration: number;
}

export function wireMetrics(
  tcp: Connection,
  d: ConnectionDissection,
  tcpIpHeaderBytes: number,
): WireMetrics & { httpExchanges: number; wsMessages: number } {
  let httpHeaderBytes = 0;
  let payloadBytes = 0;
  let answered = 0;
  for (const x of d.http) {
    if (x.request) {
      httpHeaderBytes += x.request.headerBytes;
      payloadBytes += x.request.bodyWireBytes;
    }
    for (const i of x.interim) {
      httpHeaderBytes += i.headerBytes;
      payloadBytes += i.bodyWireBytes;
    }
    if (x.response) {
      httpHeaderBytes += x.response.headerBytes;
      payloadBytes += x.response.bodyWireBytes;
    }
    if (x.request && x.response) answered++;
  }

  let wsHeaderBytes = 0;
  let wsMessages = 0;
  let pairs = 0;
  const ws = d.websocket;
  if (ws) {
    for (const f of ws.frames) {
      wsHeaderBytes += f.headerLength;
      payloadBytes += f.length;
    }
    for (const m of ws.messages) if (m.type === 'text' || m.type === 'binary') wsMessages++;
    pairs = pingPongPairs(ws.messages);
  }

  const h = tcp.handshake;
  return {
    handshakes: h.syn !== null && h.synAck !== null && h.ack !== null ? 1 : 0,
    roundTrips: answered + pairs,
    tcpIpHeaderBytes,
    httpHeaderBytes,
    wsHeaderBytes,
    payloadBytes,
    // From the TCP stage's own first/last times (the same packets the rows hold).
    duration: tcp.frames.length > 0 ? tcp.lastTime - tcp.firstTime : 0,
    httpExchanges: d.http.length,
    wsMessages,
  };
}

export function connectionMetrics(
  tcp: Connection,
  d: ConnectionDissection,
  rows: readonly PacketRow[],
): ConnectionMetrics {
  let tcpIpHeaderBytes = 0;
  let maxIdle = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    tcpIpHeaderBytes += r.linkHeader + r.ipHeader + r.tcpHeader;
    if (i > 0) maxIdle = Math.max(maxIdle, r.time - rows[i - 1]!.time);
  }
  const w = wireMetrics(tcp, d, tcpIpHeaderBytes);
  return {
    packets: rows.length,
    handshakes: w.handshakes,
    initialRtt: tcp.initialRtt,
    duration: w.duration,
    maxIdle,
    roundTrips: w.roundTrips,
    tcpIpHeaderBytes: w.tcpIpHeaderBytes,
    httpHeaderBytes: w.httpHeaderBytes,
    wsHeaderBytes: w.wsHeaderBytes,
    payloadBytes: w.payloadBytes,
    httpExchanges: w.httpExchanges,
    wsMessages: w.wsMessages,
  };
}
