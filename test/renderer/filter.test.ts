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

test('contains looks in what the list shows', () => {
  assert.deepEqual(frames('contains "hello"'), [5]);
  assert.deepEqual(frames('frame contains "GET /a"'), [3]);
  assert.deepEqual(frames('info contains "OK"'), [4]);
  assert.deepEqual(frames('contains "say \\"hi\\""'), []);
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
