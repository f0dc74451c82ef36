// The packet list's display filter (renderer/src/views/packets/filter.ts): fields, operators,
// precedence, and the error messages (with columns) for bad expressions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter, applyFilter } from '../../renderer/src/views/packets/filter.ts';
import type { PacketListRow } from '../../renderer/src/model.ts';

function row(frame: number, over: Partial<PacketListRow>): PacketListRow {
  return {
    frame,
    time: frame / 1000,
    epoch: 1e9 + frame,
    src: '127.0.0.1',
    dst: '127.0.0.1',
    protocol: 'TCP',
    length: 66,
    info: '',
    connection: 0,
    flags: 0x10,
    fileOffset: 24,
    capturedLength: 66,
    linkType: 1,
    srcPort: 50000,
    dstPort: 8080,
    analysis: 0,
    ...over,
  };
}

const rows: PacketListRow[] = [
  row(1, { flags: 0x02, info: '50000 → 8080 [SYN] Seq=0' }),
  row(2, { flags: 0x12, srcPort: 8080, dstPort: 50000, info: '8080 → 50000 [SYN, ACK]' }),
  row(3, { protocol: 'HTTP', flags: 0x18, info: 'GET /a.txt  50000 → 8080' }),
  row(4, { protocol: 'HTTP', srcPort: 8080, dstPort: 50000, src: '10.0.0.2', info: '200 OK' }),
  row(5, { protocol: 'WebSocket', info: 'WS Text "hello"', analysis: 1 }),
  row(6, { protocol: 'TLS', srcPort: 443, dstPort: 40000, dst: '::1', connection: 1, info: 'Client Hello' }),
  row(7, { flags: 0x14, info: '[RST, ACK]' }),
  row(8, { flags: 0x11, info: '[FIN, ACK]' }),
  row(9, {
    protocol: 'UDP',
    connection: -1,
    flags: 0,
    srcPort: undefined,
    dstPort: undefined,
    src: '10.0.0.9',
    dst: '10.0.0.1',
    info: 'udp',
  }),
];

function frames(expr: string): number[] {
  const r = parseFilter(expr);
  if (!r.ok) assert.fail(`${expr}: ${r.error.message}`);
  return applyFilter(rows, r.predicate).map((i) => rows[i]!.frame);
}

function error(expr: string) {
  const r = parseFilter(expr);
  assert.equal(r.ok, false, `${expr} should be rejected`);
  return (r as { ok: false; error: { code: string; column: number; message: string; token: string } }).error;
}

