// The comparison view's numbers (teaching item 6): the same traffic carried as HTTP/1.0 short
// connections (RFC 1945 §1.3: one request per connection), HTTP/1.1 persistent connections
// (RFC 9112 §9.3), HTTP polling or a WebSocket (RFC 6455) — what each cost in TCP handshakes,
// round trips, header bytes against payload bytes and time. Pure sums of the timeline's
// ConnectionMetrics, so they equal the per-connection `metrics` of `wirestep analyze --json`,
// which also reports each connection's `category` from the same code (categorizeConnections).
//
// Polling has no marker on the wire: it is a behaviour across connections. We call it polling
// when one client (IP address: each new connection gets a new port) asks one server endpoint for
// the same method and path — the query ignored, since pollers put a counter or timestamp there —
// at least POLLING_MIN_REPEATS times in the capture, whether each ask opens a short connection or
// they repeat on one kept-alive connection. A connection is polling when every request on it is
// such a repeat; one that also fetched something else stays HTTP/1.1 keep-alive (or short).

import type { ConnectionDissection } from '../dissect/dispatch.ts';
import type { ConnectionMetrics, Timeline } from './types.ts';

export type CompareCategory = 'http10-short' | 'http11-keepalive' | 'polling' | 'websocket' | 'other';
export const COMPARE_CATEGORIES: readonly CompareCategory[] = [
  'http10-short',
  'http11-keepalive',
  'polling',
  'websocket',
  'other',
];

/** The same request this many times (or more) from one client to one server is polling. */
export const POLLING_MIN_REPEATS = 3;

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

/**
 * The category a connection has on its own, without looking at the others (never 'polling':
 * see categorizeConnections).
 */
export function connectionCategory(d: CategoryInput): CompareCategory {
  if (d.application === 'websocket') return 'websocket';
  if (d.application !== 'http' || d.http.length === 0) return 'other';
  const s = d.httpSummary;
  const http10 = d.http.some((x) => x.request?.version === 'HTTP/1.0');
  if (d.http.length > 1 || (s?.persistent === true && !http10)) return 'http11-keepalive';
  if (s?.shortConnection === true || http10) return 'http10-short';
  return 'other';
}

/** One connection as categorizeConnections needs it. */
export interface CategorySubject {
  id: number;
  /** The client's IP address (no port: a poller's every short connection has a new port). */
  clientAddress: string;
  /** The server endpoint, address and port. */
  server: string;
  dissection: CategoryInput;
}

/** The path of a request target without its query (RFC 9112 §3.2 origin-form: path ["?" query]). */
export function pollingPath(target: string): string {
  const q = target.search(/[?#]/);
  return q < 0 ? target : target.slice(0, q);
}

function pollingKey(s: CategorySubject, method: string, target: string): string {
  return `${s.clientAddress}\u0000${s.server}\u0000${method}\u0000${pollingPath(target)}`;
}

/**
 * Every connection's category, by id: connectionCategory, except that HTTP connections whose
 * requests are all repeats of a polled request (same client address, server, method and path,
 * POLLING_MIN_REPEATS or more times in the capture) are 'polling'.
 */
export function categorizeConnections(subjects: Iterable<CategorySubject>): Map<number, CompareCategory> {
  const list = [...subjects];
  const counts = new Map<string, number>();
  const keysOf = (s: CategorySubject): string[] | null => {
    const d = s.dissection;
    if (d.application !== 'http' || d.http.length === 0) return null;
    const keys: string[] = [];
    for (const x of d.http) {
      if (typeof x.method !== 'string' || typeof x.target !== 'string') return null;
      keys.push(pollingKey(s, x.method, x.target));
    }
    return keys;
  };
  const keys = list.map(keysOf);
  for (const ks of keys) for (const k of ks ?? []) counts.set(k, (counts.get(k) ?? 0) + 1);
  const out = new Map<number, CompareCategory>();
  list.forEach((s, i) => {
    const own = connectionCategory(s.dissection);
    const ks = keys[i];
    const polled =
      own !== 'other' &&
      ks !== null &&
      ks !== undefined &&
      ks.every((k) => (counts.get(k) ?? 0) >= POLLING_MIN_REPEATS);
    out.set(s.id, polled ? 'polling' : own);
  });
  return out;
}

/** `127.0.0.1:5000` → `127.0.0.1`, `[::1]:80` → `::1` (the endpoint text of endpointText). */
export function addressOf(endpoint: string): string {
  if (endpoint.startsWith('[')) return endpoint.slice(1, endpoint.indexOf(']'));
  const colon = endpoint.lastIndexOf(':');
  return colon < 0 ? endpoint : endpoint.slice(0, colon);
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
 * Totals per category, always all of COMPARE_CATEGORIES in that order. `dissectionOf` gives each
 * timeline connection's dissection by id (the timeline keeps only the application name).
 */
export function compareCategories(
  timeline: Timeline,
  dissectionOf: (id: number) => CategoryInput | undefined,
): CategoryTotals[] {
  const out = COMPARE_CATEGORIES.map(emptyTotals);
  const subjects: CategorySubject[] = [];
  for (const c of timeline.connections) {
    const d = dissectionOf(c.id);
    if (d) subjects.push({ id: c.id, clientAddress: addressOf(c.client), server: c.server, dissection: d });
  }
  const cats = categorizeConnections(subjects);
  for (const c of timeline.connections) {
    const cat: CompareCategory = cats.get(c.id) ?? 'other';
    add(out[COMPARE_CATEGORIES.indexOf(cat)]!, c.id, c.metrics);
  }
  return out;
}
