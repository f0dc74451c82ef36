// Link-layer headers, per the tcpdump.org LINKTYPE registry (https://www.tcpdump.org/linktypes.html):
//   1   EN10MB     Ethernet II (IEEE 802.3 §3.1.1) with IEEE 802.1Q / 802.1ad VLAN tags (§9.6)
//   0   NULL       BSD loopback: 4-byte address family in the capturing host's byte order
//   108 LOOP       OpenBSD loopback: the same family field, in network byte order
//   101 RAW, 12, 14 raw IP: the version nibble says IPv4 or IPv6
//   228 IPV4, 229 IPV6 raw IP of one version
//   113 LINUX_SLL  Linux cooked v1: 16-byte header, protocol at offset 14
//   276 LINUX_SLL2 Linux cooked v2: 20-byte header, protocol at offset 0
// The result says where the network header starts and which EtherType it carries; decode-packet
// picks the IP decoder from that.

import { diagnostic } from '../diagnostics/diagnostic.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { LinkLayer } from './types.ts';
import { formatHardwareAddress, formatMac } from './address-text.ts';
import { u16, u32, u32le } from './read-bytes.ts';

export const LinkType = {
  NULL: 0,
  EN10MB: 1,
  RAW_OPENBSD: 12,
  RAW_BSDOS: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export const EtherType = {
  IPV4: 0x0800,
  ARP: 0x0806,
  VLAN: 0x8100,
  IPV6: 0x86dd,
  QINQ: 0x88a8,
  /** Pre-standard 802.1ad tag still emitted by some switches. */
  QINQ_OLD: 0x9100,
} as const;

/** Address families of the NULL/LOOP header: AF_INET is 2 everywhere, AF_INET6 differs by OS. */
const AF_INET = 2;
const AF_INET6_LINUX = 10;
const AF_INET6_NETBSD_OPENBSD = 24;
const AF_INET6_FREEBSD = 28;
const AF_INET6_DARWIN = 30;

/** Below this, the Ethernet type/length field is an 802.3 length, not an EtherType. */
const ETHERTYPE_MIN = 0x0600;

export function decodeLinkLayer(
  data: Uint8Array,
  linkType: number,
  frame: number,
  diagnostics: Diagnostic[],
): LinkLayer {
  const length = data.length;
  switch (linkType) {
    case LinkType.EN10MB: {
      if (length < 14)
        return truncated({ type: linkType, headerLength: 14, etherType: -1 }, length, frame, diagnostics);
      const type = u16(data, 12);
      // One literal with every field: a stable object shape for the common case.
      const link: LinkLayer = {
        type: linkType,
        headerLength: 14,
        etherType: -1,
        src: formatMac(data, 6),
        dst: formatMac(data, 0),
      };
      // 802.3 frames (length field) carry LLC, not an EtherType: leave etherType -1.
      if (type >= ETHERTYPE_MIN) {
        link.etherType = type;
        if (isVlanTag(type)) readVlanTags(data, length, link, frame, diagnostics);
      }
      return link;
    }
    case LinkType.NULL:
    case LinkType.LOOP: {
      const link: LinkLayer = { type: linkType, headerLength: 4, etherType: -1 };
      if (length < 4) return truncated(link, length, frame, diagnostics);
      let family: number;
      if (linkType === LinkType.LOOP) {
        family = u32(data, 0);
      } else {
        // NULL is in the writer's byte order, which the file does not record. Families are
        // small numbers, so the order that leaves the upper 16 bits zero is the right one.
        family = u32le(data, 0);
        if (family > 0xffff) family = u32(data, 0);
      }
      link.family = family;
      link.etherType = familyEtherType(family);
      return link;
    }
    case LinkType.RAW:
    case LinkType.RAW_OPENBSD:
    case LinkType.RAW_BSDOS: {
      const link: LinkLayer = { type: linkType, headerLength: 0, etherType: -1 };
      if (length < 1) return truncated(link, length, frame, diagnostics);
      const version = data[0]! >> 4;
      if (version === 4) link.etherType = EtherType.IPV4;
      else if (version === 6) link.etherType = EtherType.IPV6;
      return link;
    }
    case LinkType.IPV4:
      return { type: linkType, headerLength: 0, etherType: EtherType.IPV4 };
    case LinkType.IPV6:
      return { type: linkType, headerLength: 0, etherType: EtherType.IPV6 };
    case LinkType.LINUX_SLL: {
      const link: LinkLayer = { type: linkType, headerLength: 16, etherType: -1 };
      if (length < 16) return truncated(link, length, frame, diagnostics);
      link.packetType = u16(data, 0);
      const addressLength = u16(data, 4);
      if (addressLength > 0) link.src = addressText(data, 6, addressLength);
      setCookedProtocol(data, length, link, u16(data, 14), frame, diagnostics);
      return link;
    }
    case LinkType.LINUX_SLL2: {
      const link: LinkLayer = { type: linkType, headerLength: 20, etherType: -1 };
      if (length < 20) return truncated(link, length, frame, diagnostics);
      link.ifIndex = u32(data, 4);
      link.packetType = data[10]!;
      const addressLength = data[11]!;
      if (addressLength > 0) link.src = addressText(data, 12, addressLength);
      setCookedProtocol(data, length, link, u16(data, 0), frame, diagnostics);
      return link;
    }
    default:
      diagnostics.push(
        diagnostic('decode.link.unsupported', 'note', frame, `link type ${linkType} is not decoded`),
      );
      return { type: linkType, headerLength: 0, etherType: -1 };
  }
}

function truncated(link: LinkLayer, length: number, frame: number, diagnostics: Diagnostic[]): LinkLayer {
  diagnostics.push(
    diagnostic(
      'decode.link.truncated',
      'note',
      frame,
      `link header needs ${link.headerLength} bytes, only ${length} captured`,
      { start: 0, end: length },
    ),
  );
  link.etherType = -1;
  return link;
}

function familyEtherType(family: number): number {
  if (family === AF_INET) return EtherType.IPV4;
  if (
    family === AF_INET6_LINUX ||
    family === AF_INET6_NETBSD_OPENBSD ||
    family === AF_INET6_FREEBSD ||
    family === AF_INET6_DARWIN
  ) {
    return EtherType.IPV6;
  }
  return -1;
}

function isVlanTag(type: number): boolean {
  return type === EtherType.VLAN || type === EtherType.QINQ || type === EtherType.QINQ_OLD;
}

/** SLL address field is 8 bytes; the length says how many are used (more is a bogus value). */
function addressText(data: Uint8Array, offset: number, addressLength: number): string {
  return addressLength === 6
    ? formatMac(data, offset)
    : formatHardwareAddress(data, offset, Math.min(addressLength, 8));
}

/** SLL protocol: an EtherType, or (below 0x0600) an ARPHRD-specific code that is not IP. */
function setCookedProtocol(
  data: Uint8Array,
  length: number,
  link: LinkLayer,
  protocol: number,
  frame: number,
  diagnostics: Diagnostic[],
): void {
  if (protocol < ETHERTYPE_MIN) return;
  link.etherType = protocol;
  if (isVlanTag(protocol)) readVlanTags(data, length, link, frame, diagnostics);
}

/**
 * Walks 4-byte VLAN tags (TPID already read as link.etherType; TCI then the next type) and leaves
 * link.etherType at the payload's type. Ids are the low 12 bits of each TCI, outermost first.
 */
function readVlanTags(
  data: Uint8Array,
  length: number,
  link: LinkLayer,
  frame: number,
  diagnostics: Diagnostic[],
): void {
  const vlans: number[] = [];
  link.vlans = vlans;
  let offset = link.headerLength;
  while (isVlanTag(link.etherType)) {
    if (offset + 4 > length) {
      link.headerLength = offset + 4;
      truncated(link, length, frame, diagnostics);
      return;
    }
    vlans.push(u16(data, offset) & 0x0fff);
    const type = u16(data, offset + 2);
    offset += 4;
    link.headerLength = offset;
    link.etherType = type >= ETHERTYPE_MIN ? type : -1;
  }
}
