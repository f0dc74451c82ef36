import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes, type AnalysisResult } from '../../core/analyze.ts';
import { connectionCategories, metricsJson, toAnalysisJson } from '../../core/analysis-json.ts';
import { buildTimeline } from '../../core/timeline/build-timeline.ts';
import {
  COMPARE_CATEGORIES,
  POLLING_MIN_REPEATS,
  addressOf,
  categorizeConnections,
  compareCategories,
  connectionCategory,
  pollingPath,
  type CategoryInput,
} from '../../core/timeline/compare.ts';
import { capturesDir, fixture } from './helpers.ts';
import { repoRoot } from '../helpers/tshark.ts';

const sample = join(repoRoot, 'samples/wirestep-sample.pcap');
const captures = [
  sample,
  ...readdirSync(capturesDir)
    .filter((f) => f.endsWith('.pcap'))
    .map((f) => join(capturesDir, f)),
];

function analyse(file: string, rows: boolean): AnalysisResult {
  return analyzeBytes(new Uint8Array(readFileSync(file)), rows ? { rows: true } : {});
}

function totalsOf(file: string) {
  const r = analyse(file, true);
  const t = buildTimeline(r);
  return compareCategories(t, (id) => r.connections.find((c) => c.tcp.id === id)?.dissection);
}

function byCategory(file: string) {
  return Object.fromEntries(totalsOf(file).map((c) => [c.category, c]));
}

test('the bundled sample: two HTTP/1.0 short connections + one aborted, two keep-alive, one WebSocket', () => {
  const c = byCategory(sample);
  assert.deepEqual(
    totalsOf(sample).map((x) => x.category),
    COMPARE_CATEGORIES,
  );
  assert.deepEqual(c['http10-short']!.connections, [0, 1, 5]);
  assert.deepEqual(c['http11-keepalive']!.connections, [2, 3]);
  assert.deepEqual(c.websocket!.connections, [4]);
  assert.deepEqual(c.other!.connections, []);
  assert.equal(c['http10-short']!.handshakes, 3);
  assert.equal(c['http11-keepalive']!.handshakes, 2);
  assert.equal(c['http11-keepalive']!.roundTrips, 6);
  assert.equal(c['http11-keepalive']!.messages, 6);
  assert.equal(c['http10-short']!.httpHeaderBytes, 152 + 151 + 70);
  assert.equal(c.websocket!.wsHeaderBytes, 44);
  assert.equal(c.other!.handshakes, 0);
});

test('each fixture lands in the category its name says', () => {
  const expect: Record<string, string> = {
    'http10-short': 'http10-short',
    'http10-short-ipv6': 'http10-short',
    'http11-keepalive-3': 'http11-keepalive',
    'http11-pipelining': 'http11-keepalive',
    'websocket-close': 'websocket',
    'websocket-deflate': 'websocket',
  };
  for (const [name, cat] of Object.entries(expect)) {
    const totals = totalsOf(fixture(name));
    const used = totals.filter((x) => x.connections.length > 0).map((x) => x.category);
    assert.deepEqual(used, [cat], name);
    const t = totals.find((x) => x.category === cat)!;
    assert.equal(t.handshakes, 1, name);
    assert.ok(t.tcpIpHeaderBytes > 0 && t.payloadBytes > 0, name);
  }
  // Keep-alive: three exchanges ride one handshake.
  const k = byCategory(fixture('http11-keepalive-3'))['http11-keepalive']!;
  assert.equal(k.roundTrips, 3);
  assert.equal(k.handshakes, 1);
});

test('sums equal the sum of the connections’ timeline metrics', () => {
  for (const file of captures) {
    const r = analyse(file, true);
    const t = buildTimeline(r);
    const totals = compareCategories(t, (id) => r.connections.find((c) => c.tcp.id === id)?.dissection);
    let hs = 0;
    let hb = 0;
    for (const c of t.connections) {
      hs += c.metrics.handshakes;
      hb += c.metrics.httpHeaderBytes + c.metrics.tcpIpHeaderBytes + c.metrics.wsHeaderBytes;
    }
    assert.equal(
      totals.reduce((a, x) => a + x.handshakes, 0),
      hs,
      file,
    );
    assert.equal(
      totals.reduce((a, x) => a + x.httpHeaderBytes + x.tcpIpHeaderBytes + x.wsHeaderBytes, 0),
      hb,
      file,
    );
    assert.equal(
      totals.reduce((a, x) => a + x.connections.length, 0),
      t.connections.length,
      file,
    );
  }
});

