// The step-through model (DESIGN §1 "step"): one Step per TCP packet, computed once from the
// analysis (AnalysisResult with rows), then indexed by frame so stepping backward or jumping is a
// lookup. Each step explains its packet in English and Chinese with that packet's numbers (kept
// in `facts`), the RFC 9293 §3.3.2 states of both endpoints and the inferred socket calls.

import type { AnalysisResult, ConnectionAnalysis } from '../analyze.ts';
import { endpointText } from '../analysis-json.ts';
import type { PacketRow } from '../timeline/types.ts';
import { annotateAnalysis } from './annotate-analysis.ts';
import { annotateData, annotateFallback, annotatePureAck } from './annotate-data.ts';
import { annotateHandshake } from './annotate-handshake.ts';
import { annotateHttp } from './annotate-http.ts';
import { annotateReset } from './annotate-reset.ts';
import { annotateTeardown } from './annotate-teardown.ts';
import { annotateTls } from './annotate-tls.ts';
import { annotateWebSocket } from './annotate-websocket.ts';
import { indexConnection, type ConnectionIndex } from './connection-index.ts';
import { transitionsOf, type PacketContext } from './packet-context.ts';
import { inferSocketCalls } from './socket-calls.ts';
import { StepWriter } from './step-writer.ts';
import type { Step, StepScope } from './types.ts';

/** Sentence order in an annotation; the title is chosen by priority (step-writer TITLE). */
const ANNOTATORS = [
  annotateAnalysis,
  annotateReset,
  annotateHandshake,
  annotateData,
  annotateHttp,
  annotateWebSocket,
  annotateTls,
  annotateTeardown,
  annotatePureAck,
  annotateFallback,
];

const FALLBACK_TITLE = { en: 'TCP segment', zh: 'TCP 报文段' };

function buildStep(ix: ConnectionIndex, row: PacketRow, index: number, showListen: boolean): Step {
  const who = row.dir === 0 ? 'client' : 'server';
  const ctx: PacketContext = {
    ix,
    row,
    who,
    peer: who === 'client' ? 'server' : 'client',
    events: ix.events.get(row.frame) ?? null,
    transitions: transitionsOf(row),
    showListen,
  };
  const w = new StepWriter();
  for (const annotate of ANNOTATORS) annotate(ctx, w);
  inferSocketCalls(ctx, w);
  const { title, annotation } = w.finish(FALLBACK_TITLE);
  return {
    index,
    frame: row.frame,
    connection: ix.ca.tcp.id,
    dir: row.dir,
    time: row.time,
    title,
    annotation,
    facts: w.facts,
    states: [row.states[0], row.states[1]],
    statesBefore: [row.statesBefore[0], row.statesBefore[1]],
    transition: ctx.transitions,
    socketCalls: w.socketCalls,
    spec: w.spec,
  };
}

function rowsOf(ca: ConnectionAnalysis): PacketRow[] {
  // A programming error, not bad input: the caller must ask the analyzer for rows.
  if (!ca.rows) throw new Error('buildSteps needs analyzeBytes(bytes, { rows: true })');
  return ca.rows;
}

/** One step per TCP packet: of one connection, or of the whole capture in frame order. */
export function buildSteps(result: AnalysisResult, scope: StepScope = {}): Step[] {
  const conns =
    scope.connection === undefined
      ? result.connections
      : result.connections.filter((c) => c.tcp.id === scope.connection);
  // The previous connection to each connection's server, over the whole capture (also when scoped).
  const previous = new Map<ConnectionAnalysis, ConnectionAnalysis>();
  const lastTo = new Map<string, ConnectionAnalysis>();
  for (const ca of result.connections) {
    const key = endpointText(ca.tcp.server);
    const p = lastTo.get(key);
    if (p) previous.set(ca, p);
    lastTo.set(key, ca);
  }
  const items: Array<{ ix: ConnectionIndex; row: PacketRow }> = [];
  for (const ca of conns) {
    const rows = rowsOf(ca);
    const ix = indexConnection(
      ca,
      rows,
      endpointText(ca.tcp.client),
      endpointText(ca.tcp.server),
      previous.get(ca) ?? null,
    );
    for (const row of rows) items.push({ ix, row });
  }
  if (conns.length > 1) items.sort((a, b) => a.row.frame - b.row.frame);
  // The server's socket()/bind()/listen() happen once per listening endpoint, not per connection.
  const listening = new Set<string>();
  return items.map(({ ix, row }, i) => {
    let showListen = false;
    if (row.frame === ix.ca.tcp.handshake.syn && !ix.ca.tcp.clientInferred && !listening.has(ix.server)) {
      listening.add(ix.server);
      showListen = true;
    }
    return buildStep(ix, row, i, showListen);
  });
}

/** Moves through a step list; every move is an index change, so going backward costs nothing. */
export class StepCursor {
  private readonly byFrame = new Map<number, number>();
  private at = 0;

  constructor(private readonly steps: readonly Step[]) {
    steps.forEach((s, i) => {
      if (!this.byFrame.has(s.frame)) this.byFrame.set(s.frame, i);
    });
  }

  get length(): number {
    return this.steps.length;
  }

  get index(): number {
    return this.at;
  }

  /** The step under the cursor (throws on an empty list: there is nothing to show). */
  get current(): Step {
    const s = this.steps[this.at];
    if (!s) throw new Error('StepCursor: no steps');
    return s;
  }

  get atStart(): boolean {
    return this.at === 0;
  }

  get atEnd(): boolean {
    return this.at >= this.steps.length - 1;
  }

  first(): Step {
    this.at = 0;
    return this.current;
  }

  last(): Step {
    this.at = Math.max(0, this.steps.length - 1);
    return this.current;
  }

  /** The next step, or the last one again at the end (the cursor never leaves the list). */
  next(): Step {
    if (this.at < this.steps.length - 1) this.at++;
    return this.current;
  }

  prev(): Step {
    if (this.at > 0) this.at--;
    return this.current;
  }

  /** Jumps to the step of `frame`; returns null (cursor unchanged) when no step has that frame. */
  goto(frame: number): Step | null {
    const i = this.byFrame.get(frame);
    if (i === undefined) return null;
    this.at = i;
    return this.current;
  }
}
