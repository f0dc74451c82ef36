import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket } from '../../core/decode/index.ts';
import { ETH_IPV6, bytes, ipv6, record, tcp } from './packet-hex.ts';

const ids = (p: ReturnType<typeof decodePacket>) => p.diagnostics.map((d) => d.id);

test('IPv6 fixed header fields', () => {
  const p = decodePacket(
    record(
      1,
      `${ETH_IPV6} 6b812345 0016 06 3f ${'fe80'.padEnd(32, '0')} ${'ff02'.padEnd(31, '0')}1 ${tcp('6869')}`,
    ),
  );
  const n = p.network!;
  assert.equal(n.version, 6);
  assert.equal(n.src, 'fe80::');
  assert.equal(n.dst, 'ff02::1');
  assert.equal(n.offset, 14);
  assert.equal(n.headerLength, 40);
  assert.equal(n.totalLength, 62);
  assert.equal(n.protocol, 6);
  assert.equal(n.ttl, 63);
  assert.equal(n.dscp, 46);
  assert.equal(n.ecn, 0);
  assert.equal(n.flowLabel, 0x12345);
  assert.equal(n.isFragment, false);
  assert.equal(n.extensionHeaders, undefined);
  assert.equal(p.tcp!.payloadLength, 2);
  assert.deepEqual(ids(p), []);
});

// Expected strings are what tshark 4.0.17 printed in ipv6.src for these addresses (checked on a
// generated LINKTYPE_IPV6 capture): RFC 5952, embedded IPv4 dotted only for ::ffff:0:0/96 and ::/96.
const ADDRESSES: Array<[string, string]> = [
  ['00000000000000000000ffff01020304', '::ffff:1.2.3.4'],
  ['00000000000000000000000001020304', '::1.2.3.4'],
  ['00000000000000000000000000000001', '::1'],
  ['00000000000000000000000000000000', '::'],
  ['00010000000000000000000000000000', '1::'],
  ['00010000000000020000000000000003', '1:0:0:2::3'],
  ['00010000000000020000000000030004', '1::2:0:0:3:4'],
  ['20010db8000000010001000100010001', '2001:db8:0:1:1:1:1:1'],
  ['0000000000000000ffff000001020304', '::ffff:0:102:304'],
  ['0064ff9b000000000000000001020304', '64:ff9b::102:304'],
  ['00000002000300040005000600070000', '0:2:3:4:5:6:7:0'],
  ['00000000000200030004000500060007', '::2:3:4:5:6:7'],
  ['fe800000000000000001000000000000', 'fe80::1:0:0:0'],
  ['00000000000000000000ffff00000000', '::ffff:0.0.0.0'],
  ['00000000000000000000000100000000', '::1:0:0'],
  ['ABCD00000000EF000000000000000000', 'abcd:0:0:ef00::'],
];

test('IPv6 address text per RFC 5952, as tshark prints it', () => {
  for (let round = 0; round < 2; round++) {
    // Round 2 runs with the address cache warm (and evicting: more addresses than ring slots).
    for (const [hexAddr, text] of ADDRESSES) {
      const p = decodePacket(record(229, `60000000 0000 3b 40 ${hexAddr} ${ADDRESSES[0]![0]}`));
      assert.equal(p.network!.src, text, hexAddr);
      assert.equal(p.network!.dst, '::ffff:1.2.3.4');
    }
  }
});

test('hop-by-hop, routing, destination options, then TCP', () => {
  const hbh = '2b 00 0104 00000000'; // next routing, 8 bytes, PadN
  const rt = '3c 02 00 00 00000000 ' + '20010db8000000000000000000000002'; // next dest opts, 24 bytes
  const dst = '06 00 0104 00000000'; // next TCP
  const p = decodePacket(record(229, ipv6(`${hbh} ${rt} ${dst} ${tcp('41')}`, { next: 0 })));
  assert.deepEqual(p.network!.extensionHeaders, [0, 43, 60]);
  assert.equal(p.network!.headerLength, 80);
  assert.equal(p.network!.protocol, 6);
  assert.equal(p.tcp!.offset, 80);
  assert.equal(p.tcp!.payloadLength, 1);
  assert.deepEqual(ids(p), []);
});

test('AH: length in 4-byte units minus 2', () => {
  // AH with 12 bytes of ICV: payload len = (12 + 12) / 4 - 2 = 4.
  const ah = `06 04 0000 00000100 00000001 ${'00'.repeat(12)}`;
  const p = decodePacket(record(229, ipv6(`${ah} ${tcp()}`, { next: 51 })));
  assert.deepEqual(p.network!.extensionHeaders, [51]);
  assert.equal(p.network!.headerLength, 64);
  assert.equal(p.tcp!.srcPort, 0xc000);
});

test('fragment header: first fragment decodes TCP, later ones do not', () => {
  const first = decodePacket(record(229, ipv6(`06 00 0001 deadbeef ${tcp('0102')}`, { next: 44 })));
  assert.deepEqual(first.network!.extensionHeaders, [44]);
  assert.equal(first.network!.isFragment, true);
  assert.equal(first.network!.moreFragments, true);
  assert.equal(first.network!.fragmentOffset, 0);
  assert.equal(first.network!.id, 0xdeadbeef);
  assert.equal(first.tcp!.payloadLength, 2);
  assert.deepEqual(ids(first), ['ip.fragment']);

  const later = decodePacket(record(229, ipv6(`06 00 0b90 deadbeef 0102030405060708`, { next: 44 })));
  assert.equal(later.network!.fragmentOffset, 2960);
  assert.equal(later.network!.moreFragments, false);
  assert.equal(later.network!.isFragment, true);
  assert.equal(later.tcp, null);
  assert.equal(later.other, 'ip-fragment');
  assert.deepEqual(ids(later), ['ip.fragment']);

  // An "atomic" fragment header (offset 0, M=0) is not a fragment.
  const atomic = decodePacket(record(229, ipv6(`06 00 0000 00000001 ${tcp()}`, { next: 44 })));
  assert.equal(atomic.network!.isFragment, false);
  assert.deepEqual(ids(atomic), []);
});

