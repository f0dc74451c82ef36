import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes, type AnalysisResult } from '../../core/analyze.ts';
import { metricsJson, toAnalysisJson } from '../../core/analysis-json.ts';
import { buildTimeline } from '../../core/timeline/build-timeline.ts';
import {
  COMPARE_CATEGORIES,
  compareCategories,
  connectionCategory,
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
