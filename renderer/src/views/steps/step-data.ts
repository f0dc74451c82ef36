// Steps from the UI model, on demand: the model already holds what core/step needs (each
// connection's Connection + dissection, and its ladder rows, which are PacketRows), so nothing is
// added to the model or the worker protocol; one connection's steps cost a few ms. Also the rows
// of the facts table and the state-diagram boxes of each side.

import type { AnalysisResult } from '../../../../core/analyze.ts';
import { buildSteps } from '../../../../core/step/index.ts';
import type { Step } from '../../../../core/step/index.ts';
import type { LadderRow } from '../../../../core/timeline/types.ts';
import { flagsText } from '../../../../core/timeline/ladder-text.ts';
import type { CaptureModel } from '../../model.ts';
import {
  isOpened,
  nodeFor,
  routeFor,
  type DiagramEdge,
  type NodeId,
} from '../state-machine/diagram-layout.ts';

/** The AnalysisResult view of a model (rows = ladder rows), for buildSteps. */
export function analysisOf(model: CaptureModel): AnalysisResult {
  const rows = new Map(model.timeline.connections.map((c) => [c.id, c.rows]));
  return {
    capture: model.summary,
    connections: model.connections.map((c) => ({
      tcp: c.tcp,
      dissection: c.dissection,
      rows: rows.get(c.id) ?? [],
    })),
    diagnostics: [],
    otherPackets: {},
  };
}

/** Steps of one connection, or of the whole capture (connection null). */
export function stepsOf(model: CaptureModel, connection: number | null): Step[] {
  const result = analysisOf(model);
  return connection === null ? buildSteps(result) : buildSteps(result, { connection });
}

/** frame → ladder row, for the packet facts of a step. */
export function rowsByFrame(model: CaptureModel, connection: number | null): Map<number, LadderRow> {
  const m = new Map<number, LadderRow>();
  for (const c of model.timeline.connections) {
    if (connection !== null && c.id !== connection) continue;
    for (const r of c.rows) m.set(r.frame, r);
  }
  return m;
}

export interface FactRow {
  /** i18n key under steps.fact (falls back to the raw key). */
  key: string;
  value: string;
  /** 'step': quoted in the annotation; 'packet': from the packet's headers. */
  source: 'step' | 'packet';
}

/** The facts table: what the annotation quotes, then the packet's TCP numbers. */
export function factRows(step: Step, row: LadderRow | undefined): FactRow[] {
  const out: FactRow[] = [];
  for (const [key, value] of Object.entries(step.facts))
    out.push({ key, value: String(value), source: 'step' });
  if (!row) return out;
  const p = (key: string, value: number | string | undefined) => {
    // A number the annotation already quotes is not repeated.
    if (value !== undefined && !(key in step.facts))
      out.push({ key, value: String(value), source: 'packet' });
  };
  p('flags', flagsText(row.flags) || '—');
  p('seq', row.seq);
  p('ack', row.ack);
  p('relSeq', row.relSeq);
  p('relAck', row.relAck);
  p('len', row.len);
  p('window', row.window);
  p('windowSize', row.windowSize);
  p('mss', row.mss);
  p('windowScale', row.windowScale);
  if (row.sackPermitted) p('sackPermitted', 'yes');
  p('tsVal', row.tsVal);
  p('tsEcr', row.tsEcr);
  p('headers', `${row.linkHeader} + ${row.ipHeader} + ${row.tcpHeader}`);
  return out;
}

export type SideIndex = 0 | 1;

/**
 * Whether this side of the step's connection has been open (left CLOSED/LISTEN) at or before
 * step `at`: decides which CLOSED box of the RFC figure is current.
 */
export function hasBeenOpen(steps: readonly Step[], at: number, side: SideIndex): boolean {
  const conn = steps[at]?.connection;
  for (let i = at; i >= 0; i--) {
    const s = steps[i]!;
    if (s.connection !== conn) continue;
    if (isOpened(s.states[side]) || isOpened(s.statesBefore[side])) return true;
  }
  return false;
}

export interface SideView {
  current: NodeId;
  taken: DiagramEdge[];
}

export function sideView(steps: readonly Step[], at: number, side: SideIndex): SideView {
  const s = steps[at]!;
  const name = side === 0 ? 'client' : 'server';
  const taken: DiagramEdge[] = [];
  for (const tr of s.transition) {
    if (tr.side !== name) continue;
    taken.push(...(routeFor(tr.from, tr.to) ?? []));
  }
  return { current: nodeFor(s.states[side], hasBeenOpen(steps, at, side)), taken };
}

/** Milliseconds to wait before the next step when playing. */
export function playDelay(steps: readonly Step[], at: number, speed: string): number {
  if (speed === 'fixed') return 1000;
  const scale = Number(speed);
  const cur = steps[at];
  const next = steps[at + 1];
  if (!cur || !next || !(scale > 0)) return 1000;
  // Captured gaps scaled; clamped so a loopback capture is still watchable and an idle minute is not.
  const ms = ((next.time - cur.time) * 1000) / scale;
  return Math.min(4000, Math.max(200, ms));
}