test('connectionCategory rules', () => {
  const base: CategoryInput = { application: 'http', http: [], httpSummary: null };
  assert.equal(connectionCategory({ ...base, application: 'websocket' }), 'websocket');
  assert.equal(connectionCategory({ ...base, application: 'tls' }), 'other');
  assert.equal(connectionCategory(base), 'other');
  const x = (version: string) => ({ request: { version } }) as unknown as CategoryInput['http'][number];
  const summary = (persistent: boolean, shortConnection: boolean) => ({
    closedBy: 'server' as const,
    persistent,
    shortConnection,
    reused: false,
  });
  assert.equal(connectionCategory({ ...base, http: [x('HTTP/1.0')] }), 'http10-short');
  assert.equal(
    connectionCategory({ ...base, http: [x('HTTP/1.1')], httpSummary: summary(false, true) }),
    'http10-short',
  );
  assert.equal(
    connectionCategory({ ...base, http: [x('HTTP/1.1')], httpSummary: summary(true, false) }),
    'http11-keepalive',
  );
  assert.equal(connectionCategory({ ...base, http: [x('HTTP/1.1'), x('HTTP/1.1')] }), 'http11-keepalive');
  assert.equal(
    connectionCategory({ ...base, http: [x('HTTP/1.1')], httpSummary: summary(false, false) }),
    'other',
  );
});

test('the analysis JSON metrics equal the timeline metrics for every connection (no rows needed)', () => {
  for (const file of captures) {
    const withRows = analyse(file, true);
    const t = buildTimeline(withRows);
    const cli = toAnalysisJson(analyse(file, false)).connections as Array<{ id: number; metrics: unknown }>;
    assert.equal(cli.length, t.connections.length, file);
    for (const c of t.connections) {
      const m = c.metrics;
      const json = cli.find((x) => x.id === c.id)!.metrics;
      assert.deepEqual(
        json,
        {
          handshakes: m.handshakes,
          roundTrips: m.roundTrips,
          tcpIpHeaderBytes: m.tcpIpHeaderBytes,
          httpHeaderBytes: m.httpHeaderBytes,
          wsHeaderBytes: m.wsHeaderBytes,
          payloadBytes: m.payloadBytes,
          duration: m.duration,
        },
        `${file} connection ${c.id}`,
      );
      assert.ok(m.tcpIpHeaderBytes > 0);
      assert.deepEqual(metricsJson(withRows.connections.find((x) => x.tcp.id === c.id)!), json);
    }
  }
});

const pollingRecording = join(repoRoot, 'samples/recordings/polling-vs-websocket.pcap');

test('polling-vs-websocket recording: 20 polling connections (20 handshakes) against one WebSocket', () => {
  const c = byCategory(pollingRecording);
  assert.deepEqual(
    c.polling!.connections,
    Array.from({ length: 20 }, (_, i) => i),
  );
  assert.equal(c.polling!.handshakes, 20);
  assert.equal(c.polling!.messages, 20);
  assert.deepEqual(c.websocket!.connections, [20]);
  assert.equal(c.websocket!.handshakes, 1);
  assert.ok(c.websocket!.messages >= 20, `${c.websocket!.messages} messages`);
  assert.deepEqual(c['http10-short']!.connections, []);
  // Polling paid more in headers than the WebSocket for the same messages.
  const header = (x: (typeof c)[string]) => x!.tcpIpHeaderBytes + x!.httpHeaderBytes + x!.wsHeaderBytes;
  assert.ok(header(c.polling) > 3 * header(c.websocket), `${header(c.polling)} vs ${header(c.websocket)}`);
});

