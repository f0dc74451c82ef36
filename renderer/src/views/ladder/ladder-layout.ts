// Where everything of the ladder goes, before any drawing: one lane per endpoint (IP:port, so a
// loopback capture where both sides are 127.0.0.1 still gets two lanes) — or, with `mergeClients`,
// one lane per client host, since twenty polling connections from ephemeral ports would otherwise
// need twenty lanes and a ladder far wider than any screen — the packets of all shown
// connections merged in capture (frame) order, phase headers, collapsed phases and the time axis
// with compressed idle gaps. Pure data so it can be unit-tested and recomputed only when the inputs
// change, never while panning.

import type { ConnectionTimeline, LadderRow, Phase } from '../../../../core/timeline/types.ts';
import { lowerBound, timeAxis, type IdleGap, type TimeAxisOptions } from './idle-gaps.ts';

export interface LadderLayoutOptions extends TimeAxisOptions {
  /** Keys (phaseKey) of the phases shown collapsed to one line. */
  collapsed?: ReadonlySet<string>;
  /** Height of a phase header line, px (default 22). */
  headerHeight?: number;
  /** One lane per client host (its ephemeral ports merged) instead of one per client IP:port. */
  mergeClients?: boolean;
}

/** What a lane stands for, for its header. */
export interface LaneInfo {
  /** The endpoint (IP:port), or for merged client ports the host followed by ":*". */
  key: string;
  client: boolean;
  server: boolean;
  /** Client endpoints merged into this lane (1 unless merged). */
  ports: number;
}

export interface RowEntry {
  kind: 'row';
  row: LadderRow;
  /** Index into the connections given to the layout. */
  conn: number;
  /** Lane indexes of the sender and the receiver. */
  from: number;
  to: number;
}

export interface CollapsedEntry {
  kind: 'collapsed';
  conn: number;
  /** Index into layout.bands. */
  band: number;
  /** Packets hidden in it. */
  packets: number;
}

export type LadderEntry = RowEntry | CollapsedEntry;

export interface PhaseBand {
  key: string;
  conn: number;
  phase: Phase;
  collapsed: boolean;
  /** Shown at all (false: inside another collapsed band, or no packet of it in the timeline). */
  visible: boolean;
  /** Expanded: header at y0 - headerHeight, rows from y0 to y1. Collapsed: its line spans y0..y1. */
  y0: number;
  y1: number;
  /** Overlapping bands of one connection get different columns. */
  column: number;
  /** Collapsed: packets hidden in it. */
  packets: number;
}

export interface LadderLayout {
  lanes: string[];
  /** Per lane: role and how many client ports it merges. */
  laneInfo: LaneInfo[];
  entries: LadderEntry[];
  /** y of the middle of each entry (ascending). */
  ys: Float64Array;
  gaps: IdleGap[];
  bands: PhaseBand[];
  height: number;
  headerHeight: number;
  rowMin: number;
  /** Entry index of each frame shown as a row. */
  frameEntry: Map<number, number>;
}

export function phaseKey(conn: ConnectionTimeline, index: number): string {
  return `${conn.id}:${index}`;
}

/** `host:port` or `[v6]:port` → the host part with ":*" (the lane of its merged client ports). */
export function hostLane(endpoint: string): string {
  const i = endpoint.lastIndexOf(':');
  return `${i < 0 ? endpoint : endpoint.slice(0, i)}:*`;
}

/**
 * Each connection's client lane key: its endpoint, or with `merge` its host's ":*" lane — unless
 * that endpoint is also a server somewhere in the list (then it keeps its own lane).
 */
function clientLanes(connections: readonly ConnectionTimeline[], merge: boolean): string[] {
  if (!merge) return connections.map((c) => c.client);
  const servers = new Set(connections.map((c) => c.server));
  return connections.map((c) => (servers.has(c.client) ? c.client : hostLane(c.client)));
}

/** Lanes: every client, then every server, in order of first appearance; each endpoint once. */
export function laneOrder(connections: readonly ConnectionTimeline[], mergeClients = false): string[] {
  return laneTable(connections, mergeClients).lanes.map((l) => l.key);
}

function laneTable(
  connections: readonly ConnectionTimeline[],
  merge: boolean,
): { lanes: LaneInfo[]; client: string[] } {
  const client = clientLanes(connections, merge);
  const lanes: LaneInfo[] = [];
  const byKey = new Map<string, LaneInfo>();
  const ports = new Map<string, Set<string>>();
  const lane = (key: string) => {
    let l = byKey.get(key);
    if (!l) {
      l = { key, client: false, server: false, ports: 0 };
      byKey.set(key, l);
      lanes.push(l);
    }
    return l;
  };
  connections.forEach((c, i) => {
    const l = lane(client[i]!);
    l.client = true;
    let set = ports.get(l.key);
    if (!set) ports.set(l.key, (set = new Set()));
    set.add(c.client);
  });
  for (const c of connections) lane(c.server).server = true;
  for (const l of lanes) l.ports = ports.get(l.key)?.size ?? 0;
  return { lanes, client };
}

/** How many lanes the connections take with one lane per endpoint. */
export function endpointLaneCount(connections: readonly ConnectionTimeline[]): number {
  return new Set(connections.flatMap((c) => [c.client, c.server])).size;
}

interface Pending {
  time: number;
  frame: number;
  entry: LadderEntry;
  headers: number;
}

function within(frame: number, p: Phase): boolean {
  return frame >= p.firstFrame && frame <= p.lastFrame;
}

