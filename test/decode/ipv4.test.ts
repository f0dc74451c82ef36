import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket } from '../../core/decode/index.ts';
import { ETH_IPV4, ipv4, record, tcp } from './packet-hex.ts';

const ids = (p: ReturnType<typeof decodePacket>) => p.diagnostics.map((d) => d.id);

test('IPv4 fixed header fields', () => {
  const p = decodePacket(record(101, '45b8 0028 abcd 4000 3f06 1234 0a000001 0a000002 ' + tcp()));
  const n = p.network!;
  assert.equal(n.version, 4);
  assert.equal(n.src, '10.0.0.1');
  assert.equal(n.dst, '10.0.0.2');
  assert.equal(n.headerLength, 20);
  assert.equal(n.totalLength, 40);
  assert.equal(n.protocol, 6);
  assert.equal(n.ttl, 63);
  assert.equal(n.id, 0xabcd);
  assert.equal(n.dontFragment, true);
  assert.equal(n.moreFragments, false);
  assert.equal(n.fragmentOffset, 0);
  assert.equal(n.isFragment, false);
  assert.equal(n.optionsLength, 0);
  assert.equal(n.dscp, 46);
  assert.equal(n.ecn, 0);
  assert.equal(n.checksum, 0x1234);
  assert.deepEqual(ids(p), []);
});

test('IPv4 addresses: high octets and the cache returning the right string for each value', () => {
  for (let i = 0; i < 3000; i += 7) {
    const a = (0xff000000 + i * 65537) >>> 0;
    const h = a.toString(16).padStart(8, '0');
    const p = decodePacket(record(101, ipv4(tcp(), { src: h, dst: 'ffffffff' })));
    assert.equal(p.network!.src, `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`);
    assert.equal(p.network!.dst, '255.255.255.255');
  }
});

test('IPv4 options: header length includes them, TCP starts after them', () => {
  // Record route (7), len 7, pointer 4, one empty slot; then EOL padding.
  const p = decodePacket(record(101, ipv4(tcp('aabbcc'), { options: '07 07 04 00000000 00' })));
  assert.equal(p.network!.headerLength, 28);
  assert.equal(p.network!.optionsLength, 8);
  assert.equal(p.tcp!.offset, 28);
  assert.equal(p.tcp!.payloadLength, 3);
  assert.equal(p.tcp!.payloadOffset, 48);
});

test('Ethernet padding: payload length comes from the IP total length, not the frame', () => {
  // 14 + 20 + 20 + 1 = 55 bytes, padded to 60 with zeros (plus 4 bytes of FCS).
  const p = decodePacket(record(1, `${ETH_IPV4} ${ipv4(tcp('41'))} 00000000 00 deadbeef`));
  assert.equal(p.capturedLength, 64);
  assert.equal(p.network!.totalLength, 41);
  assert.equal(p.tcp!.payloadLength, 1);
  assert.equal(p.tcp!.payloadCaptured, 1);
  const bare = decodePacket(record(1, `${ETH_IPV4} ${ipv4(tcp())} 000000000000`));
  assert.equal(bare.tcp!.payloadLength, 0);
  assert.equal(bare.tcp!.payloadCaptured, 0);
});

test('snaplen cut: IP total length is the wire length, not flagged', () => {
  const full = `${ETH_IPV4} ${ipv4(tcp('00'.repeat(100)))}`;
  const d = record(1, full).data;
  const p = decodePacket(record(1, d.subarray(0, 64), { originalLength: d.length }));
  assert.equal(p.network!.totalLength, 140);
  assert.equal(p.tcp!.payloadLength, 100);
  assert.equal(p.tcp!.payloadCaptured, 10);
  assert.equal(p.tcp!.headerTruncated, false);
  assert.deepEqual(ids(p), []);
});

test('ip.length.exceeds_frame: total length beyond the bytes on the wire (error); TCP ends with the packet', () => {
  const p = decodePacket(record(1, `${ETH_IPV4} ${ipv4(tcp('0102'), { totalLength: 1500 })}`));
  assert.deepEqual(ids(p), ['ip.length.exceeds_frame']);
  assert.equal(p.diagnostics[0]!.severity, 'error');
  assert.deepEqual(p.diagnostics[0]!.span, { start: 16, end: 18 });
  assert.equal(p.network!.totalLength, 1500, 'what the header claims');
  // tshark (tcp-zeek-reassembly-torture frame 7): tcp.len = bytes on the wire − headers.
  assert.equal(p.tcp!.payloadLength, 2);
  assert.equal(p.tcp!.payloadCaptured, 2);
});

