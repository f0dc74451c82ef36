// Per-connection lookups from a frame number to the application events its bytes completed
// (DESIGN §3: an HTTP message or WebSocket frame belongs to the frame that completes it). Built
// once per connection so annotating a packet is a map lookup, not a scan.

import type { ConnectionAnalysis } from '../analyze.ts';
import { TcpFlag } from '../decode/types.ts';
import type { HttpExchange, HttpResponse } from '../dissect/http1/types.ts';
import type { WsFrame, WsMessage } from '../dissect/websocket/types.ts';
import type { PacketRow } from '../timeline/types.ts';
import type { Side } from './types.ts';

export interface FrameEvents {
  requests: HttpExchange[];
  responseHeaders: HttpExchange[];
  /** 1xx interim responses completed by this frame. */
  interim: HttpResponse[];
  responses: HttpExchange[];
  wsFrames: WsFrame[];
  wsMessages: WsMessage[];
  tlsHello: boolean;
}

export interface ConnectionIndex {
  ca: ConnectionAnalysis;
  rows: PacketRow[];
  client: string;
  server: string;
  events: Map<number, FrameEvents>;
  /**
   * Sides whose first FIN was followed by data from the peer that they accepted: they used
   * shutdown(SHUT_WR), since a close()d socket answers further data with RST.
   */
  halfClosed: Set<Side>;
  /** The latest earlier connection to the same server endpoint, if any. */
  previousToServer: ConnectionAnalysis | null;
  /** Index of each WebSocket message in `messages`, to find the previous data message. */
  messageIndex: Map<WsMessage, number>;
}

function at(map: Map<number, FrameEvents>, frame: number | null): FrameEvents | null {
  if (frame === null) return null;
  let e = map.get(frame);
  if (!e) {
    e = {
      requests: [],
      responseHeaders: [],
      interim: [],
      responses: [],
      wsFrames: [],
      wsMessages: [],
      tlsHello: false,
    };
    map.set(frame, e);
  }
  return e;
}

export function indexConnection(
  ca: ConnectionAnalysis,
  rows: PacketRow[],
  client: string,
  server: string,
  previousToServer: ConnectionAnalysis | null,
): ConnectionIndex {
  const events = new Map<number, FrameEvents>();
  const d = ca.dissection;
  for (const x of d.http) {
    if (x.request) at(events, x.requestFrame)?.requests.push(x);
    for (const i of x.interim) at(events, i.frame)?.interim.push(i);
    if (x.response) {
      if (x.responseHeadersFrame !== null && x.responseHeadersFrame !== x.responseFrame) {
        at(events, x.responseHeadersFrame)?.responseHeaders.push(x);
      }
      at(events, x.responseFrame)?.responses.push(x);
    }
  }
  const messageIndex = new Map<WsMessage, number>();
  if (d.websocket) {
    for (const f of d.websocket.frames) at(events, f.frame)?.wsFrames.push(f);
    d.websocket.messages.forEach((m, i) => {
      messageIndex.set(m, i);
      at(events, m.lastFrame)?.wsMessages.push(m);
    });
  }
  if (d.application === 'tls') {
    const first = rows.find((r) => r.len > 0 && r.dir === 0) ?? rows.find((r) => r.len > 0);
    if (first) at(events, first.frame)!.tlsHello = true;
  }
  const halfClosed = new Set<Side>();
  for (const side of [0, 1] as const) {
    const fin = rows.findIndex((r) => r.dir === side && (r.flags & TcpFlag.FIN) !== 0);
    if (fin >= 0 && rows.slice(fin + 1).some((r) => r.dir !== side && r.len > 0)) {
      halfClosed.add(side === 0 ? 'client' : 'server');
    }
  }
  return { ca, rows, client, server, events, halfClosed, messageIndex, previousToServer };
}
