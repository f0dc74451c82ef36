// RFC 9293 §3.3.2 Figure 5 ("TCP Connection State Diagram") as fixed geometry: the RFC's layout
// (CLOSED on top, the handshake states on the sides, ESTABLISHED in the middle, the close states
// below, a second CLOSED box at the bottom right as the RFC draws it), its 20 transitions, and
// the extra edges a capture can show that the figure leaves to the text: RST from any state
// (§3.10.7.x, §3.5.2) and the two odd closes core/tcp/state-machine.ts can infer. A transition the
// step model reports as one from→to pair may be two RFC edges taken by one segment (an ACK of our
// FIN that also carries the peer's FIN: FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT), so lookups return a
// route (a list of edges). Pure data and functions: no DOM, unit-tested.

import { TCP_STATES, type TcpState } from '../../../../core/tcp/types.ts';

/** A box of the diagram: a state, or the RFC's second CLOSED box ("CLOSED-END"). */
export type NodeId = TcpState | 'CLOSED-END';

export interface DiagramNode {
  id: NodeId;
  state: TcpState;
  /** Centre of the box. */
  x: number;
  y: number;
}

export interface DiagramEdge {
  id: string;
  from: NodeId;
  to: NodeId;
  /** i18n key under stateMachine.edge (the RFC's "event / action" label). */
  label: string;
  /** Control point of a quadratic curve; null draws a straight line. */
  c: [number, number] | null;
  /** Where the label goes (placed by hand, as in the RFC figure); null: the curve's midpoint. */
  at: [number, number, 'start' | 'middle' | 'end'] | null;
  /** Not in the RFC figure: drawn only while taken. */
  extra: boolean;
}

export const WIDTH = 560;
export const HEIGHT = 600;
export const NODE_W = 104;
export const NODE_H = 30;

export const NODES: DiagramNode[] = [
  { id: 'CLOSED', state: 'CLOSED', x: 280, y: 30 },
  { id: 'LISTEN', state: 'LISTEN', x: 280, y: 125 },
  { id: 'SYN-RECEIVED', state: 'SYN-RECEIVED', x: 70, y: 215 },
  { id: 'SYN-SENT', state: 'SYN-SENT', x: 490, y: 215 },
  { id: 'ESTABLISHED', state: 'ESTABLISHED', x: 280, y: 315 },
  { id: 'FIN-WAIT-1', state: 'FIN-WAIT-1', x: 70, y: 410 },
  { id: 'CLOSE-WAIT', state: 'CLOSE-WAIT', x: 490, y: 410 },
  { id: 'FIN-WAIT-2', state: 'FIN-WAIT-2', x: 70, y: 490 },
  { id: 'CLOSING', state: 'CLOSING', x: 280, y: 490 },
  { id: 'LAST-ACK', state: 'LAST-ACK', x: 490, y: 490 },
  { id: 'TIME-WAIT', state: 'TIME-WAIT', x: 280, y: 570 },
  { id: 'CLOSED-END', state: 'CLOSED', x: 490, y: 570 },
];

type Anchor = 'start' | 'middle' | 'end';

function edge(
  id: string,
  from: NodeId,
  to: NodeId,
  label: string,
  c: [number, number] | null,
  at: [number, number, Anchor] | null,
  extra = false,
): DiagramEdge {
  return { id, from, to, label, c, at, extra };
}

/** RST edges bulge away from the figure's centre line so they do not hide the RFC's own edges. */
function rstControl(from: NodeId): [number, number] | null {
  if (from === 'TIME-WAIT' || from === 'LAST-ACK') return null;
  const a = NODES.find((n) => n.id === from)!;
  return [Math.min(WIDTH - 8, Math.max(a.x, 490) + 50), (a.y + 570) / 2];
}