test('ip.length.invalid: total length below the header length (error), no TCP', () => {
  const p = decodePacket(record(101, ipv4(tcp(), { totalLength: 19 })));
  assert.deepEqual(ids(p), ['ip.length.invalid']);
  assert.equal(p.diagnostics[0]!.severity, 'error');
  assert.equal(p.network!.totalLength, 19);
  assert.equal(p.tcp, null);
  assert.equal(p.other, 'tcp');
});

test('ip.length.zero: total length 0 (TSO) uses the frame length', () => {
  const p = decodePacket(record(1, `${ETH_IPV4} ${ipv4(tcp('aabb'), { totalLength: 0 })}`));
  assert.deepEqual(ids(p), ['ip.length.zero']);
  assert.equal(p.diagnostics[0]!.severity, 'note');
  assert.equal(p.network!.totalLength, 42);
  assert.equal(p.tcp!.payloadLength, 2);
});

test('ip.header.invalid: bad version or IHL < 5 (error)', () => {
  const v5 = decodePacket(record(1, `${ETH_IPV4} 55000028 00000000 40060000 0a000001 0a000002 ${tcp()}`));
  assert.deepEqual(ids(v5), ['ip.header.invalid']);
  assert.equal(v5.diagnostics[0]!.severity, 'error');
  assert.equal(v5.network, null);
  const ihl4 = decodePacket(record(101, ipv4(tcp(), { ihl: 4 })));
  assert.deepEqual(ids(ihl4), ['ip.header.invalid']);
  assert.equal(ihl4.network, null);
  // Even a cut header shows a wrong version.
  assert.deepEqual(ids(decodePacket(record(228, '65', { originalLength: 40 }))), ['ip.header.invalid']);
});

test('ip.header.truncated: fixed header or options cut by the snaplen (note)', () => {
  const d = record(1, `${ETH_IPV4} ${ipv4(tcp())}`).data;
  const cut = decodePacket(record(1, d.subarray(0, 30), { originalLength: d.length }));
  assert.deepEqual(ids(cut), ['ip.header.truncated']);
  assert.equal(cut.diagnostics[0]!.severity, 'note');
  assert.equal(cut.network, null);

  const o = record(101, ipv4(tcp(), { options: '01010101 01010101' })).data;
  const opts = decodePacket(record(101, o.subarray(0, 24), { originalLength: o.length }));
  assert.deepEqual(ids(opts), ['ip.header.truncated', 'tcp.header.truncated']);
  assert.equal(opts.network!.src, '192.168.0.1');
  assert.equal(opts.network!.headerLength, 28);
  assert.equal(opts.tcp, null);
});

test('fragments: first fragment decodes TCP and is marked; later fragments carry no TCP', () => {
  const first = decodePacket(record(101, ipv4(tcp('0102030405060708'), { flagsFrag: '2000' })));
  assert.deepEqual(ids(first), ['ip.fragment']);
  assert.equal(first.diagnostics[0]!.severity, 'note');
  assert.equal(first.network!.isFragment, true);
  assert.equal(first.network!.moreFragments, true);
  assert.equal(first.network!.fragmentOffset, 0);
  assert.equal(first.tcp!.srcPort, 0xc000);
  assert.equal(first.tcp!.payloadLength, 8);

  const later = decodePacket(record(101, ipv4('0102030405060708', { flagsFrag: '0003' })));
  assert.deepEqual(ids(later), ['ip.fragment']);
  assert.equal(later.network!.isFragment, true);
  assert.equal(later.network!.moreFragments, false);
  assert.equal(later.network!.fragmentOffset, 24);
  assert.equal(later.tcp, null);
  assert.equal(later.other, 'ip-fragment');

  const df = decodePacket(record(101, ipv4(tcp(), { flagsFrag: '4000' })));
  assert.equal(df.network!.isFragment, false);
});

test('non-TCP protocols are named in `other`', () => {
  const cases: Array<[number, string]> = [
    [17, 'udp'],
    [1, 'icmp'],
    [58, 'icmpv6'],
    [47, 'gre'],
    [253, 'ip-proto-253'],
  ];
  for (const [proto, name] of cases) {
    const p = decodePacket(record(101, ipv4('0035 0035 0008 0000', { proto })));
    assert.equal(p.other, name);
    assert.equal(p.tcp, null);
    assert.equal(p.network!.protocol, proto);
  }
});