test('no next header (59) and ICMPv6 / UDP in `other`', () => {
  const none = decodePacket(record(229, ipv6('', { next: 59 })));
  assert.equal(none.other, 'ipv6-nonxt');
  assert.deepEqual(ids(none), []);
  const afterExt = decodePacket(record(229, ipv6('3b 00 0104 00000000', { next: 60 })));
  assert.equal(afterExt.network!.protocol, 59);
  assert.equal(afterExt.other, 'ipv6-nonxt');
  assert.equal(decodePacket(record(229, ipv6('8000 0000 0001 0001', { next: 58 }))).other, 'icmpv6');
  assert.equal(decodePacket(record(229, ipv6('0035 0035 0008 0000', { next: 17 }))).other, 'udp');
});

test('jumbogram: payload length 0 with a hop-by-hop jumbo option', () => {
  const hbh = '06 00 c2 04 00000024'; // jumbo payload length 36 = 8 (hbh) + 28 (tcp + 8 bytes)
  const p = decodePacket(
    record(229, ipv6(`${hbh} ${tcp('0001020304050607')}`, { next: 0, payloadLength: 0 })),
  );
  assert.equal(p.network!.totalLength, 76);
  assert.equal(p.tcp!.payloadLength, 8);
  assert.deepEqual(ids(p), []);
});

test('jumbogram longer than the frame: ip.length.exceeds_frame', () => {
  const hbh = '06 00 c2 04 00010000';
  const p = decodePacket(record(229, ipv6(`${hbh} ${tcp()}`, { next: 0, payloadLength: 0 })));
  assert.deepEqual(ids(p), ['ip.length.exceeds_frame']);
  assert.equal(p.network!.totalLength, 40 + 0x10000);
  assert.equal(p.tcp!.payloadLength, 0);
});

test('ip.length.zero: payload length 0 without a jumbo option uses the frame length', () => {
  const p = decodePacket(record(229, ipv6(tcp('aabbcc'), { payloadLength: 0 })));
  assert.deepEqual(ids(p), ['ip.length.zero']);
  assert.equal(p.tcp!.payloadLength, 3);
});

test('ip.length.exceeds_frame and ip.header.invalid / truncated for IPv6', () => {
  const long = decodePacket(record(229, ipv6(tcp(), { payloadLength: 100 })));
  assert.deepEqual(ids(long), ['ip.length.exceeds_frame']);
  assert.equal(long.network!.totalLength, 140);
  assert.equal(long.tcp!.payloadLength, 0);

  const v4 = decodePacket(record(1, `${ETH_IPV6} 45000028 ${'00'.repeat(36)}`));
  assert.deepEqual(ids(v4), ['ip.header.invalid']);
  assert.equal(v4.network, null);

  const d = bytes(ipv6(tcp()));
  const cut = decodePacket(record(229, d.subarray(0, 30), { originalLength: d.length }));
  assert.deepEqual(ids(cut), ['ip.header.truncated']);
  assert.equal(cut.network, null);
});

test('ip.extension.invalid: extension header runs past the payload length (error)', () => {
  // Destination options claiming 16 bytes inside an 8-byte payload.
  const p = decodePacket(record(229, ipv6('06 01 0104 00000000', { next: 60 })));
  assert.deepEqual(ids(p), ['ip.extension.invalid']);
  assert.equal(p.diagnostics[0]!.severity, 'error');
  assert.equal(p.network!.protocol, 60);
  assert.equal(p.tcp, null);
});

test('ip.extension.truncated: extension header cut by the snaplen (note)', () => {
  const d = bytes(ipv6(`06 00 0104 00000000 ${tcp()}`, { next: 0 }));
  const p = decodePacket(record(229, d.subarray(0, 41), { originalLength: d.length }));
  assert.deepEqual(ids(p), ['ip.extension.truncated']);
  assert.equal(p.diagnostics[0]!.severity, 'note');
  assert.equal(p.tcp, null);
  const f = bytes(ipv6(`06 00 0001 deadbeef ${tcp()}`, { next: 44 }));
  const pf = decodePacket(record(229, f.subarray(0, 44), { originalLength: f.length }));
  assert.deepEqual(ids(pf), ['ip.extension.truncated']);
});

test('all extension headers chained: hop-by-hop, routing, destination, fragment, AH, then TCP', () => {
  const chain =
    '2b 00 0104 00000000 3c 00 0104 00000000 2c 00 0104 00000000 33 00 0000 00000001 06 01 0000 00000001 00000002';
  const p = decodePacket(
    record(1, `020000000001 020000000002 8100 0064 86dd ${ipv6(`${chain} ${tcp('41')}`, { next: 0 })}`),
  );
  assert.deepEqual(p.network!.extensionHeaders, [0, 43, 60, 44, 51]);
  assert.equal(p.network!.headerLength, 40 + 8 + 8 + 8 + 8 + 12);
  assert.equal(p.network!.isFragment, false);
  assert.equal(p.tcp!.offset, 18 + 84);
  assert.equal(p.tcp!.payloadLength, 1);
  assert.deepEqual(ids(p), []);
});
