// Http1Parser behaviour that the golden fixtures do not show well: the listener contract, limits,
// offsets from the TCP stage, ownership of handed-over bytes, robustness on arbitrary input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  Http1Parser,
  looksLikeHttpRequest,
  looksLikeHttpResponse,
} from '../../../core/dissect/http1/index.ts';
import type { DirectionLeftovers, HttpExchange } from '../../../core/dissect/http1/index.ts';
import type { Diagnostic } from '../../../core/diagnostics/diagnostic.ts';
import { parseWire, run } from './fixture-format.ts';

const here = dirname(fileURLToPath(import.meta.url));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function feed(p: Http1Parser, dir: 0 | 1, text: string, frame: number, offset: number): number {
  const data = enc(text);
  p.push(dir, { data, frame, offset });
  return offset + data.length;
}

test('looksLikeHttpRequest: a method token and SP', () => {
  for (const s of [
    'GET / HTTP/1.1',
    'POST /x',
    'OPTIONS * HTTP/1.1',
    'CONNECT a:443 HTTP/1.1',
    'PROPFIND /d',
    'BREW /pot',
    'M-SEARCH * HTTP/1.1',
  ]) {
    assert.equal(looksLikeHttpRequest(enc(s)), true, s);
  }
  for (const s of [
    '',
    'GET',
    'GET/',
    'get / HTTP/1.1',
    'HTTP/1.1 200 OK',
    '\x16\x03\x01\x02\x00',
    'SSH-2.0-OpenSSH',
    'AB /x',
    'FOO bar',
  ]) {
    assert.equal(looksLikeHttpRequest(enc(s)), false, JSON.stringify(s));
  }
  assert.equal(looksLikeHttpResponse(enc('HTTP/1.0 200 OK')), true);
  assert.equal(looksLikeHttpResponse(enc('HTTP/2 200')), false);
});

test('every diagnostic id the parser can emit is asserted by a fixture or a test here', () => {
  const src = readdirSync(join(here, '../../../core/dissect/http1'))
    .map((f) => readFileSync(join(here, '../../../core/dissect/http1', f), 'utf8'))
    .join('\n');
  const ids = new Set([...src.matchAll(/'(http1\.[a-z0-9_.]+)'/g)].map((m) => m[1]!));
  assert.ok(ids.size >= 15, [...ids].join(' '));
  const fixtures = readdirSync(join(here, '../../fixtures/http1'))
    .map((f) => readFileSync(join(here, '../../fixtures/http1', f), 'utf8'))
    .join('\n');
  const self = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  for (const id of ids) {
    const inFixture = fixtures.includes(`diag ${id} `);
    const inTest = self.includes(`assert.equal(last.id, '${id}')`);
    assert.ok(inFixture || inTest, `${id} is never asserted`);
  }
});

test('diagnostics over maxDiagnostics are counted, not kept', () => {
  const p = new Http1Parser({}, { maxDiagnostics: 3 });
  let off = 0;
  for (let i = 0; i < 10; i++) off = feed(p, 0, 'GET / HTTP/1.1\r\nX: a\r\n  folded\r\n\r\n', 1, off);
  p.finish();
  assert.equal(p.diagnostics.length, 4);
  assert.deepEqual(
    p.diagnostics.slice(0, 3).map((d) => d.id),
    ['http1.header.obs_fold', 'http1.header.obs_fold', 'http1.header.obs_fold'],
  );
  const last = p.diagnostics[3]!;
  assert.equal(last.id, 'http1.diagnostics.dropped');
  assert.match(last.message, /^7 /);
  assert.equal(p.exchanges.length, 10);
});

