import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket } from '../../core/decode/index.ts';
import { ETH_IPV4, bytes, ipv4, ipv6, record, tcp } from './packet-hex.ts';

const IP4 = ipv4(tcp('6869'));
const IP6 = ipv6(tcp('6869'));

function ids(p: ReturnType<typeof decodePacket>): string[] {
  return p.diagnostics.map((d) => d.id);
}

test('EN10MB: MACs, EtherType, IPv4/TCP behind it', () => {
  const p = decodePacket(record(1, `${ETH_IPV4} ${IP4}`, { embed: true }));
  assert.equal(p.link.type, 1);
  assert.equal(p.link.headerLength, 14);
  assert.equal(p.link.etherType, 0x0800);
  assert.equal(p.link.dst, '02:00:00:00:00:01');
  assert.equal(p.link.src, '02:00:00:00:00:02');
  assert.equal(p.link.vlans, undefined);
  assert.equal(p.network?.offset, 14);
  assert.equal(p.network?.src, '192.168.0.1');
  assert.equal(p.tcp?.srcPort, 0xc000);
  assert.deepEqual(ids(p), []);
});

test('EN10MB: 802.1Q tag, and 802.1ad + 802.1Q (QinQ) outermost first', () => {
  const one = decodePacket(record(1, `020000000001 020000000002 8100 2064 0800 ${IP4}`));
  assert.deepEqual(one.link.vlans, [100]);
  assert.equal(one.link.headerLength, 18);
  assert.equal(one.link.etherType, 0x0800);
  assert.equal(one.network?.offset, 18);
  assert.equal(one.tcp?.dstPort, 80);

  const two = decodePacket(record(1, `020000000001 020000000002 88a8 000a 8100 0fff 86dd ${IP6}`));
  assert.deepEqual(two.link.vlans, [10, 4095]);
  assert.equal(two.link.headerLength, 22);
  assert.equal(two.network?.version, 6);
  assert.equal(two.tcp?.payloadLength, 2);
});

test('EN10MB: VLAN tag cut by the snaplen is truncation', () => {
  const p = decodePacket(record(1, '020000000001 020000000002 8100 20', { originalLength: 60 }));
  assert.deepEqual(ids(p), ['decode.link.truncated']);
  assert.equal(p.diagnostics[0]!.severity, 'note');
  assert.equal(p.network, null);
});

test('EN10MB: ARP and other EtherTypes go to `other`; 802.3 length frames are llc', () => {
  const arp = decodePacket(record(1, 'ffffffffffff 020000000002 0806 0001 0800 0604 0001'));
  assert.equal(arp.other, 'arp');
  assert.equal(arp.network, null);
  assert.equal(arp.tcp, null);
  const lldp = decodePacket(record(1, '0180c200000e 020000000002 88cc 0000'));
  assert.equal(lldp.other, 'lldp');
  const odd = decodePacket(record(1, '0180c200000e 020000000002 1234 0000'));
  assert.equal(odd.other, 'ethertype-0x1234');
  const llc = decodePacket(record(1, '0180c2000000 020000000002 0026 4242 03'));
  assert.equal(llc.link.etherType, -1);
  assert.equal(llc.other, 'llc');
});

test('EN10MB: frame shorter than 14 bytes (bad-zeek-snaplen1-record) is truncated, not malformed', () => {
  const p = decodePacket(record(1, '0000 0000 0000 0000', { originalLength: 78 }));
  assert.deepEqual(ids(p), ['decode.link.truncated']);
  assert.deepEqual(p.diagnostics[0]!.span, { start: 0, end: 8 });
  assert.equal(p.network, null);
  assert.equal(p.other, undefined);
});

test('NULL: AF_INET and every AF_INET6 value, in either host byte order', () => {
  const le4 = decodePacket(record(0, `02000000 ${IP4}`));
  assert.equal(le4.link.family, 2);
  assert.equal(le4.link.headerLength, 4);
  assert.equal(le4.network?.version, 4);
  assert.equal(le4.tcp?.payloadLength, 2);
  const be4 = decodePacket(record(0, `00000002 ${IP4}`));
  assert.equal(be4.link.family, 2);
  assert.equal(be4.network?.version, 4);
  for (const af of [10, 24, 28, 30]) {
    const le = decodePacket(record(0, `${af.toString(16).padStart(2, '0')}000000 ${IP6}`));
    assert.equal(le.link.family, af, `LE ${af}`);
    assert.equal(le.network?.version, 6, `LE ${af}`);
    const be = decodePacket(record(0, `000000${af.toString(16).padStart(2, '0')} ${IP6}`));
    assert.equal(be.link.family, af, `BE ${af}`);
    assert.equal(be.tcp?.dstPort, 80, `BE ${af}`);
  }
});

