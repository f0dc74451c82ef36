// buildTimeline on real loopback captures, checked against tshark reading the same files: labels
// sit on the frames tshark dissects the messages in, phases come in story order, and every metric
// equals a sum computed here from tshark's fields and the raw payload bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionTimeline, PhaseKind } from '../../core/timeline/types.ts';
import { tsharkAvailable } from '../helpers/tshark.ts';
import { fixture, num, timelineOf, tsharkStream } from './helpers.ts';

const skip = tsharkAvailable() ? false : 'needs tshark';

const HTTP_FIXTURES = [
  'http10-short',
  'http10-short-ipv6',
  'http11-keepalive-3',
  'http11-pipelining',
  'rst-abort',
];
const WS_FIXTURES = ['websocket-close', 'websocket-deflate'];
const ALL = [...HTTP_FIXTURES, ...WS_FIXTURES];

function only(name: string): ConnectionTimeline {
  const t = timelineOf(fixture(name));
  assert.equal(t.connections.length, 1, `${name} has one connection`);
  return t.connections[0]!;
}

function labelsByFrame(c: ConnectionTimeline, kinds: string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of c.rows) {
    const texts = r.labels.filter((l) => kinds.includes(l.kind)).map((l) => l.text);
    if (texts.length) out.set(r.frame, texts);
  }
  return out;
}

for (const name of HTTP_FIXTURES) {
  test(`${name}: HTTP labels on the frames where tshark completes each message`, { skip }, () => {
    const c = only(name);
    const rows = tsharkStream(fixture(name), 0, [
      'http.request.method',
      'http.request.uri',
      'http.response.code',
      'http.response.phrase',
    ]);
    const want = new Map<number, string[]>();
    for (const r of rows) {
      const texts: string[] = [];
      const methods = r['http.request.method']!.split(',').filter(Boolean);
      const uris = r['http.request.uri']!.split(',');
      methods.forEach((m, i) => texts.push(`${m} ${uris[i]}`));
      const codes = r['http.response.code']!.split(',').filter(Boolean);
      const phrases = r['http.response.phrase']!.split(',');
      codes.forEach((code, i) => texts.push(`${code} ${phrases[i]}`));
      if (texts.length) want.set(num(r['frame.number']), texts);
    }
    assert.ok(want.size > 0);
    const got = labelsByFrame(c, ['http-request', 'http-response', 'http-interim']);
    assert.deepEqual([...got.keys()], [...want.keys()], 'labelled frames');
    for (const [frame, texts] of want) {
      const g = got.get(frame)!;
      assert.equal(g.length, texts.length, `frame ${frame}`);
      // A close-delimited response says so after the status: compare the start.
      texts.forEach((t, i) => assert.ok(g[i]!.startsWith(t), `frame ${frame}: '${g[i]}' starts with '${t}'`));
    }
  });
}

test('http10-short: the close-delimited 200 completes on the server FIN and says so', () => {
  const c = only('http10-short');
  const row = c.rows.find((r) => r.labels.some((l) => l.kind === 'http-response'))!;
  assert.equal(row.frame, 8);
  assert.equal(row.flags & 0x01, 0x01, 'FIN');
  assert.deepEqual(row.labels, [{ kind: 'http-response', text: '200 OK (body ended by FIN)', ref: 0 }]);
  assert.deepEqual(c.rows.find((r) => r.frame === 4)!.labels, [
    { kind: 'http-request', text: 'GET /index.html', ref: 0 },
  ]);
});

test('http11-pipelining: three requests labelled on one frame, in order, refs 0..2', () => {
  const c = only('http11-pipelining');
  const row = c.rows.find((r) => r.frame === 4)!;
  assert.deepEqual(
    row.labels.map((l) => [l.kind, l.text, l.ref]),
    [
      ['http-request', 'GET /p1', 0],
      ['http-request', 'GET /p2', 1],
      ['http-request', 'GET /p3', 2],
    ],
  );
});