test('listener order and flat exchange fields', () => {
  const events: string[] = [];
  const p = new Http1Parser({
    exchange: (x, which) =>
      events.push(`${which}:${x.index}:${x.method}:${x.status}:${x.requestFrame}:${x.responseFrame}`),
  });
  feed(p, 0, 'GET /a HTTP/1.1\r\n\r\n', 3, 0);
  feed(p, 1, 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n', 5, 0);
  feed(p, 1, 'ok', 6, 38);
  p.finish();
  assert.deepEqual(events, ['request:0:GET:null:3:null', 'response:0:GET:200:3:6']);
  const x = p.exchanges[0]!;
  assert.equal(x.target, '/a');
  assert.equal(x.requestFirstFrame, 3);
  assert.equal(x.requestHeadersFrame, 3);
  assert.equal(x.responseFirstFrame, 5);
  assert.equal(x.responseHeadersFrame, 5);
  assert.equal(x.responseFrame, 6);
  assert.equal(x.response!.bodyBytes, 2);
  // Plain data: survives structured cloning (worker boundary) unchanged.
  assert.deepEqual(structuredClone(x), x);
});

test('stream offsets need not start at 0; overlaps are trimmed; a jump is a gap', () => {
  const diags: Diagnostic[] = [];
  const p = new Http1Parser({ diagnostic: (d) => diags.push(d) });
  feed(p, 1, 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab', 7, 1000);
  // Re-sent bytes (already seen) followed by new ones in one chunk.
  feed(p, 1, 'bcd', 8, 1040);
  // Offset jumps from 1043 to 1045: two bytes never arrived.
  feed(p, 1, 'ghij', 9, 1045);
  p.finish();
  const r = p.exchanges[0]!.response!;
  assert.deepEqual(r.body, { start: 1039, end: 1049 });
  assert.equal(r.bodyWireBytes, 10);
  assert.equal(r.missingBytes, 2);
  assert.equal(r.frame, 9);
  assert.deepEqual(
    diags.map((d) => d.id),
    ['http1.response.unmatched', 'http1.gap'],
  );
});

test('upgrade leftovers are owned copies; later input is ignored', () => {
  let handed: DirectionLeftovers[] = [];
  let upgraded: HttpExchange | null = null;
  const p = new Http1Parser({
    upgrade: (x, l) => {
      upgraded = x;
      handed = l;
    },
  });
  const req = enc('GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\nAB');
  p.push(0, { data: req, frame: 1, offset: 0 });
  req.fill(0);
  const res = enc('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\nCD');
  p.push(1, { data: res, frame: 2, offset: 0 });
  res.fill(0);
  assert.ok(upgraded);
  assert.equal((upgraded as HttpExchange).upgrade!.protocol, 'websocket');
  assert.deepEqual(
    handed.map((d) => [d.dir, d.chunks.map((c) => [c.frame, c.offset, new TextDecoder().decode(c.data)])]),
    [
      [0, [[1, 59, 'AB']]],
      [1, [[2, 56, 'CD']]],
    ],
  );
  p.push(0, { data: enc('GET /x HTTP/1.1\r\n\r\n'), frame: 3, offset: 61 });
  p.finish();
  assert.equal(p.exchanges.length, 1);
  assert.equal(p.diagnostics.length, 0);
});

test('an Upgrade request never answered: held client bytes are dropped at finish, not parsed', () => {
  const p = new Http1Parser();
  feed(p, 0, 'GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x80abcd', 1, 0);
  p.finish();
  assert.equal(p.exchanges.length, 1);
  assert.equal(p.exchanges[0]!.response, null);
  assert.deepEqual(p.diagnostics, []);
});

test('connection summary', () => {
  const one = run(
    parseWire('#1 >\nGET / HTTP/1.1\n\n#2 <\nHTTP/1.1 200 OK\nContent-Length: 0\n\n#3 < fin'),
  ).parser;
  assert.deepEqual(one.connectionSummary(), {
    closedBy: 'server',
    persistent: true,
    shortConnection: true,
    reused: false,
  });
  const none = new Http1Parser();
  none.end(1, 'rst', 4);
  none.end(0, 'fin', 5);
  assert.deepEqual(none.connectionSummary(), {
    closedBy: 'server',
    persistent: false,
    shortConnection: false,
    reused: false,
  });
  const eof = new Http1Parser();
  eof.end(0, 'eof', null);
  assert.equal(eof.connectionSummary().closedBy, null);
});

test('a large body is skipped without keeping it (bounded queue, fast)', () => {
  const p = new Http1Parser();
  const size = 20 * 1024 * 1024;
  let off = feed(p, 1, `HTTP/1.1 200 OK\r\nContent-Length: ${size}\r\n\r\n`, 1, 0);
  const seg = new Uint8Array(1448);
  const t0 = performance.now();
  let frame = 2;
  for (let left = size; left > 0; left -= seg.length) {
    const data = left >= seg.length ? seg : seg.subarray(0, left);
    p.push(1, { data, frame: frame++, offset: off });
    off += data.length;
  }
  const ms = performance.now() - t0;
  p.finish();
  const r = p.exchanges[0]!.response!;
  assert.equal(r.complete, true);
  assert.equal(r.bodyBytes, size);
  assert.equal(r.frame, frame - 1);
  assert.ok(ms < 2000, `${ms} ms for ${frame} segments`);
});

// ---- properties ------------------------------------------------------------------------------

const messageArb = fc.oneof(
  fc.record({ kind: fc.constant('cl' as const), body: fc.string({ maxLength: 30 }) }),
  fc.record({
    kind: fc.constant('chunked' as const),
    chunks: fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('none' as const) }),
);

function render(
  m: { kind: 'cl'; body: string } | { kind: 'chunked'; chunks: string[] } | { kind: 'none' },
  i: number,
): { req: string; res: string } {
  const ascii = (s: string): string => s.replace(/[^\x20-\x7e]/g, '.');
  const req = i % 3 === 2 ? `HEAD /h${i} HTTP/1.1\r\n\r\n` : `GET /r${i} HTTP/1.1\r\nHost: x\r\n\r\n`;
  if (i % 3 === 2) return { req, res: 'HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n' };
  if (m.kind === 'cl') {
    const b = ascii(m.body);
    return { req, res: `HTTP/1.1 200 OK\r\nContent-Length: ${b.length}\r\n\r\n${b}` };
  }
  if (m.kind === 'chunked') {
    const body =
      m.chunks.map((c) => `${ascii(c).length.toString(16)}\r\n${ascii(c)}\r\n`).join('') + '0\r\n\r\n';
    return { req, res: `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${body}` };
  }
  return { req, res: 'HTTP/1.1 204 No Content\r\n\r\n' };
}

function summarize(p: Http1Parser): unknown {
  return {
    x: p.exchanges.map((x) => [
      x.method,
      x.target,
      x.status,
      x.requestFrame,
      x.responseFrame,
      x.response?.bodyBytes,
      x.response?.complete,
    ]),
    d: p.diagnostics.map((d) => [d.id, d.frame]),
  };
}

test('property: pipelined exchanges pair up and do not depend on segmentation', () => {
  fc.assert(
    fc.property(
      fc.array(messageArb, { minLength: 1, maxLength: 6 }),
      fc.array(fc.nat(400), { maxLength: 8 }),
      (msgs, cuts) => {
        const parts = msgs.map(render);
        const client = enc(parts.map((p) => p.req).join(''));
        const server = enc(parts.map((p) => p.res).join(''));
        const feedAll = (split: number[]): Http1Parser => {
          const p = new Http1Parser();
          for (const [dir, bytes] of [
            [0, client],
            [1, server],
          ] as const) {
            const points = [...new Set([0, ...split.map((c) => c % (bytes.length + 1)), bytes.length])].sort(
              (a, b) => a - b,
            );
            for (let k = 0; k + 1 < points.length; k++) {
              // Frame numbers follow the byte position so that both runs agree on them.
              p.push(dir, {
                data: bytes.slice(points[k], points[k + 1]),
                frame: dir * 1000 + Math.floor(points[k]! / 64),
                offset: points[k]!,
              });
            }
          }
          p.finish();
          return p;
        };
        const whole = feedAll(
          [...Array(Math.ceil(Math.max(client.length, server.length) / 64)).keys()].map((i) => i * 64),
        );
        const split = feedAll([
          ...cuts,
          ...[...Array(Math.ceil(Math.max(client.length, server.length) / 64)).keys()].map((i) => i * 64),
        ]);
        assert.deepEqual(summarize(split), summarize(whole));
        assert.equal(whole.exchanges.length, msgs.length);
        assert.deepEqual(whole.diagnostics, []);
        whole.exchanges.forEach((x, i) => {
          assert.equal(x.target, i % 3 === 2 ? `/h${i}` : `/r${i}`);
          assert.equal(x.response?.complete, true);
        });
      },
    ),
    { numRuns: 300 },
  );
});

test('property: arbitrary bytes, gaps and ends never throw', () => {
  const op = fc.oneof(
    fc.record({
      t: fc.constant('data' as const),
      dir: fc.constantFrom(0 as const, 1 as const),
      bytes: fc.oneof(
        fc.uint8Array({ maxLength: 80 }),
        fc.constantFrom(
          ...[
            'GET / HTTP/1.1\r\n',
            'HTTP/1.1 200 OK\r\n',
            'Transfer-Encoding: chunked\r\n',
            '\r\n',
            '5\r\nhello\r\n',
            'Upgrade: x\r\nConnection: upgrade\r\n',
            'HTTP/1.1 101 S\r\n\r\n',
            'CONNECT a:1 HTTP/1.1\r\n\r\n',
            'Content-Length: 3\r\n',
            ' fold\r\n',
          ].map(enc),
        ),
      ),
    }),
    fc.record({
      t: fc.constant('gap' as const),
      dir: fc.constantFrom(0 as const, 1 as const),
      n: fc.integer({ min: 1, max: 50 }),
    }),
    fc.record({
      t: fc.constant('end' as const),
      dir: fc.constantFrom(0 as const, 1 as const),
      r: fc.constantFrom('fin' as const, 'rst' as const, 'eof' as const),
    }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), fc.integer({ min: 16, max: 200 }), (ops, maxHeaderBytes) => {
      const p = new Http1Parser({}, { maxHeaderBytes, maxResyncBytes: 64 });
      const off = [0, 0];
      let frame = 1;
      for (const o of ops) {
        if (o.t === 'data') {
          p.push(o.dir, { data: o.bytes.slice(), frame: frame++, offset: off[o.dir]! });
          off[o.dir]! += o.bytes.length;
        } else if (o.t === 'gap') {
          p.gap(o.dir, off[o.dir]!, o.n, frame++);
          off[o.dir]! += o.n;
        } else p.end(o.dir, o.r, frame++);
      }
      p.finish();
      p.connectionSummary();
      for (const x of p.exchanges) {
        for (const m of [x.request, x.response, ...x.interim]) {
          if (!m) continue;
          assert.ok(m.span.start <= m.span.end);
          assert.ok(m.bodyBytes <= m.bodyWireBytes);
        }
      }
    }),
    { numRuns: 1500 },
  );
});
