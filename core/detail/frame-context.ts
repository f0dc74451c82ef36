// What the analysis knows about one frame, gathered for buildFieldTree: direction, relative
// numbers, and where its payload sits in its direction's byte stream, plus the HTTP messages and
// WebSocket frames overlapping those bytes.
//
// Stream offsets count from the byte after the SYN (core/tcp StreamChunk.offset); relative
// sequence numbers count from the SYN itself (tshark's tcp.seq), so a segment's payload starts at
// relSeq - 1, or at relSeq for a SYN carrying data (its payload follows the SYN's own number).
// Without a SYN both bases are derived from the first segment seen, giving the same result. Past
// 4 GiB in one direction relative numbers wrap; the offsets are then not recoverable from them.

import type { Connection } from '../tcp/types.ts';
import type { ConnectionDissection } from '../dissect/dispatch.ts';
import type { PacketRow } from '../timeline/types.ts';
import type { HttpExchange } from '../dissect/http1/types.ts';
import { TcpFlag } from '../decode/types.ts';
import type { FrameContext } from './types.ts';

export interface ConnectionLike {
  tcp: Connection;
  dissection: ConnectionDissection;
}

/** The row of `frame` in rows sorted by frame number, or null. */
export function findRow<R extends { frame: number }>(rows: readonly R[], frame: number): R | null {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = rows[mid]!.frame;
    if (f === frame) return rows[mid]!;
    if (f < frame) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

export function frameContext(conn: ConnectionLike, row: PacketRow): FrameContext {
  const dir = row.dir;
  const ctx: FrameContext = {
    time: row.time,
    connection: conn.tcp.id,
    direction: dir,
    relSeq: row.relSeq,
    relAck: row.relAck,
    windowSize: row.windowSize,
  };
  const diagnostics = [...conn.tcp.diagnostics, ...conn.dissection.diagnostics].filter(
    (d) => d.frame === row.frame,
  );
  if (diagnostics.length) ctx.diagnostics = diagnostics;
  if (row.len === 0) return ctx;
  const start = row.flags & TcpFlag.SYN ? row.relSeq : row.relSeq - 1;
  if (start < 0) return ctx;
  ctx.streamOffset = start;
  const end = start + row.len;
  const overlaps = (s: number, e: number) => s < end && e > start;

  const http = conn.dissection.http.filter((x: HttpExchange) =>
    dir === 0
      ? x.request !== null && overlaps(x.request.span.start, x.request.span.end)
      : (x.response !== null && overlaps(x.response.span.start, x.response.span.end)) ||
        x.interim.some((m) => overlaps(m.span.start, m.span.end)),
  );
  if (http.length) ctx.http = http;

  const ws = conn.dissection.websocket;
  if (ws) {
    const side = dir === 0 ? 'client' : 'server';
    const frames = ws.frames.filter(
      (f) => f.from === side && overlaps(f.headerOffset, f.payloadOffset + f.length),
    );
    if (frames.length) {
      ctx.wsFrames = frames;
      const indexes = new Set(frames.map((f) => f.index));
      ctx.wsMessages = ws.messages.filter((m) => m.from === side && m.frames.some((i) => indexes.has(i)));
    }
  }
  return ctx;
}
