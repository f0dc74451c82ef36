// Every bundled tour resolves on its bundled recording: each step finds its packet (by role, not
// frame number), the narration quotes that packet's own numbers, both languages are filled, and
// the targets land where the tour says (a SYN is a SYN, a Close frame is a Close frame).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { TcpFlag } from '../../core/decode/types.ts';
import { TOURS, resolveTour, tourById, type ResolvedTour } from '../../core/tour/index.ts';
import { isDemoScenario } from '../../lab/demo-scenarios.ts';
import { recordingPath } from '../../lab/recordings.ts';
import { tourInput } from './tour-input.ts';

function resolved(id: string): { r: ResolvedTour; input: ReturnType<typeof tourInput> } {
  const tour = tourById(id)!;
  assert.ok(isDemoScenario(tour.recording));
  const input = tourInput(recordingPath(tour.recording));
  return { r: resolveTour(tour, input), input };
}

function row(input: ReturnType<typeof tourInput>, frame: number) {
  for (const c of input.timeline.connections) {
    const r = c.rows.find((x) => x.frame === frame);
    if (r) return r;
  }
  throw new Error(`no row for frame ${frame}`);
}

test('five tours, one per issue item (a)-(e), each on a bundled recording made by the lab script', () => {
  assert.deepEqual(
    TOURS.map((t) => t.id),
    ['tcp-same-handshake', 'http-short-vs-keepalive', 'socket-api', 'websocket-life', 'polling-overhead'],
  );
  for (const t of TOURS) {
    assert.ok(isDemoScenario(t.recording), `${t.id}: ${t.recording} is a demo scenario`);
    assert.ok(existsSync(recordingPath(t.recording)), `${t.recording}.pcap is bundled`);
    assert.ok(t.steps.length >= 5);
    assert.equal(new Set(t.steps.map((s) => s.id)).size, t.steps.length, 'step ids are unique');
    // At least two stops on the Steps tab, where the endpoints' TCP states are highlighted.
    assert.ok(t.steps.filter((s) => s.view === 'steps').length >= 2, `${t.id}: Steps view stops`);
    assert.ok(t.title.en && t.title.zh && t.summary.en && t.summary.zh);
  }
});

test('narration templates quote numbers only through placeholders (never hard-coded)', () => {
  // Protocol names may carry digits; a count, port, seq or size may not.
  const names = /HTTP\/1\.[01]|RFC \d+|SHA-1/g;
  for (const t of TOURS)
    for (const s of t.steps)
      for (const text of [s.text.en, s.text.zh]) {
        const bare = text.replace(/\{[A-Za-z0-9]+\}/g, '').replace(names, '');
        assert.doesNotMatch(bare, /\d/, `${t.id}/${s.id}: literal number in "${text}"`);
      }
});

