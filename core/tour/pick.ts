// Finds the packet a tour step talks about in an analysed capture: a connection by kind and
// position, then a packet of it by role (handshake segment, HTTP request/response, WebSocket
// frame by sender and opcode per RFC 6455 §5.2, FIN). Roles come from the engine (TCP handshake
// frames, HTTP exchanges, WebSocket frames), so a re-recorded capture resolves the same way.

import { TcpFlag } from '../decode/types.ts';
import type { ConnectionTimeline, LadderRow } from '../timeline/types.ts';
import type { ConnectionPick, PacketPick, TourInput, WsOpcodeName } from './types.ts';

export type TourConnection = TourInput['connections'][number];

export interface Picked {
  conn: TourConnection;
  timeline: ConnectionTimeline;
  row: LadderRow;
  /** Index in the connection's WebSocket frames when the pick was a WebSocket frame. */
  wsFrame?: number;
  /** Index in the connection's HTTP exchanges when the pick was a request or response. */
  exchange?: number;
}

const OPCODES: Record<WsOpcodeName, number> = { text: 1, binary: 2, close: 8, ping: 9, pong: 10 };

function nthOf<T>(items: readonly T[], nth = 0): T | undefined {
  return items[nth < 0 ? items.length + nth : nth];
}

export function connectionMatches(c: TourConnection, pick: ConnectionPick): boolean {
  const d = c.dissection;
  if (pick.application && d.application !== pick.application) return false;
  if (pick.exchanges === 'one' && !(d.application === 'http' && d.http.length === 1)) return false;
  if (pick.exchanges === 'many' && !(d.application === 'http' && d.http.length > 1)) return false;
  return true;
}

export function pickConnection(input: TourInput, pick: ConnectionPick): TourConnection | undefined {
  return nthOf(
    input.connections.filter((c) => connectionMatches(c, pick)),
    pick.nth,
  );
}

/** The frame of the packet `pick` names in connection `c`, with what it was found as. */
function pickFrame(c: TourConnection, rows: readonly LadderRow[], pick: PacketPick) {
  const d = c.dissection;
  switch (pick.kind) {
    case 'syn':
      return { frame: c.tcp.handshake.syn };
    case 'syn-ack':
      return { frame: c.tcp.handshake.synAck };
    case 'handshake-ack':
      return { frame: c.tcp.handshake.ack };
    case 'request':
    case 'response': {
      const key = pick.kind === 'request' ? 'requestFrame' : 'responseFrame';
      const x = nthOf(
        d.http.filter((e) => e[key] !== null),
        pick.nth,
      );
      return x ? { frame: x[key], exchange: x.index } : null;
    }
    case 'ws': {
      const ws = d.websocket;
      if (!ws) return null;
      const op = OPCODES[pick.opcode];
      const matches = ws.frames.filter((f) => {
        if (f.from !== pick.from || f.opcode !== op) return false;
        if (pick.text === undefined) return true;
        const m = ws.messages.find((msg) => msg.frames.includes(f.index));
        return !!m?.text?.includes(pick.text);
      });
      const f = nthOf(matches, pick.nth);
      return f ? { frame: f.frame, wsFrame: f.index } : null;
    }
    case 'data': {
      const dir = pick.from === 'client' ? 0 : 1;
      const r = nthOf(
        rows.filter((row) => row.dir === dir && row.len > 0),
        pick.nth,
      );
      return r ? { frame: r.frame } : null;
    }
    case 'fin': {
      const r = nthOf(
        rows.filter((row) => (row.flags & TcpFlag.FIN) !== 0),
        pick.nth,
      );
      return r ? { frame: r.frame } : null;
    }
    case 'last':
      return { frame: rows[rows.length - 1]?.frame ?? null };
  }
}

/** The connection and packet a target names, or null when the capture has no such packet. */
export function pickPacket(input: TourInput, connection: ConnectionPick, packet: PacketPick): Picked | null {
  const conn = pickConnection(input, connection);
  if (!conn) return null;
  const timeline = input.timeline.connections.find((t) => t.id === conn.id);
  if (!timeline) return null;
  const hit = pickFrame(conn, timeline.rows, packet);
  if (!hit || hit.frame === null || hit.frame === undefined) return null;
  const row = timeline.rows.find((r) => r.frame === hit.frame);
  if (!row) return null;
  return { conn, timeline, row, wsFrame: hit.wsFrame, exchange: hit.exchange };
}
