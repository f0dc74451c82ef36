// One capture record → link, IP and TCP headers (DESIGN §1, the "decode" stage). Runs once per
// packet on whole files, so it reads bytes directly (no DataView: see read-bytes.ts), no closures, and builds strings only
// for addresses (cached) and diagnostics.

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { CaptureRecord } from '../capture-file/types.ts';
import type { DecodedPacket, NetworkLayer, TcpHeader } from './types.ts';
import { decodeLinkLayer } from './link-layer.ts';
import { decodeIpv4 } from './ipv4.ts';
import { decodeIpv6 } from './ipv6.ts';
import { decodeTcp } from './tcp-header.ts';
import { etherTypeName, ipProtocolName } from './protocol-names.ts';

// Plain constants rather than the exported enums: no property loads on the per-packet path.
const IPPROTO_TCP = 6;
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const LINKTYPE_EN10MB = 1;

export function decodePacket(record: CaptureRecord): DecodedPacket {
  const data = record.data;
  const frame = record.frame;
  const diagnostics: Diagnostic[] = [];
  const link = decodeLinkLayer(data, record.linkType, frame, diagnostics);
  // Some writers store caplen > len; never let the wire length be shorter than what we hold.
  const wireEnd = record.originalLength > data.length ? record.originalLength : data.length;

  let network: NetworkLayer | null = null;
  let tcp: TcpHeader | null = null;
  let other: string | undefined;
  const etherType = link.etherType;
  if (etherType === ETHERTYPE_IPV4) {
    network = decodeIpv4(data, link.headerLength, wireEnd, frame, diagnostics);
  } else if (etherType === ETHERTYPE_IPV6) {
    network = decodeIpv6(data, link.headerLength, wireEnd, frame, diagnostics);
  } else if (data.length >= link.headerLength) {
    if (etherType >= 0) other = etherTypeName(etherType);
    else if (link.type === LINKTYPE_EN10MB) other = 'llc';
    else if (link.family !== undefined) other = `af-${link.family}`;
  }

  if (network !== null) {
    if (network.isFragment && network.fragmentOffset! > 0) {
      other = 'ip-fragment';
    } else if (network.protocol === IPPROTO_TCP) {
      // A total length beyond the bytes on the wire was reported by the IP decoder; like tshark,
      // the segment then ends where the packet did.
      const wireLength = wireEnd - network.offset;
      const ipLength = network.totalLength < wireLength ? network.totalLength : wireLength;
      const segmentLength = ipLength - network.headerLength;
      // A total length below the header length was already reported by the IP decoder.
      if (segmentLength >= 0) {
        tcp = decodeTcp(data, network.offset + network.headerLength, segmentLength, frame, diagnostics);
      }
      if (tcp === null) other = 'tcp';
    } else {
      other = ipProtocolName(network.protocol);
    }
  }

  const packet: DecodedPacket = {
    frame,
    tsSec: record.tsSec,
    tsNsec: record.tsNsec,
    capturedLength: record.capturedLength,
    originalLength: record.originalLength,
    link,
    network,
    tcp,
    diagnostics,
  };
  if (other !== undefined) packet.other = other;
  return packet;
}
