import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket, TcpOptionKind } from '../../core/decode/index.ts';
import { ipv4, record, tcp } from './packet-hex.ts';

const ids = (p: ReturnType<typeof decodePacket>) => p.diagnostics.map((d) => d.id);
const withOptions = (options: string, payload = '') =>
  decodePacket(record(101, ipv4(tcp(payload, { options }))));

test('Linux SYN options: MSS, SACK-permitted, timestamps, NOP, window scale', () => {
  const p = withOptions('020405b4 0402 080a 0001e240 00000000 01 030307');
  const o = p.tcp!.options;
  assert.equal(o.mss, 1460);
  assert.equal(o.sackPermitted, true);
  assert.equal(o.tsVal, 123456);
  assert.equal(o.tsEcr, 0);
  assert.equal(o.windowScale, 7);
  assert.deepEqual(o.kinds, [2, 4, 8, 1, 3]);
  assert.equal(p.tcp!.headerLength, 40);
  assert.deepEqual(ids(p), []);
});

test('SACK blocks as raw [left, right) pairs, up to 4, unsigned', () => {
  const p = withOptions('0101 050a fffffff0 00000010', 'aa');
  assert.deepEqual(p.tcp!.options.sack, [[0xfffffff0, 0x10]]);
  assert.deepEqual(p.tcp!.options.kinds, [1, 1, 5]);
  assert.equal(p.tcp!.payloadLength, 1);
  const four = withOptions(`0101 0522 ${'00000001 00000002 '.repeat(4)}`);
  assert.equal(four.tcp!.options.sack!.length, 4);
  assert.deepEqual(four.tcp!.options.sack![3], [1, 2]);
});

test('timestamps with NOP padding', () => {
  const p = withOptions('0101 080a 80000000 ffffffff');
  assert.equal(p.tcp!.options.tsVal, 0x80000000);
  assert.equal(p.tcp!.options.tsEcr, 0xffffffff);
});

test('TCP Fast Open: cookie request (empty) and cookie bytes as hex', () => {
  const req = withOptions('2202 0000');
  assert.equal(req.tcp!.options.fastOpenCookie, '');
  assert.deepEqual(req.tcp!.options.kinds, [34, 0]);
  const cookie = withOptions('220a 0123456789abcdef 0000');
  assert.equal(cookie.tcp!.options.fastOpenCookie, '0123456789abcdef');
  assert.deepEqual(ids(cookie), []);
});

test('EOL ends option parsing even with bytes after it', () => {
  const p = withOptions('00 020405b4 000000');
  assert.deepEqual(p.tcp!.options.kinds, [0]);
  assert.equal(p.tcp!.options.mss, undefined);
});

test('unknown kinds are skipped by their length and kept in kinds', () => {
  const p = withOptions('1e04 abcd 020405b4'); // kind 30 (MPTCP), 4 bytes
  assert.deepEqual(p.tcp!.options.kinds, [30, 2]);
  assert.equal(p.tcp!.options.mss, 1460);
  assert.deepEqual(ids(p), []);
});

test('tcp.option.invalid: impossible or wrong lengths stop parsing (warn)', () => {
  const cases: Array<[string, string]> = [
    ['0201 00000000 000000', 'length below 2'],
    ['0200 00000000 000000', 'length 0 (would loop forever)'],
    ['0203 0005 00000000', 'MSS with length 3'],
    ['0304 0700 00000000', 'window scale with length 4'],
    ['0403 00 01010101 00', 'SACK-permitted with length 3'],
    ['0506 00000001 0000', 'SACK without a whole block'],
    ['0808 00000001 0000', 'timestamps with length 8'],
    ['2203 00 00000000 00', 'TFO cookie of odd length'],
    ['010101 1e08 000000', 'option runs past the header'],
    ['01010101 010101 1e', 'length byte outside the header'],
  ];
  for (const [options, why] of cases) {
    const p = withOptions(options);
    assert.deepEqual(ids(p), ['tcp.option.invalid'], why);
    assert.equal(p.diagnostics[0]!.severity, 'warn', why);
    assert.ok(p.tcp, `${why}: the header itself is still decoded`);
  }
  const stop = withOptions('0203 0005 020405b4');
  assert.equal(stop.tcp!.options.mss, undefined, 'nothing after a malformed option is parsed');
  assert.deepEqual(stop.tcp!.options.kinds, [2]);
  const span = withOptions('01 0203 00 00000000').diagnostics[0]!.span;
  assert.deepEqual(span, { start: 41, end: 44 });
});

test('option kind constants', () => {
  assert.deepEqual(Object.values(TcpOptionKind), [0, 1, 2, 3, 4, 5, 8, 34]);
});
