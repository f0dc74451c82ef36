// The step-through model (DESIGN §1 "step"): one Step per TCP packet, explained in English and
// Chinese with the numbers of that packet, the endpoints' RFC 9293 §3.3.2 states before and after
// it, and the socket API calls an application most likely made around it. Plain data: it crosses
// the worker boundary by structured clone.

import type { Direction, TcpState } from '../tcp/types.ts';

/** The same text in both languages of the UI. */
export interface Bilingual {
  en: string;
  zh: string;
}

export type Side = 'client' | 'server';

export interface Transition {
  side: Side;
  from: TcpState;
  to: TcpState;
}

export type SocketCallName =
  'socket' | 'bind' | 'listen' | 'connect' | 'accept' | 'send' | 'recv' | 'shutdown' | 'close';

/** A call the wire implies; never observed (a capture cannot see system calls), hence `inferred`. */
export interface SocketCall {
  side: Side;
  call: SocketCallName;
  note: Bilingual;
  inferred: true;
}

export interface SpecRef {
  rfc: string;
  section: string;
  url: string;
}

export interface Step {
  /** Position in the step list (0-based). */
  index: number;
  frame: number;
  connection: number;
  dir: Direction;
  /** Seconds since the first packet of the capture. */
  time: number;
  title: Bilingual;
  annotation: Bilingual;
  /** Every number (and quoted wire string) in the annotation, under a fixed key (see facts.ts). */
  facts: Record<string, number | string>;
  /** [client, server] after and before this packet. */
  states: [TcpState, TcpState];
  statesBefore: [TcpState, TcpState];
  transition: Transition[];
  socketCalls: SocketCall[];
  spec: SpecRef[];
}

export interface StepScope {
  /** Only this connection's packets (its id); all connections in frame order when absent. */
  connection?: number;
}