test('protocol names select by the row protocol', () => {
  assert.deepEqual(frames('http'), [3, 4]);
  assert.deepEqual(frames('websocket'), [5]);
  assert.deepEqual(frames('ws'), [5]);
  assert.deepEqual(frames('tls'), [6]);
  assert.deepEqual(frames('udp'), [9]);
  assert.deepEqual(frames('tcp'), [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('an empty filter passes everything', () => {
  assert.deepEqual(frames('   '), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('ports, addresses and frame numbers', () => {
  assert.deepEqual(frames('port 443'), [6]);
  assert.deepEqual(frames('tcp.port == 443'), [6]);
  assert.deepEqual(frames('tcp.port eq 40000'), [6]);
  assert.deepEqual(frames('tcp.srcport == 8080'), [2, 4]);
  assert.deepEqual(frames('ip.addr == 10.0.0.2'), [4]);
  assert.deepEqual(frames('ip.src == 10.0.0.9'), [9]);
  assert.deepEqual(frames('ip.dst == 10.0.0.1'), [9]);
  assert.deepEqual(frames('ip.addr == ::1'), [6]);
  assert.deepEqual(frames('ip.addr != 127.0.0.1'), [9]);
  assert.deepEqual(frames('frame == 5'), [5]);
  assert.deepEqual(frames('frame >= 8'), [8, 9]);
  assert.deepEqual(frames('frame < 2'), [1]);
  assert.deepEqual(frames('tcp.stream == 1'), [6]);
  assert.deepEqual(frames('tcp.port != 8080'), [6]);
});

test('TCP flags and the retransmission analysis bit', () => {
  assert.deepEqual(frames('tcp.flags.syn'), [1, 2]);
  assert.deepEqual(frames('tcp.flags.fin'), [8]);
  assert.deepEqual(frames('tcp.flags.rst'), [7]);
  assert.deepEqual(frames('tcp.flags.syn == 1 and tcp.flags.ack == 0'), [1]);
  assert.deepEqual(frames('tcp.analysis.retransmission'), [5]);
});

test('a bare contains / matches and those on list fields look in what the list shows', () => {
  assert.deepEqual(frames('contains "hello"'), [5]);
  assert.deepEqual(frames('contains "GET /a"'), [3]);
  assert.deepEqual(frames('info contains "OK"'), [4]);
  assert.deepEqual(frames('contains "say \\"hi\\""'), []);
  assert.deepEqual(frames('info matches "^ws text"'), [5]);
  assert.deepEqual(frames('matches "client hel+o"'), [6]);
  assert.deepEqual(frames('ip.addr contains "10.0.0"'), [4, 9]);
});

/** The needles a filter asks the byte search for, as scope=hex / scope~regex. */
function needles(expr: string): string[] {
  const r = parseFilter(expr);
  if (!r.ok) assert.fail(`${expr}: ${r.error.message}`);
  return r.needles.map((n) =>
    n.regex !== undefined ? `${n.scope}~${n.regex}` : `${n.scope}=${Buffer.from(n.bytes).toString('hex')}`,
  );
}

test('frame / tcp / tcp.payload contains and matches ask for a byte search', () => {
  assert.deepEqual(needles('frame contains "Upgrade"'), ['frame=55706772616465']);
  assert.deepEqual(needles('tcp.payload contains "hi\\r\\n\\x00"'), ['tcp.payload=68690d0a00']);
  assert.deepEqual(needles('tcp contains 48:54:54:50'), ['tcp=48545450']);
  assert.deepEqual(needles('frame contains 48 54 54 50 and http'), ['frame=48545450']);
  assert.deepEqual(needles('frame contains 4'), ['frame=04']);
  assert.deepEqual(needles('frame matches "up.rade"'), ['frame~up.rade']);
  // The same needle twice is searched once; list-only filters need no search.
  assert.deepEqual(needles('frame contains "a" or not frame contains 61'), ['frame=61']);
  assert.deepEqual(needles('http and frame == 3'), []);
});

test('byte predicates read the search answer: one bitset per needle, bit frame-1', () => {
  const r = parseFilter('tcp.payload contains "hello" or (frame contains 01 and not http)');
  assert.ok(r.ok);
  // needle 0 matches frames 5 and 9; needle 1 matches frames 1, 3 and 7.
  const m0 = new Uint8Array(2);
  m0[0] = 1 << 4;
  m0[1] = 1 << 0;
  const m1 = new Uint8Array(2);
  m1[0] = (1 << 0) | (1 << 2) | (1 << 6);
  const pass = applyFilter(rows, r.bind([m0, m1])).map((i) => rows[i]!.frame);
  assert.deepEqual(pass, [1, 5, 7, 9]);
  // Before the answer is in, byte predicates are false.
  assert.deepEqual(
    applyFilter(rows, r.predicate).map((i) => rows[i]!.frame),
    [],
  );
});

test('bad byte predicates: not a byte string, bad escape, empty needle, bad regex', () => {
  const a = error('frame contains hello');
  assert.equal(a.code, 'bad-bytes');
  assert.equal(a.column, 16);
  assert.equal(error('frame contains 48:5').code, 'bad-bytes');
  assert.equal(error('tcp.payload contains 4:8').code, 'bad-bytes');
  const b = error('frame contains "ab\\q"');
  assert.equal(b.code, 'bad-escape');
  assert.equal(b.token, '\\q');
  assert.equal(b.column, 19);
  assert.equal(error('frame contains ""').code, 'empty-needle');
  assert.equal(error('frame matches "(("').code, 'bad-regex');
  assert.equal(error('frame matches 48').code, 'expected-value');
  assert.equal(error('info matches "["').code, 'bad-regex');
  assert.equal(error('tcp.payload').code, 'expected-value');
  assert.equal(error('tcp.payload == 3').code, 'bad-operator');
});

test('and/or/not, symbols, and precedence with parentheses', () => {
  assert.deepEqual(frames('http or ws'), [3, 4, 5]);
  assert.deepEqual(frames('http || ws'), [3, 4, 5]);
  assert.deepEqual(frames('tcp and not http'), [1, 2, 5, 6, 7, 8]);
  assert.deepEqual(frames('tcp && !http && !tcp.flags.syn'), [5, 6, 7, 8]);
  // and binds tighter than or
  assert.deepEqual(frames('tls or http and ip.src == 10.0.0.2'), [4, 6]);
  assert.deepEqual(frames('(tls or http) and ip.src == 10.0.0.2'), [4]);
  assert.deepEqual(frames('not (tcp.port == 8080 or udp)'), [6]);
  assert.deepEqual(frames('HTTP AND NOT frame == 3'), [4]);
});

test('bad expressions give a clear message with the column', () => {
  const e = error('tcp.prot == 8080');
  assert.equal(e.code, 'unknown-field');
  assert.equal(e.message, "unknown field 'tcp.prot' at column 1");
  assert.equal(error('http and foo').column, 10);
  assert.equal(error('http and').code, 'end');
  assert.equal(error('(http or tls').code, 'unclosed-paren');
  assert.equal(error('(http or tls').column, 1);
  assert.equal(error('contains "abc').code, 'unclosed-string');
  assert.equal(error('frame == abc').code, 'bad-number');
  assert.equal(error('frame == abc').message, "'abc' is not a number at column 10");
  assert.equal(error('tcp.port ==').code, 'expected-value');
  assert.equal(error('ip.addr > 1.2.3.4').code, 'bad-operator');
  assert.equal(error('ip.addr').code, 'expected-value');
  assert.equal(error('http tls').code, 'unexpected');
  assert.equal(error('http tls').column, 6);
  assert.equal(error('http $').code, 'unexpected');
  assert.equal(error('http )').code, 'unexpected');
  assert.equal(error('tls contains "x"').code, 'bad-operator');
});
