// Guided tours (teaching item 5) as plain data: a tour names a bundled recording and a list of
// steps; each step names the packet it talks about by what it *is* ("the websocket connection's
// SYN", "the 2nd request of the keep-alive connection"), never by frame number, so a recording
// made again by scripts/make-recordings.ts still resolves. Narration templates quote the packet's
// own numbers through {placeholders} filled at resolve time (facts.ts), never literal numbers.

import type { Bilingual } from '../step/types.ts';
import type { Connection } from '../tcp/types.ts';
import type { ConnectionDissection } from '../dissect/dispatch.ts';
import type { Timeline } from '../timeline/types.ts';

export type TourId =
  'tcp-same-handshake' | 'http-short-vs-keepalive' | 'socket-api' | 'websocket-life' | 'polling-overhead';

/** The app view a step shows its packet in (tab ids of the renderer). */
export type TourView = 'ladder' | 'steps' | 'websocket' | 'http' | 'compare' | 'detail';

/** Which connection: filters, then the nth match (0-based; negative counts from the end). */
export interface ConnectionPick {
  application?: 'http' | 'websocket';
  /** HTTP connections carrying one exchange (short) or several (keep-alive). */
  exchanges?: 'one' | 'many';
  nth?: number;
}

export type WsOpcodeName = 'text' | 'binary' | 'ping' | 'pong' | 'close';

/** Which packet of that connection. `nth` as above, among the matches in frame order. */
export type PacketPick =
  | { kind: 'syn' }
  | { kind: 'syn-ack' }
  | { kind: 'handshake-ack' }
  /** The packet completing an HTTP request / final response (the upgrade's too). */
  | { kind: 'request'; nth?: number }
  | { kind: 'response'; nth?: number }
  /** The packet completing a WebSocket frame; `text`: the message text contains it. */
  | { kind: 'ws'; from: 'client' | 'server'; opcode: WsOpcodeName; nth?: number; text?: string }
  /** A packet carrying payload (len > 0) from that side. */
  | { kind: 'data'; from: 'client' | 'server'; nth?: number }
  /** A packet with FIN set (nth: first FIN = 0, the other side's = 1). */
  | { kind: 'fin'; nth?: number }
  /** The connection's last packet. */
  | { kind: 'last' };

export interface TourTarget {
  connection: ConnectionPick;
  packet: PacketPick;
}

export interface TourStepDef {
  /** Stable id within the tour (tests and diagnostics name steps by it). */
  id: string;
  view: TourView;
  target: TourTarget;
  /** Narration templates: `{name}` is replaced by the fact `name` of the resolved packet. */
  text: Bilingual;
}

export interface TourDef {
  id: TourId;
  /** A bundled recording: samples/recordings/<recording>.pcap (lab/demo-scenarios.ts). */
  recording: string;
  title: Bilingual;
  summary: Bilingual;
  steps: TourStepDef[];
}

/** What resolving needs: the renderer's CaptureModel fits, and so does an analysis + timeline. */
export interface TourInput {
  timeline: Timeline;
  connections: ReadonlyArray<{ id: number; tcp: Connection; dissection: ConnectionDissection }>;
}

/** Narration as text and quoted values, so a UI can mark each number with the fact it is. */
export type NarrationPart = string | { fact: string; value: string };

export interface ResolvedTourStep {
  id: string;
  index: number;
  view: TourView;
  frame: number;
  connection: number;
  narration: Bilingual;
  parts: { en: NarrationPart[]; zh: NarrationPart[] };
  /** Every value the narration quotes, by placeholder name. */
  facts: Record<string, number | string>;
}

export interface TourProblem {
  /** `tour.step.unresolved`: no such packet; `tour.fact.missing`: a placeholder without a value. */
  id: 'tour.step.unresolved' | 'tour.fact.missing';
  step: string;
  message: string;
}

export interface ResolvedTour {
  tour: TourDef;
  steps: ResolvedTourStep[];
  problems: TourProblem[];
}
