// Quiz mode (teaching item 7): before the next packet is shown, ask what it will be — who sends
// it, which TCP flags it carries (RFC 9293 §3.1), its acknowledgement number (relative to the
// peer's ISN, as the Steps view shows it: RFC 9293 §3.4) and, on HTTP (RFC 9112) and WebSocket
// (RFC 6455) connections, what it carries — then check the answer against the capture. The truth
// comes from the packet's own row and the connection's dissection, never from a model of what
// "should" happen, so the quiz is right about odd captures too. Explanations are keys (the UI
// words them in en/zh) chosen from what the packet does: its role and what its ACK acknowledges.

import { TcpFlag } from '../decode/types.ts';
import type { ConnectionDissection } from '../dissect/dispatch.ts';
import type { PacketRow } from '../timeline/types.ts';
import type { Side, Step } from './types.ts';

/** The flags the quiz asks about (URG/ECE/CWR are out of scope for a first lesson). */
export const QUIZ_FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'] as const;
export type QuizFlag = (typeof QUIZ_FLAGS)[number];

/**
 * What a packet's payload is to the application: nothing (a bare TCP segment), an HTTP request
 * or response (status line and headers, or the bytes that complete one), a WebSocket data frame
 * (text/binary/continuation) or control frame (ping/pong/close), or a piece of a message that a
 * later packet completes (DESIGN §3: a message belongs to the frame that completes it).
 */
export const QUIZ_CARRIES = [
  'none',
  'http-request',
  'http-response',
  'ws-data',
  'ws-control',
  'segment',
] as const;
export type QuizCarry = (typeof QUIZ_CARRIES)[number];

export type QuizPart = 'who' | 'flags' | 'ack' | 'carry';

/** What the packet does, for the explanation keys. */
export type QuizRole =
  | 'syn'
  | 'syn-ack'
  | 'handshake-ack'
  | 'request'
  | 'response'
  | 'ws-data'
  | 'ws-control'
  | 'data'
  | 'ack'
  | 'fin'
  | 'rst';
export const QUIZ_ROLES: readonly QuizRole[] = [
  'syn',
  'syn-ack',
  'handshake-ack',
  'request',
  'response',
  'ws-data',
  'ws-control',
  'data',
  'ack',
  'fin',
  'rst',
];

/** What the acknowledgement number acknowledges (RFC 9293 §3.4: SYN and FIN count as one byte). */
export type QuizAckKind = 'none' | 'syn' | 'data' | 'fin' | 'unchanged';
export const QUIZ_ACK_KINDS: readonly QuizAckKind[] = ['none', 'syn', 'data', 'fin', 'unchanged'];

export interface QuizTruth {
  who: Side;
  /** In QUIZ_FLAGS order. */
  flags: QuizFlag[];
  /** Relative acknowledgement number; null when the ACK flag is off (the field means nothing). */
  ack: number | null;
  /** Every kind the packet carries (a packet can end a response and carry a WebSocket frame). */
  carry: QuizCarry[];
}

export interface QuizQuestion {
  /** The step asked about (the packet not shown yet). */
  step: number;
  frame: number;
  connection: number;
  truth: QuizTruth;
  /** The "what does it carry" choices; null when the connection is neither HTTP nor WebSocket. */
  carryChoices: QuizCarry[] | null;
  role: QuizRole;
  ackKind: QuizAckKind;
}

export interface QuizAnswer {
  who?: Side | null;
  flags?: readonly QuizFlag[];
  /** null: "no acknowledgement" (the ACK flag is off). */
  ack?: number | null;
  /** Optional: left out (null/undefined), the part is skipped and not scored. */
  carry?: QuizCarry | null;
}

export type QuizValue = Side | QuizFlag[] | number | QuizCarry | QuizCarry[] | null;

