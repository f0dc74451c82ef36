// Link-layer fields with their spans (the tcpdump.org LINKTYPE registry): Ethernet II + 802.1Q
// tags, BSD NULL/LOOP, Linux cooked SLL (16 bytes) and SLL2 (20 bytes). Values come from core/decode
// (decodeLinkLayer); only the positions of the fields are worked out here.

import type { LinkLayer } from '../decode/types.ts';
import { LinkType } from '../decode/link-layer.ts';
import { u16, u32 } from '../decode/read-bytes.ts';
import { Fields, add } from './field-builder.ts';
import { hex, hexBytes } from './text.ts';
import type { FieldNode } from './types.ts';

const ETHER_NAMES: Record<number, string> = {
  0x0800: 'IPv4',
  0x86dd: 'IPv6',
  0x0806: 'ARP',
  0x8100: '802.1Q',
  0x88a8: '802.1ad',
};

function etherTypeText(type: number): string {
  const name = ETHER_NAMES[type];
  return name ? `${name} (${hex(type, 4)})` : hex(type, 4);
}

const PACKET_TYPES = ['Unicast to us', 'Broadcast', 'Multicast', 'Unicast to another host', 'Sent by us'];

export function linkFields(link: LinkLayer, data: Uint8Array, f: Fields): FieldNode {
  const n = data.length;
  switch (link.type) {
    case LinkType.EN10MB: {
      const node = f.layer(
        'eth',
        `Ethernet II, Src: ${link.src ?? '?'}, Dst: ${link.dst ?? '?'}`,
        0,
        link.headerLength,
      );
      add(
        node,
        f.field('eth.dst', `Destination: ${link.dst ?? ''}`, 0, 6, link.dst),
        f.field('eth.src', `Source: ${link.src ?? ''}`, 6, 12, link.src),
      );
      if (n >= 14) {
        const type = u16(data, 12);
        add(
          node,
          f.field(
            'eth.type',
            type < 0x0600 ? `Length: ${type}` : `Type: ${etherTypeText(type)}`,
            12,
            14,
            type,
          ),
        );
      }
      let at = 14;
      (link.vlans ?? []).forEach((id, i) => {
        if (at + 4 > n) return;
        const tci = u16(data, at);
        const next = u16(data, at + 2);
        const tag = f.layer(`vlan#${i}`, `802.1Q Virtual LAN, ID: ${id}`, at, at + 4);
        add(
          tag,
          f.field(`vlan#${i}.priority`, `Priority: ${tci >> 13}`, at, at + 1, tci >> 13),
          f.field(`vlan#${i}.dei`, `DEI: ${(tci >> 12) & 1}`, at, at + 1, (tci >> 12) & 1),
          f.field(`vlan#${i}.id`, `ID: ${id}`, at, at + 2, id),
          f.field(`vlan#${i}.etype`, `Type: ${etherTypeText(next)}`, at + 2, at + 4, next),
        );
        add(node, tag);
        at += 4;
      });
      return node;
    }
    case LinkType.NULL:
    case LinkType.LOOP: {
      const node = f.layer(
        'null',
        `${link.type === LinkType.LOOP ? 'OpenBSD loopback' : 'Null/Loopback'}`,
        0,
        4,
      );
      add(node, f.field('null.family', `Family: ${link.family ?? '?'}`, 0, 4, link.family));
      return node;
    }
    case LinkType.LINUX_SLL: {
      const node = f.layer('sll', 'Linux cooked capture v1', 0, 16);
      if (n < 16) return node;
      const halen = u16(data, 4);
      add(
        node,
        f.field('sll.pkttype', `Packet type: ${packetTypeText(u16(data, 0))}`, 0, 2, u16(data, 0)),
        f.field('sll.hatype', `Link-layer address type: ${u16(data, 2)}`, 2, 4, u16(data, 2)),
        f.field('sll.halen', `Link-layer address length: ${halen}`, 4, 6, halen),
        f.field(
          'sll.src',
          `Source: ${link.src ?? hexBytes(data, 6, 6 + Math.min(halen, 8))}`,
          6,
          14,
          link.src,
        ),
        f.field('sll.etype', `Protocol: ${etherTypeText(u16(data, 14))}`, 14, 16, u16(data, 14)),
      );
      return node;
    }
    case LinkType.LINUX_SLL2: {
      const node = f.layer('sll2', 'Linux cooked capture v2', 0, 20);
      if (n < 20) return node;
      add(
        node,
        f.field('sll2.etype', `Protocol: ${etherTypeText(u16(data, 0))}`, 0, 2, u16(data, 0)),
        f.field('sll2.reserved', `Reserved: ${hex(u16(data, 2), 4)}`, 2, 4, u16(data, 2)),
        f.field('sll2.ifindex', `Interface index: ${u32(data, 4)}`, 4, 8, u32(data, 4)),
        f.field('sll2.hatype', `Link-layer address type: ${u16(data, 8)}`, 8, 10, u16(data, 8)),
        f.field('sll2.pkttype', `Packet type: ${packetTypeText(data[10]!)}`, 10, 11, data[10]!),
        f.field('sll2.halen', `Link-layer address length: ${data[11]!}`, 11, 12, data[11]!),
        f.field('sll2.src', `Source: ${link.src ?? ''}`, 12, 20, link.src),
      );
      return node;
    }
    case LinkType.RAW:
    case LinkType.RAW_BSDOS:
    case LinkType.RAW_OPENBSD:
    case LinkType.IPV4:
    case LinkType.IPV6:
      // Raw IP: no link header bytes, but the reader should see which encapsulation it was.
      return f.layer('raw', `Raw IP (link type ${link.type}): no link-layer header`, 0, 0, link.type);
    default:
      return f.layer('link', `Link type ${link.type} (not decoded)`, 0, 0);
  }
}

function packetTypeText(t: number): string {
  return PACKET_TYPES[t] !== undefined ? `${PACKET_TYPES[t]} (${t})` : String(t);
}