/** The RFC figure's transitions, then the extras (drawn only when a step takes them). */
export const EDGES: DiagramEdge[] = [
  edge('passive-open', 'CLOSED', 'LISTEN', 'passiveOpen', [255, 78], [250, 82, 'end']),
  edge('listen-close', 'LISTEN', 'CLOSED', 'close', [305, 78], [310, 82, 'start']),
  edge('active-open', 'CLOSED', 'SYN-SENT', 'activeOpen', [470, 45], [440, 97, 'end']),
  edge('syn-sent-close', 'SYN-SENT', 'CLOSED', 'close', [520, 15], [478, 64, 'start']),
  edge('listen-rcv-syn', 'LISTEN', 'SYN-RECEIVED', 'rcvSynSndSynAck', null, [176, 158, 'end']),
  edge('listen-send', 'LISTEN', 'SYN-SENT', 'sendSndSyn', null, [392, 160, 'start']),
  edge('simultaneous-open', 'SYN-SENT', 'SYN-RECEIVED', 'rcvSynSndSynAck', null, [280, 209, 'middle']),
  edge('syn-rcvd-rst', 'SYN-RECEIVED', 'LISTEN', 'rcvRstListen', [120, 120], [128, 128, 'end']),
  edge('syn-rcvd-ack', 'SYN-RECEIVED', 'ESTABLISHED', 'rcvAckOfSyn', null, [168, 274, 'end']),
  edge('syn-sent-syn-ack', 'SYN-SENT', 'ESTABLISHED', 'rcvSynAckSndAck', null, [392, 274, 'start']),
  edge('syn-rcvd-close', 'SYN-RECEIVED', 'FIN-WAIT-1', 'closeSndFin', null, [76, 300, 'start']),
  edge('estab-close', 'ESTABLISHED', 'FIN-WAIT-1', 'closeSndFin', null, [165, 352, 'end']),
  edge('estab-rcv-fin', 'ESTABLISHED', 'CLOSE-WAIT', 'rcvFinSndAck', null, [395, 352, 'start']),
  edge('fw1-ack', 'FIN-WAIT-1', 'FIN-WAIT-2', 'rcvAckOfFin', null, [76, 453, 'start']),
  edge('fw1-fin', 'FIN-WAIT-1', 'CLOSING', 'rcvFinSndAck', null, [190, 440, 'start']),
  edge('close-wait-close', 'CLOSE-WAIT', 'LAST-ACK', 'closeSndFin', null, [484, 453, 'end']),
  edge('fw2-fin', 'FIN-WAIT-2', 'TIME-WAIT', 'rcvFinSndAck', [70, 570], [122, 545, 'start']),
  edge('closing-ack', 'CLOSING', 'TIME-WAIT', 'rcvAckOfFin', null, [286, 533, 'start']),
  edge('last-ack-ack', 'LAST-ACK', 'CLOSED-END', 'rcvAckOfFin', null, [484, 533, 'end']),
  edge('time-wait-timeout', 'TIME-WAIT', 'CLOSED-END', 'timeout2Msl', null, [385, 563, 'middle']),
  // Not in Figure 5; what core/tcp/state-machine.ts can infer besides it.
  edge('syn-sent-fin', 'SYN-SENT', 'FIN-WAIT-1', 'sndFin', [300, 390], null, true),
  edge(
    'close-wait-simultaneous',
    'CLOSE-WAIT',
    'CLOSING',
    'sndFinSimultaneous',
    null,
    [385, 465, 'middle'],
    true,
  ),
  ...TCP_STATES.filter((s) => s !== 'CLOSED').map((s) =>
    edge(rstEdgeId(s), s, 'CLOSED-END', 'rst', rstControl(s), null, true),
  ),
];

export function rstEdgeId(from: TcpState): string {
  return `rst-${from.toLowerCase()}`;
}

const EDGE_BY_ID = new Map(EDGES.map((e) => [e.id, e]));
const NODE_BY_ID = new Map(NODES.map((n) => [n.id, n]));

export function nodeById(id: NodeId): DiagramNode {
  const n = NODE_BY_ID.get(id);
  if (!n) throw new Error(`no diagram node ${id}`);
  return n;
}

export function edgeById(id: string): DiagramEdge {
  const e = EDGE_BY_ID.get(id);
  if (!e) throw new Error(`no diagram edge ${id}`);
  return e;
}

/**
 * The edges of one from→to transition as the step model reports it. Segments that did two RFC
 * moves at once get both edges; every move into CLOSED except the last ACK is an RST (the model
 * has no timers and sees no CLOSE calls). Null when the diagram has no way to draw it.
 */