export interface QuizPartResult {
  part: QuizPart;
  right: boolean;
  /** Only `carry` can be skipped; a skipped part is neither right nor counted. */
  skipped: boolean;
  answer: QuizValue;
  truth: QuizValue;
  /** i18n key under `quiz.why` (e.g. `who.syn-ack`, `ack.data`, `carry.http-request`). */
  explain: string;
}

export interface QuizResult {
  question: QuizQuestion;
  parts: QuizPartResult[];
  /** Parts answered right / parts scored (skipped parts excluded). */
  right: number;
  scored: number;
  allRight: boolean;
}

export interface QuizScore {
  questions: number;
  allRight: number;
  parts: number;
  partsRight: number;
}

export const EMPTY_SCORE: QuizScore = { questions: 0, allRight: 0, parts: 0, partsRight: 0 };

/** The connection facts a question needs (a ConnectionModel's rows and dissection fit). */
export interface QuizConnection {
  /** The connection's packets in capture order. */
  rows: readonly PacketRow[];
  dissection: Pick<ConnectionDissection, 'application' | 'http' | 'websocket'>;
}

const FLAG_BITS: Record<QuizFlag, number> = {
  SYN: TcpFlag.SYN,
  ACK: TcpFlag.ACK,
  FIN: TcpFlag.FIN,
  RST: TcpFlag.RST,
  PSH: TcpFlag.PSH,
};

export function flagsOf(bits: number): QuizFlag[] {
  return QUIZ_FLAGS.filter((f) => (bits & FLAG_BITS[f]) !== 0);
}

const CHOICES: Record<string, QuizCarry[]> = {
  http: ['none', 'http-request', 'http-response', 'segment'],
  websocket: ['none', 'http-request', 'http-response', 'ws-data', 'ws-control', 'segment'],
};

/** What the packet `frame` (with `len` payload bytes) completed on this connection. */
export function carryOf(d: QuizConnection['dissection'], frame: number, len: number): QuizCarry[] {
  const out = new Set<QuizCarry>();
  for (const x of d.http) {
    if (x.request && x.requestFrame === frame) out.add('http-request');
    if (x.interim.some((i) => i.frame === frame)) out.add('http-response');
    if (x.response && (x.responseHeadersFrame === frame || x.responseFrame === frame))
      out.add('http-response');
  }
  if (d.websocket) {
    for (const f of d.websocket.frames) {
      if (f.frame !== frame) continue;
      out.add(f.opcode >= 8 ? 'ws-control' : 'ws-data');
    }
  }
  // A bare FIN can complete a response whose body ran to the close (RFC 9112 §6.3 item 8), yet
  // it carries no bytes: "nothing" is right for it too.
  if (len === 0) out.add('none');
  else if (out.size === 0) out.add('segment');
  return QUIZ_CARRIES.filter((c) => out.has(c));
}

function roleOf(step: Step, row: PacketRow, carry: readonly QuizCarry[]): QuizRole {
  const f = row.flags;
  if (f & TcpFlag.RST) return 'rst';
  if (f & TcpFlag.SYN) return f & TcpFlag.ACK ? 'syn-ack' : 'syn';
  if (f & TcpFlag.FIN) return 'fin';
  if (row.len > 0) {
    if (carry.includes('http-request')) return 'request';
    if (carry.includes('http-response')) return 'response';
    if (carry.includes('ws-data')) return 'ws-data';
    if (carry.includes('ws-control')) return 'ws-control';
    return 'data';
  }
  if (step.transition.some((t) => t.from === 'SYN-RECEIVED' && t.to === 'ESTABLISHED'))
    return 'handshake-ack';
  return 'ack';
}

/** The sequence space a packet takes: its payload, plus one each for SYN and FIN. */
function seqEnd(r: PacketRow): number {
  return r.relSeq + r.len + (r.flags & TcpFlag.SYN ? 1 : 0) + (r.flags & TcpFlag.FIN ? 1 : 0);
}