const OPCODE_WORD: Record<string, string> = {
  '1': 'WS Text',
  '2': 'WS Binary',
  '8': 'Close',
  '9': 'Ping',
  '10': 'Pong',
};

for (const name of WS_FIXTURES) {
  test(`${name}: one WebSocket label per frame tshark dissects, with its text`, { skip }, () => {
    const c = only(name);
    const rows = tsharkStream(
      fixture(name),
      0,
      ['websocket.opcode', 'websocket.payload.text', 'websocket.rsv'],
      'websocket',
    );
    const got = labelsByFrame(c, ['ws-frame', 'ws-message']);
    assert.deepEqual(
      [...got.keys()],
      rows.map((r) => num(r['frame.number'])),
      'labelled frames',
    );
    for (const r of rows) {
      const frame = num(r['frame.number']);
      const [label] = got.get(frame)!;
      const op = r['websocket.opcode']!;
      assert.ok(label!.startsWith(OPCODE_WORD[op]!), `frame ${frame}: '${label}' for opcode ${op}`);
      if (op === '1')
        assert.ok(
          label!.startsWith(`WS Text "${r['websocket.payload.text']}"`),
          `frame ${frame}: '${label}'`,
        );
      assert.equal(
        label!.endsWith(' (deflate)'),
        r['websocket.rsv'] === '0x04',
        `frame ${frame}: deflate marker`,
      );
    }
  });
}

test('websocket-close: exact labels for the upgrade, the messages and the close handshake', () => {
  const c = only('websocket-close');
  const at = (f: number) => c.rows.find((r) => r.frame === f)!.labels.map((l) => l.text);
  assert.deepEqual(at(4), ['GET /ws']);
  assert.deepEqual(at(6), ['101 Switching Protocols']);
  assert.deepEqual(at(8), ['WS Text "hello"']);
  assert.deepEqual(at(12), ['Ping "are you there"']);
  assert.deepEqual(at(15), ['Pong "are you there"']);
  assert.deepEqual(at(20), ['Close 1000 "bye"']);
  assert.deepEqual(at(21), ['Close 1000 "bye"']);
  assert.deepEqual(at(22), []);
  const ws = c.rows.find((r) => r.frame === 8)!.labels[0]!;
  assert.equal(ws.kind, 'ws-message');
  assert.equal(ws.ref, 0);
});

test('websocket-deflate: binary messages by decoded size', () => {
  const c = only('websocket-deflate');
  assert.deepEqual(
    c.rows.find((r) => r.frame === 12)!.labels.map((l) => l.text),
    ['WS Binary 6 B (deflate)'],
  );
});

const PHASES: Record<string, Array<[PhaseKind, number, number]>> = {
  'http10-short': [
    ['tcp-handshake', 1, 3],
    ['http-exchange', 4, 8],
    ['tcp-teardown', 8, 10],
  ],
  'http11-keepalive-3': [
    ['tcp-handshake', 1, 3],
    ['http-exchange', 4, 6],
    ['http-exchange', 8, 9],
    ['http-exchange', 10, 11],
    ['tcp-teardown', 12, 14],
  ],
  'http11-pipelining': [
    ['tcp-handshake', 1, 3],
    ['http-exchange', 4, 6],
    ['http-exchange', 4, 8],
    ['http-exchange', 4, 10],
    ['tcp-teardown', 12, 14],
  ],
  'rst-abort': [
    ['tcp-handshake', 1, 3],
    ['http-exchange', 4, 4],
    ['tcp-teardown', 6, 6],
  ],
  'websocket-close': [
    ['tcp-handshake', 1, 3],
    ['upgrade', 4, 6],
    ['messages', 8, 18],
    ['close-handshake', 20, 21],
    ['tcp-teardown', 22, 24],
  ],
  'websocket-deflate': [
    ['tcp-handshake', 1, 3],
    ['upgrade', 4, 6],
    ['messages', 8, 13],
    ['close-handshake', 14, 15],
    ['tcp-teardown', 16, 18],
  ],
};