export function routeFor(from: TcpState, to: TcpState): DiagramEdge[] | null {
  if (from === to) return [];
  if (to === 'CLOSED') {
    if (from === 'LAST-ACK') return [edgeById('last-ack-ack')];
    return EDGE_BY_ID.has(rstEdgeId(from)) ? [edgeById(rstEdgeId(from))] : null;
  }
  const ids = COMPOUND[`${from}>${to}`];
  if (ids) return ids.map(edgeById);
  const fromNode: NodeId = from;
  const direct = EDGES.find((e) => e.from === fromNode && e.to === to && !e.id.startsWith('rst-'));
  return direct ? [direct] : null;
}

/** Two RFC moves made by one segment (its ACK, then its own control bits). */
const COMPOUND: Record<string, string[]> = {
  'FIN-WAIT-1>TIME-WAIT': ['fw1-ack', 'fw2-fin'],
  'SYN-RECEIVED>CLOSE-WAIT': ['syn-rcvd-ack', 'estab-rcv-fin'],
  'SYN-SENT>CLOSE-WAIT': ['syn-sent-syn-ack', 'estab-rcv-fin'],
  'CLOSED>SYN-RECEIVED': ['passive-open', 'listen-rcv-syn'],
  'LISTEN>FIN-WAIT-1': ['listen-rcv-syn', 'syn-rcvd-close'],
  // A SYN carrying a FIN reaching a listener (a "Christmas tree" probe): SYN-RECEIVED, then FIN.
  'LISTEN>CLOSE-WAIT': ['listen-rcv-syn', 'syn-rcvd-ack', 'estab-rcv-fin'],
  'CLOSED>FIN-WAIT-1': ['active-open', 'syn-sent-fin'],
};

/**
 * The box to highlight for a state. CLOSED is drawn twice, as in the RFC: the top box before the
 * connection opened, the bottom one once it has been open (or was reset).
 */
export function nodeFor(state: TcpState, hasBeenOpen: boolean): NodeId {
  return state === 'CLOSED' && hasBeenOpen ? 'CLOSED-END' : state;
}

/** States that mean the endpoint has left CLOSED/LISTEN for good. */
export function isOpened(state: TcpState): boolean {
  return state !== 'CLOSED' && state !== 'LISTEN';
}

/** Path geometry of an edge: from box border to box border, quadratic when bent. */
export interface EdgeGeometry {
  d: string;
  /** Label anchor (curve midpoint + nudge). */
  lx: number;
  ly: number;
  anchor: 'start' | 'middle' | 'end';
}

function borderPoint(cx: number, cy: number, tx: number, ty: number): [number, number] {
  // Where the ray from the box centre toward (tx, ty) leaves the box.
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const sx = Math.abs(dx) / (NODE_W / 2);
  const sy = Math.abs(dy) / (NODE_H / 2);
  const s = Math.max(sx, sy);
  return [cx + dx / s, cy + dy / s];
}

export function edgeGeometry(e: DiagramEdge): EdgeGeometry {
  const a = nodeById(e.from);
  const b = nodeById(e.to);
  const r = (v: number) => Math.round(v * 10) / 10;
  const [x0, y0] = borderPoint(a.x, a.y, e.c ? e.c[0] : b.x, e.c ? e.c[1] : b.y);
  const [x1, y1] = borderPoint(b.x, b.y, e.c ? e.c[0] : a.x, e.c ? e.c[1] : a.y);
  // Midpoint of the line, or of the quadratic: (P0 + 2C + P1) / 4.
  const mx = e.c ? (x0 + 2 * e.c[0] + x1) / 4 : (x0 + x1) / 2;
  const my = e.c ? (y0 + 2 * e.c[1] + y1) / 4 : (y0 + y1) / 2;
  const [lx, ly, anchor] = e.at ?? [mx, my - 4, 'middle'];
  const d = e.c
    ? `M${r(x0)},${r(y0)}Q${r(e.c[0])},${r(e.c[1])} ${r(x1)},${r(y1)}`
    : `M${r(x0)},${r(y0)}L${r(x1)},${r(y1)}`;
  return { d, lx: r(lx), ly: r(ly), anchor };
}