function ackKindOf(rows: readonly PacketRow[], at: number): QuizAckKind {
  const row = rows[at]!;
  if (!(row.flags & TcpFlag.ACK)) return 'none';
  for (let i = at - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (r.dir === row.dir) {
      // The same number this side sent last time: nothing new arrived to acknowledge.
      if (r.flags & TcpFlag.ACK && r.relAck === row.relAck) return 'unchanged';
      break;
    }
  }
  for (let i = at - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (r.dir === row.dir || seqEnd(r) !== row.relAck) continue;
    if (r.flags & TcpFlag.SYN) return 'syn';
    if (r.flags & TcpFlag.FIN) return 'fin';
    if (r.len > 0) return 'data';
  }
  return 'data';
}

/**
 * The question about `step`'s packet. Null when the connection's rows do not hold that frame
 * (the caller passed another connection).
 */
export function quizQuestion(step: Step, conn: QuizConnection): QuizQuestion | null {
  const at = conn.rows.findIndex((r) => r.frame === step.frame);
  if (at < 0) return null;
  const row = conn.rows[at]!;
  const carry = carryOf(conn.dissection, row.frame, row.len);
  const choices = CHOICES[conn.dissection.application];
  return {
    step: step.index,
    frame: step.frame,
    connection: step.connection,
    truth: {
      who: row.dir === 0 ? 'client' : 'server',
      flags: flagsOf(row.flags),
      ack: row.flags & TcpFlag.ACK ? row.relAck : null,
      carry,
    },
    carryChoices: choices ? [...choices] : null,
    role: roleOf(step, row, carry),
    ackKind: ackKindOf(conn.rows, at),
  };
}

function sameFlags(a: readonly QuizFlag[], b: readonly QuizFlag[]): boolean {
  const x = new Set(a);
  return x.size === b.length && b.every((f) => x.has(f));
}

/** Checks each part of `answer` against the capture; a missing who/flags/ack answer is wrong. */
export function checkAnswer(q: QuizQuestion, answer: QuizAnswer): QuizResult {
  const t = q.truth;
  const flags = QUIZ_FLAGS.filter((f) => answer.flags?.includes(f));
  const ack = answer.ack === undefined || answer.ack === null || Number.isNaN(answer.ack) ? null : answer.ack;
  const parts: QuizPartResult[] = [
    {
      part: 'who',
      right: answer.who === t.who,
      skipped: false,
      answer: answer.who ?? null,
      truth: t.who,
      explain: `who.${q.role}`,
    },
    {
      part: 'flags',
      right: sameFlags(flags, t.flags),
      skipped: false,
      answer: flags,
      truth: t.flags,
      explain: `flags.${q.role}`,
    },
    {
      part: 'ack',
      right: ack === t.ack,
      skipped: false,
      answer: ack,
      truth: t.ack,
      explain: `ack.${q.ackKind}`,
    },
  ];
  if (q.carryChoices) {
    const c = answer.carry ?? null;
    parts.push({
      part: 'carry',
      right: c !== null && t.carry.includes(c),
      skipped: c === null,
      answer: c,
      truth: t.carry,
      explain: `carry.${t.carry[0]!}`,
    });
  }
  const scored = parts.filter((p) => !p.skipped);
  const right = scored.filter((p) => p.right).length;
  return { question: q, parts, right, scored: scored.length, allRight: right === scored.length };
}

export function addToScore(s: QuizScore, r: QuizResult): QuizScore {
  return {
    questions: s.questions + 1,
    allRight: s.allRight + (r.allRight ? 1 : 0),
    parts: s.parts + r.scored,
    partsRight: s.partsRight + r.right,
  };
}

/** Every explanation key checkAnswer can produce (the UI must word each in every language). */
export function quizExplainKeys(): string[] {
  return [
    ...QUIZ_ROLES.flatMap((r) => [`who.${r}`, `flags.${r}`]),
    ...QUIZ_ACK_KINDS.map((k) => `ack.${k}`),
    ...QUIZ_CARRIES.map((c) => `carry.${c}`),
  ];
}