for (const [name, want] of Object.entries(PHASES)) {
  test(`${name}: phases in story order with their frame ranges and times`, () => {
    const c = only(name);
    assert.deepEqual(
      c.phases.map((p) => [p.kind, p.firstFrame, p.lastFrame]),
      want,
    );
    const time = new Map(c.rows.map((r) => [r.frame, r.time]));
    for (const p of c.phases) {
      assert.equal(p.start, time.get(p.firstFrame));
      assert.equal(p.end, time.get(p.lastFrame));
    }
    const exchanges = c.phases.filter((p) => p.kind === 'http-exchange' || p.kind === 'upgrade');
    assert.deepEqual(
      exchanges.map((p) => p.exchange),
      exchanges.map((_, i) => i),
    );
  });
}

test('phase labels read as a summary', () => {
  assert.deepEqual(
    only('rst-abort').phases.map((p) => p.label),
    ['SYN, SYN-ACK, ACK', 'GET /reset → no response', 'RST from server'],
  );
  assert.deepEqual(
    only('websocket-close').phases.map((p) => p.label),
    [
      'SYN, SYN-ACK, ACK',
      'GET /ws → 101 websocket',
      '8 data messages',
      'client 1000, server 1000',
      'FIN from server',
    ],
  );
});

/** Splits one direction's HTTP bytes into header blocks and bodies (Content-Length or to the end). */
function httpBytes(stream: Buffer): { headers: number; bodies: number; rest: number } {
  let at = 0;
  let headers = 0;
  let bodies = 0;
  while (at < stream.length) {
    const end = stream.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const head = stream.subarray(at, end + 4).toString('latin1');
    headers += end + 4 - at;
    at = end + 4;
    assert.doesNotMatch(head, /transfer-encoding/i, 'fixtures use Content-Length or close');
    const status = /^HTTP\/1\.\d (\d{3})/.exec(head);
    if (status?.[1] === '101') return { headers, bodies, rest: stream.length - at };
    const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const body = cl ? Number(cl[1]) : status ? stream.length - at : 0;
    bodies += body;
    at += body;
  }
  return { headers, bodies, rest: stream.length - at };
}

/** RFC 6455 §5.2: 2 bytes, +2 or +8 for the extended length, +4 for the masking key. */
function wsHeaderLength(len: number, masked: boolean): number {
  return 2 + (len > 65535 ? 8 : len > 125 ? 2 : 0) + (masked ? 4 : 0);
}

