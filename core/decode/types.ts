// The contract of core/decode: one captured record in, one DecodedPacket out.
// Offsets are into the record's captured bytes (CaptureRecord.data), so the hex view can highlight
// each header and a diagnostic can point at it.

import type { Diagnostic } from '../diagnostics/diagnostic.ts';

export interface LinkLayer {
  /** LINKTYPE_* of the record. */
  type: number;
  /** Bytes of link header before the network header (0 for raw IP). */
  headerLength: number;
  /** EtherType (or equivalent) of the payload, after VLAN tags; -1 if unknown/absent. */
  etherType: number;
  /** Ethernet/SLL source and destination hardware addresses as "aa:bb:..", when the link has them. */
  src?: string;
  dst?: string;
  /** 802.1Q VLAN ids seen (outermost first). */
  vlans?: number[];
  /** SLL/SLL2 packet type (0 host, 4 outgoing, ...), NULL/LOOP address family. */
  packetType?: number;
  family?: number;
  /** SLL2 interface index. */
  ifIndex?: number;
}

export interface NetworkLayer {
  version: 4 | 6;
  /** Printable addresses: "127.0.0.1", "::1" (RFC 5952 compressed form). */
  src: string;
  dst: string;
  /** Offset of the IP header in the record. */
  offset: number;
  /** IPv4 IHL*4; IPv6 40 + extension headers before the upper layer. */
  headerLength: number;
  /** IPv4 total length / IPv6 40 + payload length: what the header claims. */
  totalLength: number;
  /** Upper-layer protocol number (6 = TCP) after IPv6 extension headers. */
  protocol: number;
  ttl: number;
  /** IPv4 identification, DF/MF flags and fragment offset; IPv6 fragment header. */
  id?: number;
  dontFragment?: boolean;
  moreFragments?: boolean;
  fragmentOffset?: number;
  /** True when this packet is a fragment (non-first fragments carry no TCP header). */
  isFragment: boolean;
  /** IPv4 options bytes length; IPv6 extension header types seen in order. */
  optionsLength?: number;
  extensionHeaders?: number[];
  dscp?: number;
  ecn?: number;
  flowLabel?: number;
  checksum?: number;
}

/** TCP flag bits, as in the header's low 12 bits (tshark's tcp.flags). */
export const TcpFlag = {
  FIN: 0x001,
  SYN: 0x002,
  RST: 0x004,
  PSH: 0x008,
  ACK: 0x010,
  URG: 0x020,
  ECE: 0x040,
  CWR: 0x080,
  AE: 0x100, // formerly NS (RFC 3540), now Accurate ECN
} as const;

export interface TcpOptions {
  mss?: number;
  windowScale?: number;
  sackPermitted?: boolean;
  /** SACK blocks as [left, right) raw sequence numbers. */
  sack?: Array<[number, number]>;
  tsVal?: number;
  tsEcr?: number;
  /** TCP Fast Open cookie (kind 34), hex. */
  fastOpenCookie?: string;
  /** Option kinds in the order they appear (incl. NOP=1, EOL=0). */
  kinds: number[];
}

export interface TcpHeader {
  /** Offset of the TCP header in the record. */
  offset: number;
  srcPort: number;
  dstPort: number;
  /** Raw 32-bit sequence and acknowledgement numbers (unsigned). */
  seq: number;
  ack: number;
  /** Data offset * 4. */
  headerLength: number;
  /** Low 12 bits of bytes 12-13: see TcpFlag. */
  flags: number;
  /** Raw (unscaled) window field. */
  window: number;
  checksum: number;
  urgentPointer: number;
  options: TcpOptions;
  /** TCP payload length per the IP header (what was on the wire). */
  payloadLength: number;
  /** Offset of the payload in the record. */
  payloadOffset: number;
  /** Payload bytes actually captured (< payloadLength when snaplen cut the packet). */
  payloadCaptured: number;
  /** True when the TCP header itself (incl. options) was cut by the snaplen. */
  headerTruncated: boolean;
}

export interface DecodedPacket {
  frame: number;
  tsSec: number;
  tsNsec: number;
  capturedLength: number;
  originalLength: number;
  link: LinkLayer;
  /** Null when the link payload is not IPv4/IPv6 or is too short. */
  network: NetworkLayer | null;
  /** Null when not TCP, a non-first fragment, or the header is missing. */
  tcp: TcpHeader | null;
  /** Upper protocol name for non-TCP packets ("udp", "icmp", "arp", ...) for the packet list. */
  other?: string;
  diagnostics: Diagnostic[];
}