test('NULL: unknown family is not IP; short header is truncation', () => {
  const p = decodePacket(record(0, '07000000 0102'));
  assert.equal(p.link.family, 7);
  assert.equal(p.network, null);
  assert.equal(p.other, 'af-7');
  const short = decodePacket(record(0, '0200', { originalLength: 40 }));
  assert.deepEqual(ids(short), ['decode.link.truncated']);
});

test('LOOP: family in network byte order only', () => {
  const v4 = decodePacket(record(108, `00000002 ${IP4}`));
  assert.equal(v4.network?.version, 4);
  const v6 = decodePacket(record(108, `00000018 ${IP6}`));
  assert.equal(v6.link.family, 24);
  assert.equal(v6.network?.version, 6);
  // Little-endian 2 read in network order is 0x02000000: not a family we know.
  const le = decodePacket(record(108, `02000000 ${IP4}`));
  assert.equal(le.network, null);
});

test('RAW (101, 12, 14): the version nibble picks IPv4 or IPv6', () => {
  for (const lt of [101, 12, 14]) {
    const v4 = decodePacket(record(lt, IP4));
    assert.equal(v4.link.headerLength, 0);
    assert.equal(v4.link.etherType, 0x0800);
    assert.equal(v4.network?.offset, 0);
    assert.equal(v4.tcp?.payloadLength, 2);
    const v6 = decodePacket(record(lt, IP6));
    assert.equal(v6.link.etherType, 0x86dd);
    assert.equal(v6.network?.src, '2001:db8::1');
  }
  const junk = decodePacket(record(101, '50 00'));
  assert.equal(junk.network, null);
  assert.equal(junk.link.etherType, -1);
});

test('IPV4 (228) and IPV6 (229) link types', () => {
  assert.equal(decodePacket(record(228, IP4)).network?.version, 4);
  assert.equal(decodePacket(record(229, IP6)).network?.version, 6);
  // IPV4 link type whose packet is not IPv4 is an invalid IP header.
  const wrong = decodePacket(record(228, IP6));
  assert.deepEqual(ids(wrong), ['ip.header.invalid']);
});

test('LINUX_SLL: packet type, source address, protocol', () => {
  const p = decodePacket(record(113, `0004 0304 0006 0a0b0c0d0e0f0000 0800 ${IP4}`));
  assert.equal(p.link.headerLength, 16);
  assert.equal(p.link.packetType, 4);
  assert.equal(p.link.src, '0a:0b:0c:0d:0e:0f');
  assert.equal(p.link.etherType, 0x0800);
  assert.equal(p.network?.offset, 16);
  assert.equal(p.tcp?.payloadLength, 2);
  const v6 = decodePacket(record(113, `0000 0304 0000 0000000000000000 86dd ${IP6}`));
  assert.equal(v6.link.src, undefined);
  assert.equal(v6.tcp?.dstPort, 80);
  // Protocol below 0x0600 is an ARPHRD-specific code (e.g. 0x0004 802.2 LLC): not IP.
  const llc = decodePacket(record(113, '0000 0304 0006 0a0b0c0d0e0f0000 0004 4242'));
  assert.equal(llc.network, null);
  assert.deepEqual(ids(decodePacket(record(113, '0000 0304 0006', { originalLength: 60 }))), [
    'decode.link.truncated',
  ]);
});

test('LINUX_SLL: VLAN tag after the cooked header', () => {
  const p = decodePacket(record(113, `0000 0001 0006 0a0b0c0d0e0f0000 8100 0005 0800 ${IP4}`));
  assert.deepEqual(p.link.vlans, [5]);
  assert.equal(p.network?.offset, 20);
});

test('LINUX_SLL2: protocol, interface index, packet type, address', () => {
  const p = decodePacket(record(276, `86dd 0000 00000003 0001 00 06 020000000009 0000 ${IP6}`));
  assert.equal(p.link.headerLength, 20);
  assert.equal(p.link.etherType, 0x86dd);
  assert.equal(p.link.ifIndex, 3);
  assert.equal(p.link.packetType, 0);
  assert.equal(p.link.src, '02:00:00:00:00:09');
  assert.equal(p.network?.offset, 20);
  assert.equal(p.tcp?.payloadLength, 2);
  const odd = decodePacket(record(276, `0800 0000 00000001 0001 04 02 abcd000000000000 ${IP4}`));
  assert.equal(odd.link.src, 'ab:cd');
  assert.equal(odd.link.packetType, 4);
  assert.equal(odd.network?.version, 4);
  assert.deepEqual(ids(decodePacket(record(276, '0800 0000 00000001', { originalLength: 60 }))), [
    'decode.link.truncated',
  ]);
});

test('unknown link type: decode.link.unsupported (note), network null', () => {
  const p = decodePacket(record(147, bytes(IP4.replace(/[\s|]/g, ''))));
  assert.deepEqual(ids(p), ['decode.link.unsupported']);
  assert.equal(p.diagnostics[0]!.severity, 'note');
  assert.equal(p.diagnostics[0]!.frame, 1);
  assert.equal(p.network, null);
  assert.equal(p.tcp, null);
});