test('categorizeConnections: same client address, server, method and path ≥ 3 times, query ignored', () => {
  const x = (method: string, target: string, version = 'HTTP/1.0') =>
    ({ method, target, request: { version } }) as unknown as CategoryInput['http'][number];
  const conn = (id: number, http: CategoryInput['http'], client = '10.0.0.1', server = '10.0.0.2:80') => ({
    id,
    clientAddress: client,
    server,
    dissection: { application: 'http', http, httpSummary: null } as CategoryInput,
  });
  assert.equal(pollingPath('/poll?n=1'), '/poll');
  assert.equal(pollingPath('/poll#x'), '/poll');
  assert.equal(pollingPath('/a/b'), '/a/b');
  assert.equal(POLLING_MIN_REPEATS, 3);
  // Three short connections asking /poll with different queries: polling.
  let cats = categorizeConnections([1, 2, 3].map((i) => conn(i, [x('GET', `/poll?t=${i}`)])));
  assert.deepEqual([...cats.values()], ['polling', 'polling', 'polling']);
  // Only twice: not polling.
  cats = categorizeConnections([1, 2].map((i) => conn(i, [x('GET', `/poll?t=${i}`)])));
  assert.deepEqual([...cats.values()], ['http10-short', 'http10-short']);
  // Another method, another server or another client address breaks the run.
  cats = categorizeConnections([
    conn(1, [x('GET', '/poll')]),
    conn(2, [x('POST', '/poll')]),
    conn(3, [x('GET', '/poll')], '10.0.0.1', '10.0.0.2:81'),
    conn(4, [x('GET', '/poll')], '10.0.0.9'),
  ]);
  assert.ok([...cats.values()].every((c) => c === 'http10-short'));
  // Repeated on one kept-alive connection: polling; with another resource on it: keep-alive.
  const keep = (id: number, targets: string[]) =>
    conn(
      id,
      targets.map((t) => x('GET', t, 'HTTP/1.1')),
    );
  cats = categorizeConnections([keep(1, ['/poll?1', '/poll?2', '/poll?3'])]);
  assert.equal(cats.get(1), 'polling');
  cats = categorizeConnections([keep(1, ['/index.html', '/poll?1', '/poll?2', '/poll?3'])]);
  assert.equal(cats.get(1), 'http11-keepalive');
  // A WebSocket's Upgrade request never counts, nor makes the WebSocket polling.
  const ws = {
    id: 9,
    clientAddress: '10.0.0.1',
    server: '10.0.0.2:80',
    dissection: {
      application: 'websocket',
      http: [x('GET', '/poll', 'HTTP/1.1')],
      httpSummary: null,
    } as CategoryInput,
  };
  cats = categorizeConnections([ws, conn(1, [x('GET', '/poll')]), conn(2, [x('GET', '/poll')])]);
  assert.deepEqual([...cats.values()], ['websocket', 'http10-short', 'http10-short']);
  assert.equal(addressOf('[::1]:8080'), '::1');
  assert.equal(addressOf('127.0.0.1:80'), '127.0.0.1');
});

test('analysis JSON: each connection’s category equals the comparison’s grouping', () => {
  for (const file of [...captures, pollingRecording]) {
    const json = toAnalysisJson(analyse(file, false)).connections as Array<{ id: number; category: string }>;
    const totals = totalsOf(file);
    for (const c of json) {
      const group = totals.find((t) => t.connections.includes(c.id))!;
      assert.equal(c.category, group.category, `${file} #${c.id}`);
    }
  }
  const json = toAnalysisJson(analyse(pollingRecording, false)).connections as Array<{ category: string }>;
  assert.equal(json.filter((c) => c.category === 'polling').length, 20);
  assert.equal(json.filter((c) => c.category === 'websocket').length, 1);
});

test('analysis JSON of a selection keeps the whole capture’s categories when given them', () => {
  const r = analyse(pollingRecording, false);
  const all = connectionCategories(r);
  const one = { ...r, connections: r.connections.slice(0, 1) };
  // Alone, one poll is just a short connection; with the capture's categories it stays polling.
  assert.equal((toAnalysisJson(one).connections[0] as { category: string }).category, 'http10-short');
  assert.equal((toAnalysisJson(one, all).connections[0] as { category: string }).category, 'polling');
});
