import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket, TcpFlag } from '../../core/decode/index.ts';
import { ETH_IPV4, bytes, ipv4, record, tcp } from './packet-hex.ts';

const ids = (p: ReturnType<typeof decodePacket>) => p.diagnostics.map((d) => d.id);

test('TCP fixed header fields, raw unsigned seq/ack', () => {
  const p = decodePacket(
    record(1, `${ETH_IPV4} ${ipv4(tcp('68656c6c6f', { seq: 'fffffffe', ack: '80000000', flags: 0x018 }))}`),
  );
  const t = p.tcp!;
  assert.equal(t.offset, 34);
  assert.equal(t.srcPort, 49152);
  assert.equal(t.dstPort, 80);
  assert.equal(t.seq, 4294967294);
  assert.equal(t.ack, 2147483648);
  assert.equal(t.headerLength, 20);
  assert.equal(t.flags, TcpFlag.PSH | TcpFlag.ACK);
  assert.equal(t.window, 0xfaf0);
  assert.equal(t.checksum, 0xbeef);
  assert.equal(t.urgentPointer, 7);
  assert.deepEqual(t.options.kinds, []);
  assert.equal(t.payloadLength, 5);
  assert.equal(t.payloadOffset, 54);
  assert.equal(t.payloadCaptured, 5);
  assert.equal(t.headerTruncated, false);
  assert.equal(p.other, undefined);
  assert.deepEqual(ids(p), []);
});

test('every one of the 12 flag bits, alone and all together', () => {
  const named = [
    TcpFlag.FIN,
    TcpFlag.SYN,
    TcpFlag.RST,
    TcpFlag.PSH,
    TcpFlag.ACK,
    TcpFlag.URG,
    TcpFlag.ECE,
    TcpFlag.CWR,
    TcpFlag.AE,
  ];
  assert.deepEqual(named, [1, 2, 4, 8, 16, 32, 64, 128, 256]);
  for (let bit = 0; bit < 12; bit++) {
    const p = decodePacket(record(101, ipv4(tcp('', { flags: 1 << bit }))));
    assert.equal(p.tcp!.flags, 1 << bit, `bit ${bit}`);
    assert.equal(p.tcp!.headerLength, 20, `bit ${bit} must not leak into the data offset`);
  }
  assert.equal(decodePacket(record(101, ipv4(tcp('', { flags: 0xfff })))).tcp!.flags, 0xfff);
});

test('tcp.header.invalid: data offset below 5 (error)', () => {
  for (const off of [0, 4]) {
    const p = decodePacket(record(101, ipv4(tcp('0000', { dataOffset: off }))));
    assert.deepEqual(ids(p), ['tcp.header.invalid']);
    assert.equal(p.diagnostics[0]!.severity, 'error');
    assert.deepEqual(p.diagnostics[0]!.span, { start: 32, end: 33 });
    assert.equal(p.tcp, null);
    assert.equal(p.other, 'tcp');
  }
});

test('tcp.header.invalid: header longer than the IP payload, or IP payload below 20 bytes', () => {
  const long = decodePacket(record(101, ipv4(tcp('', { dataOffset: 8 }))));
  assert.deepEqual(ids(long), ['tcp.header.invalid']);
  const short = decodePacket(record(101, ipv4('c000 0050 01020304 0a0b0c0d')));
  assert.deepEqual(ids(short), ['tcp.header.invalid']);
  assert.equal(short.tcp, null);
});

test('tcp.header.truncated: snaplen inside the fixed header → no TCP (note)', () => {
  const d = bytes(`${ETH_IPV4} ${ipv4(tcp('00'.repeat(20)))}`);
  const p = decodePacket(record(1, d.subarray(0, 44), { originalLength: d.length }));
  assert.deepEqual(ids(p), ['tcp.header.truncated']);
  assert.equal(p.diagnostics[0]!.severity, 'note');
  assert.equal(p.tcp, null);
  assert.equal(p.network!.totalLength, 60);
});

test('tcp.header.truncated: snaplen inside the options → header decoded, options so far, flagged', () => {
  // MSS, SACK-permitted, timestamps, NOP, WS: 20 bytes of options; cut after 12 of them.
  const options = '020405b4 0402 080a 00000001 00000002 01 030307';
  const d = bytes(`${ETH_IPV4} ${ipv4(tcp('', { flags: 0x002, options }))}`);
  const p = decodePacket(record(1, d.subarray(0, 34 + 20 + 12), { originalLength: d.length }));
  assert.deepEqual(ids(p), ['tcp.header.truncated']);
  const t = p.tcp!;
  assert.equal(t.headerTruncated, true);
  assert.equal(t.headerLength, 40);
  assert.equal(t.flags, TcpFlag.SYN);
  assert.equal(t.options.mss, 1460);
  assert.equal(t.options.sackPermitted, true);
  assert.equal(t.options.tsVal, undefined, 'timestamps were not captured whole');
  assert.deepEqual(t.options.kinds, [2, 4, 8]);
  assert.equal(t.payloadLength, 0);
  assert.equal(t.payloadCaptured, 0);
});

test('header-only record (caplen 54 < len): payload on the wire, none captured, not flagged', () => {
  const d = bytes(`${ETH_IPV4} ${ipv4(tcp('00'.repeat(1448)))}`);
  const p = decodePacket(record(1, d.subarray(0, 54), { originalLength: d.length }));
  assert.deepEqual(ids(p), []);
  assert.equal(p.tcp!.payloadLength, 1448);
  assert.equal(p.tcp!.payloadCaptured, 0);
  assert.equal(p.tcp!.headerTruncated, false);
});

test('record fields are copied through', () => {
  const p = decodePacket(record(101, ipv4(tcp()), { frame: 42, originalLength: 40 }));
  assert.equal(p.frame, 42);
  assert.equal(p.tsSec, 1700000000);
  assert.equal(p.tsNsec, 5);
  assert.equal(p.capturedLength, 40);
  assert.equal(p.originalLength, 40);
});