for (const name of ALL) {
  test(`${name}: metrics equal sums computed from tshark's fields`, { skip }, () => {
    const c = only(name);
    const file = fixture(name);
    const rows = tsharkStream(file, 0, [
      'frame.len',
      'frame.time_epoch',
      'ip.hdr_len',
      'tcp.hdr_len',
      'tcp.len',
      'tcp.srcport',
      'tcp.payload',
      'tcp.analysis.initial_rtt',
      'websocket.opcode',
      'websocket.payload_length',
      'websocket.mask',
    ]);
    const m = c.metrics;
    assert.equal(m.packets, rows.length);
    assert.equal(m.handshakes, 1);

    // Link + IP + TCP headers = frame length - TCP payload (loopback frames carry no padding).
    const headerSum = rows.reduce((n, r) => n + num(r['frame.len']) - num(r['tcp.len']), 0);
    assert.equal(m.tcpIpHeaderBytes, headerSum);
    if (!name.includes('ipv6')) {
      const byFields = rows.reduce((n, r) => n + 14 + num(r['ip.hdr_len']) + num(r['tcp.hdr_len']), 0);
      assert.equal(m.tcpIpHeaderBytes, byFields);
    }

    const times = rows.map((r) => num(r['frame.time_epoch']));
    assert.ok(Math.abs(m.duration - (times[times.length - 1]! - times[0]!)) < 2e-6);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    assert.ok(Math.abs(m.maxIdle - Math.max(...gaps)) < 2e-6, `maxIdle ${m.maxIdle}`);
    const rtt = rows.map((r) => r['tcp.analysis.initial_rtt']).find((v) => v);
    assert.ok(m.initialRtt !== null && Math.abs(m.initialRtt - Number(rtt)) < 2e-6);

    // The bytes each direction carried, split by a minimal HTTP reader written for this test.
    const clientPort = rows[0]!['tcp.srcport'];
    const stream = (client: boolean) =>
      Buffer.concat(
        rows
          .filter((r) => (r['tcp.srcport'] === clientPort) === client)
          .map((r) => Buffer.from(r['tcp.payload']!, 'hex')),
      );
    const up = httpBytes(stream(true));
    const down = httpBytes(stream(false));
    assert.equal(m.httpHeaderBytes, up.headers + down.headers);

    let wsHeaders = 0;
    let wsPayload = 0;
    let dataMessages = 0;
    let pings = 0;
    let pongs = 0;
    for (const r of rows) {
      const ops = r['websocket.opcode']!.split(',').filter(Boolean);
      const lens = r['websocket.payload_length']!.split(',');
      const masks = r['websocket.mask']!.split(',');
      ops.forEach((op, i) => {
        const len = Number(lens[i]);
        wsHeaders += wsHeaderLength(len, masks[i] === '1');
        wsPayload += len;
        if (op === '1' || op === '2') dataMessages++;
        if (op === '9') pings++;
        if (op === '10') pongs++;
      });
    }
    assert.equal(m.wsHeaderBytes, wsHeaders);
    // After a 101 every byte left is WebSocket: headers plus payload.
    assert.equal(up.rest + down.rest, wsHeaders + wsPayload);
    assert.equal(m.payloadBytes, up.bodies + down.bodies + wsPayload);
    assert.equal(m.wsMessages, dataMessages);

    const http = tsharkStream(file, 0, ['http.request.method', 'http.response.code'], 'http');
    const reqs = http.reduce((n, r) => n + r['http.request.method']!.split(',').filter(Boolean).length, 0);
    const resps = http.reduce((n, r) => n + r['http.response.code']!.split(',').filter(Boolean).length, 0);
    assert.equal(m.httpExchanges, reqs);
    assert.equal(m.roundTrips, Math.min(reqs, resps) + Math.min(pings, pongs));
  });
}

test('metrics spot values: websocket-close counts one ping/pong round trip besides the upgrade', () => {
  const m = only('websocket-close').metrics;
  assert.equal(m.roundTrips, 2);
  assert.equal(m.wsMessages, 8);
  assert.equal(m.httpExchanges, 1);
  // 5 masked client frames (2 + 4 bytes), 7 server frames (2 bytes).
  assert.equal(m.wsHeaderBytes, 5 * 6 + 7 * 2);
});

test('rst-abort: an unanswered request is not a round trip', () => {
  const m = only('rst-abort').metrics;
  assert.equal(m.httpExchanges, 1);
  assert.equal(m.roundTrips, 0);
});

test('buildTimeline needs rows and says so', async () => {
  const { analyzeBytes } = await import('../../core/analyze.ts');
  const { buildTimeline } = await import('../../core/timeline/build-timeline.ts');
  const { readFileSync } = await import('node:fs');
  const result = analyzeBytes(new Uint8Array(readFileSync(fixture('rst-abort'))));
  assert.throws(() => buildTimeline(result), /rows: true/);
});

test('rows carry the PacketRow fields and the capture start', () => {
  const t = timelineOf(fixture('http10-short'));
  const c = t.connections[0]!;
  assert.equal(c.client, `127.0.0.1:${36890}`);
  assert.equal(c.application, 'http');
  assert.equal(c.rows[0]!.time, 0);
  assert.ok(Math.abs(t.startEpoch - c.rows[0]!.epoch) < 1e-6);
  assert.deepEqual(
    c.rows.map((r) => r.frame),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  assert.equal(only('http10-short-ipv6').client, '[::1]:43548');
});