test('every tour resolves on its bundled recording with no problems, steps in frame order per connection', () => {
  for (const t of TOURS) {
    const { r } = resolved(t.id);
    assert.deepEqual(r.problems, [], t.id);
    assert.equal(r.steps.length, t.steps.length);
    for (const s of r.steps) {
      assert.doesNotMatch(s.narration.en, /\{/, `${t.id}/${s.id} en filled`);
      assert.doesNotMatch(s.narration.zh, /\{/, `${t.id}/${s.id} zh filled`);
      assert.match(s.narration.zh, /[\u4e00-\u9fff]/, 'zh narration is Chinese');
      assert.ok(s.frame >= 1);
    }
    // Consecutive steps show different packets (stepping moves the highlight).
    for (let i = 1; i < r.steps.length; i++)
      assert.notEqual(r.steps[i]!.frame, r.steps[i - 1]!.frame, `${t.id} step ${i}`);
  }
});

test("the narration's numbers are the packet's fields", () => {
  for (const t of TOURS) {
    const { r, input } = resolved(t.id);
    for (const s of r.steps) {
      const p = row(input, s.frame);
      const conn = input.connections.find((c) => c.id === s.connection)!;
      const f = s.facts;
      if ('seq' in f) assert.equal(f.seq, p.relSeq);
      if ('ack' in f) assert.equal(f.ack, p.relAck);
      if ('len' in f) assert.equal(f.len, p.len);
      if ('mss' in f) assert.equal(f.mss, p.mss);
      if ('wscale' in f) assert.equal(f.wscale, p.windowScale);
      if ('clientPort' in f) assert.equal(f.clientPort, conn.tcp.client.port);
      if ('serverState' in f) assert.equal(f.serverState, p.states[1]);
      if ('clientState' in f) assert.equal(f.clientState, p.states[0]);
      // Each quoted value appears in the narration text.
      for (const [k, v] of Object.entries(f)) {
        assert.ok(s.narration.en.includes(String(v)), `${t.id}/${s.id}: en quotes ${k}=${v}`);
        assert.ok(s.narration.zh.includes(String(v)), `${t.id}/${s.id}: zh quotes ${k}=${v}`);
      }
    }
  }
});

test('(a) the same handshake under a short HTTP connection and a long WebSocket', () => {
  const { r, input } = resolved('tcp-same-handshake');
  const by = (id: string) => r.steps.find((s) => s.id === id)!;
  const shortSyn = row(input, by('short-syn').frame);
  const longSyn = row(input, by('long-syn').frame);
  assert.equal(shortSyn.flags & (TcpFlag.SYN | TcpFlag.ACK), TcpFlag.SYN);
  assert.equal(longSyn.flags & (TcpFlag.SYN | TcpFlag.ACK), TcpFlag.SYN);
  assert.equal(shortSyn.mss, longSyn.mss);
  assert.notEqual(by('short-syn').connection, by('long-syn').connection);
  const app = (id: string) =>
    input.connections.find((c) => c.id === by(id).connection)!.dissection.application;
  assert.equal(app('short-fin'), 'http');
  assert.equal(app('long-fin'), 'websocket');
  assert.ok(row(input, by('short-fin').frame).flags & TcpFlag.FIN);
});

test('(b) three handshakes for three HTTP/1.0 requests, one for three keep-alive requests', () => {
  const { r } = resolved('http-short-vs-keepalive');
  const f = r.steps.find((s) => s.id === 'keepalive-fin')!.facts;
  assert.equal(f.keepAliveHandshakes, 1);
  assert.equal(f.keepAliveMessages, 3);
  const third = r.steps.find((s) => s.id === 'third-fin')!.facts;
  assert.equal(third.shortConns, 3);
  assert.equal(third.shortHandshakes, 3);
  // The keep-alive requests share one connection; the short ones do not.
  const conns = (ids: string[]) =>
    new Set(r.steps.filter((s) => ids.includes(s.id)).map((s) => s.connection));
  assert.equal(conns(['keepalive-syn', 'keepalive-second', 'keepalive-third', 'keepalive-fin']).size, 1);
  assert.equal(conns(['first-syn', 'second-syn', 'third-fin']).size, 3);
});

test('(c) socket API tour walks one connection from connect to TIME-WAIT on the Steps view', () => {
  const { r, input } = resolved('socket-api');
  assert.ok(r.steps.every((s) => s.view === 'steps'));
  assert.equal(new Set(r.steps.map((s) => s.connection)).size, 1);
  const last = row(input, r.steps.at(-1)!.frame);
  assert.ok(last.states.includes('TIME-WAIT'));
  assert.equal(r.steps[0]!.facts.clientState, 'SYN-SENT');
});

test('(d) WebSocket tour: Upgrade, 101, masked client frame, ping/pong, push, close handshake', () => {
  const { r, input } = resolved('websocket-life');
  const f = (id: string) => r.steps.find((s) => s.id === id)!.facts;
  assert.equal(f('switching').status, 101);
  assert.equal(f('upgrade').method, 'GET');
  assert.match(String(f('client-text').maskKey), /^[0-9a-f]{8}$/);
  assert.equal(f('ping').wsPayload, f('pong').wsPayload);
  assert.match(String(f('push').wsText), /push/);
  assert.equal(f('client-close').closeCode, 1000);
  const ws = input.connections.find((c) => c.dissection.application === 'websocket')!;
  assert.equal(
    r.steps.find((s) => s.id === 'switching')!.frame,
    ws.dissection.websocket!.upgrade!.responseFrame,
  );
});

test('(e) polling vs WebSocket: the totals are the sums of the per-connection metrics', () => {
  const { r, input } = resolved('polling-overhead');
  const f = r.steps.at(-1)!.facts;
  let httpHs = 0;
  let httpHdr = 0;
  let wsHdr = 0;
  for (const c of input.timeline.connections) {
    const m = c.metrics;
    const hdr = m.tcpIpHeaderBytes + m.httpHeaderBytes + m.wsHeaderBytes;
    if (c.application === 'http') {
      httpHs += m.handshakes;
      httpHdr += hdr;
    } else if (c.application === 'websocket') wsHdr += hdr;
  }
  assert.equal(f.httpHandshakes, httpHs);
  assert.equal(f.httpHandshakes, 20);
  assert.equal(f.httpHeaderBytes, httpHdr);
  assert.equal(f.wsHandshakes, 1);
  assert.equal(f.wsHeaderBytes, wsHdr);
  assert.ok(Number(f.httpHeaderBytes) > Number(f.wsHeaderBytes));
  assert.equal(r.steps.at(-1)!.view, 'compare');
});
