// The comparison view's numbers (teaching item 6): the same traffic carried as HTTP/1.0 short
// connections (RFC 1945 §1.3: one request per connection), HTTP/1.1 persistent connections
// (RFC 9112 §9.3) or a WebSocket (RFC 6455) — what each cost in TCP handshakes, round trips,
// header bytes against payload bytes and time. Pure sums of the timeline's ConnectionMetrics, so
// they equal the per-connection `metrics` of `wirestep analyze --json`.

import type { ConnectionDissection } from '../dissect/dispatch.ts';
import type { ConnectionMetrics, Timeline } from './types.ts';

export type CompareCategory = 'http10-short' | 'http11-keepalive' | 'websocket' | 'other';
export const COMPARE_CATEGORIES: readonly CompareCategory[] = [
  'http10-short',
  'http11-keepalive',
  'websocket',
  'other',
];

export interface CategoryTotals {
  category: CompareCategory;
  /** Connection ids in this category, in capture order. */
  connections: number[];
  handshakes: number;
  roundTrips: number;
  tcpIpHeaderBytes: number;
  httpHeaderBytes: number;
  wsHeaderBytes: number;
  payloadBytes: number;
  /** Sum of the connections' durations (seconds): time spent on the wire, not wall-clock span. */
  duration: number;
  /** Application messages carried: HTTP exchanges + WebSocket data messages. */
  messages: number;
}

/** The dissection facts categorisation needs (a ConnectionDissection fits). */
export type CategoryInput = Pick<ConnectionDissection, 'application' | 'http' | 'httpSummary'>;

export function connectionCategory(d: CategoryInput): CompareCategory {
  if (d.application === 'websocket') return 'websocket';
  if (d.application !== 'http' || d.http.length === 0) return 'other';
  const s = d.httpSummary;
  const http10 = d.http.some((x) => x.request?.version === 'HTTP/1.0');
  if (d.http.length > 1 || (s?.persistent === true && !http10)) return 'http11-keepalive';
  if (s?.shortConnection === true || http10) return 'http10-short';
  return 'other';
}

function emptyTotals(category: CompareCategory): CategoryTotals {
  return {
    category,
    connections: [],
    handshakes: 0,
    roundTrips: 0,
    tcpIpHeaderBytes: 0,
    httpHeaderBytes: 0,
    wsHeaderBytes: 0,
    payloadBytes: 0,
    duration: 0,
    messages: 0,
  };
}

function add(t: CategoryTotals, id: number, m: ConnectionMetrics): void {
  t.connections.push(id);
  t.handshakes += m.handshakes;
  t.roundTrips += m.roundTrips;
  t.tcpIpHeaderBytes += m.tcpIpHeaderBytes;
  t.httpHeaderBytes += m.httpHeaderBytes;
  t.wsHeaderBytes += m.wsHeaderBytes;
  t.payloadBytes += m.payloadBytes;
  t.duration += m.duration;
  t.messages += m.httpExchanges + m.wsMessages;
}

/**
 * Totals per category, always all four in COMPARE_CATEGORIES order. `dissectionOf` gives each
 * timeline connection's dissection by id (the timeline keeps only the application name).
 */
export function compareCategories(
  timeline: Timeline,
  dissectionOf: (id: number) => CategoryInput | undefined,
): CategoryTotals[] {
  const out = COMPARE_CATEGORIES.map(emptyTotals);
  for (const c of timeline.connections) {
    const d = dissectionOf(c.id);
    const cat: CompareCategory = d ? connectionCategory(d) : 'other';
    add(out[COMPARE_CATEGORIES.indexOf(cat)]!, c.id, c.metrics);
  }
  return out;
}
