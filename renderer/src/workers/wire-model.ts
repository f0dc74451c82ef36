// The model as the worker posts it (model.ts WireModel): the bulky lists — packet rows, ladder
// rows, WebSocket frames and messages, the rest of each dissection — packed into transferred
// columns instead of structured-cloned object by object. `hydrateModel` (model.ts) is the other end.

import type { CaptureSummary } from '../../../core/analyze.ts';
import type { ConnectionDissection } from '../../../core/dissect/dispatch.ts';
import type { Timeline } from '../../../core/timeline/types.ts';
import type { CaptureModel, WireModel } from '../model.ts';
import type { PacketColumns } from './packet-rows.ts';
import { pack } from './pack.ts';
import { packLadder, packPackets, type PackedLadder } from './packed-rows.ts';
import { hasWs, packWs } from './packed-ws.ts';

/** Epoch ms now (the UI turns these into performance marks on its own clock). */
export const now = (): number => performance.timeOrigin + performance.now();

/** A dissection with its WebSocket frames and messages left out (packed by packWs). */
function withoutWsLists(d: ConnectionDissection): ConnectionDissection {
  const ws = d.websocket!;
  const rest: Record<string, unknown> = {};
  // Not a spread: reading `frames` would make every frame object.
  for (const k of Object.keys(ws)) if (k !== 'frames' && k !== 'messages') rest[k] = ws[k as keyof typeof ws];
  return { ...d, websocket: rest as unknown as ConnectionDissection['websocket'] };
}

/** The model as posted (see WireModel): the bulky lists packed into transferred columns. */
export function wireModel(
  file: { name: string; size: number },
  summary: CaptureSummary,
  rows: PacketColumns,
  /** `ladder`: the timeline's rows already packed (into this `transfer`), else packed here. */
  done: {
    model: CaptureModel;
    timeline: Timeline;
    ladderRef: Int32Array | null;
    ladder?: PackedLadder;
  } | null,
  transfer: ArrayBuffer[],
  timings?: Record<string, number>,
): WireModel {
  const timeline = done?.timeline.connections ?? [];
  const connections = done?.model.connections ?? [];
  const packets = packPackets(rows, done?.ladderRef ?? null, transfer);
  if (timings) timings.packets = now();
  const ladder = done ? (done.ladder ?? packLadder(timeline, transfer)) : null;
  if (timings && !done?.ladder) timings.ladder = now();
  const ws = packWs(
    connections.map((c) => c.dissection.websocket),
    transfer,
  );
  if (timings) timings.ws = now();
  const dissections = pack(
    connections.map((c, i) => (hasWs(ws, i) ? withoutWsLists(c.dissection) : c.dissection)),
    transfer,
  );
  return {
    name: file.name,
    bytes: file.size,
    summary,
    startEpoch: done?.timeline.startEpoch ?? 0,
    timeline: timeline.map(({ rows: _rows, ...rest }) => rest),
    connections: connections.map(({ dissection: _d, ...rest }) => rest),
    diagnostics: done?.model.diagnostics ?? [],
    packed: { packets, ladder, dissections, ws },
  };
}