/** Does collapsed band `o` hide collapsed band `b` (b inside o; ties: the earlier one wins)? */
function hides(o: Phase, oi: number, b: Phase, bi: number): boolean {
  if (oi === bi || o.firstFrame > b.firstFrame || o.lastFrame < b.lastFrame) return false;
  return o.firstFrame < b.firstFrame || o.lastFrame > b.lastFrame || oi < bi;
}

export function ladderLayout(
  connections: readonly ConnectionTimeline[],
  opts: LadderLayoutOptions = {},
): LadderLayout {
  const collapsed = opts.collapsed ?? new Set<string>();
  const headerHeight = opts.headerHeight ?? 22;
  const rowMin = opts.rowMin ?? 34;
  const table = laneTable(connections, opts.mergeClients ?? false);
  const lanes = table.lanes.map((l) => l.key);
  const laneOf = new Map(lanes.map((l, i) => [l, i]));

  const bands: PhaseBand[] = [];
  const pending: Pending[] = [];

  connections.forEach((c, ci) => {
    const client = laneOf.get(table.client[ci]!)!;
    const server = laneOf.get(c.server)!;
    const mine: number[] = [];
    c.phases.forEach((p, pi) => {
      mine.push(bands.length);
      bands.push({
        key: phaseKey(c, pi),
        conn: ci,
        phase: p,
        collapsed: collapsed.has(phaseKey(c, pi)),
        visible: false,
        y0: 0,
        y1: 0,
        column: 0,
        packets: 0,
      });
    });
    const closed = mine.filter((b) => bands[b]!.collapsed);
    const outer = closed.filter((b) => !closed.some((o) => hides(bands[o]!.phase, o, bands[b]!.phase, b)));
    const counts = new Map<number, number>(outer.map((b) => [b, 0]));
    for (const r of c.rows) {
      let hidden = false;
      for (const b of outer) {
        if (within(r.frame, bands[b]!.phase)) {
          hidden = true;
          counts.set(b, counts.get(b)! + 1);
        }
      }
      if (hidden) continue;
      const from = r.dir === 0 ? client : server;
      const to = r.dir === 0 ? server : client;
      pending.push({
        time: r.time,
        frame: r.frame,
        headers: 0,
        entry: { kind: 'row', row: r, conn: ci, from, to },
      });
    }
    for (const b of outer) {
      const p = bands[b]!.phase;
      bands[b]!.packets = counts.get(b)!;
      pending.push({
        time: p.start,
        frame: p.firstFrame,
        headers: 0,
        entry: { kind: 'collapsed', conn: ci, band: b, packets: counts.get(b)! },
      });
    }
  });

  // Frame order is the capture's own order (timestamps can step backwards); collapsed lines go
  // before a row of the same frame.
  pending.sort(
    (a, b) =>
      a.frame - b.frame || (a.entry.kind === 'collapsed' ? -1 : 0) - (b.entry.kind === 'collapsed' ? -1 : 0),
  );

  // Per connection: its entries' indexes and frames (ascending), to find a band's entries by
  // binary search rather than a scan per band (a keep-alive connection can have 10k exchanges).
  const connIdx = connections.map(() => [] as number[]);
  const connFrames = connections.map(() => [] as number[]);
  pending.forEach((p, i) => {
    connIdx[p.entry.conn]!.push(i);
    connFrames[p.entry.conn]!.push(p.frame);
  });
  const first = new Int32Array(bands.length).fill(-1);
  const last = new Int32Array(bands.length).fill(-1);
  pending.forEach((p, i) => {
    if (p.entry.kind === 'collapsed') first[p.entry.band] = last[p.entry.band] = i;
  });
  bands.forEach((b, bi) => {
    if (b.collapsed) return;
    const frames = connFrames[b.conn]!;
    const lo = lowerBound(frames, b.phase.firstFrame);
    const hi = lowerBound(frames, b.phase.lastFrame + 1) - 1;
    if (lo > hi) return;
    first[bi] = connIdx[b.conn]![lo]!;
    last[bi] = connIdx[b.conn]![hi]!;
    pending[first[bi]!]!.headers++;
  });

  const axis = timeAxis(
    pending.map((p) => p.time),
    { ...opts, rowMin },
    pending.map((p) => p.headers * headerHeight),
  );
  const shift = rowMin / 2 + 8;
  const ys = axis.ys.map((y) => y + shift);
  const gaps = axis.gaps.map((g) => ({ ...g, y0: g.y0 + shift, y1: g.y1 + shift }));

  const columns = new Map<number, number[]>();
  bands.forEach((b, bi) => {
    if (first[bi]! < 0) return;
    b.visible = true;
    b.y0 = ys[first[bi]!]! - rowMin / 2;
    b.y1 = ys[last[bi]!]! + rowMin / 2;
    const top = b.collapsed ? b.y0 : b.y0 - headerHeight;
    const cols = columns.get(b.conn) ?? [];
    let col = cols.findIndex((end) => end <= top);
    if (col < 0) col = cols.length;
    cols[col] = b.y1;
    columns.set(b.conn, cols);
    b.column = col;
  });

  const entries = pending.map((p) => p.entry);
  const frameEntry = new Map<number, number>();
  entries.forEach((e, i) => {
    if (e.kind === 'row') frameEntry.set(e.row.frame, i);
  });
  const height = (ys.length ? ys[ys.length - 1]! : 0) + rowMin;
  return {
    lanes,
    laneInfo: table.lanes,
    entries,
    ys,
    gaps,
    bands,
    height,
    headerHeight,
    rowMin,
    frameEntry,
  };
}
