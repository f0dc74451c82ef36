// cap 0.2.1 hard-codes pcap_set_snaplen(65535) and reports only the captured length, so a
// full-size Linux loopback frame (14 + 65535 bytes for IPv4, up to 65,550 for IPv6) arrives cut
// to 65535 bytes with no sign of it. For such a packet the agent reads the wire length back
// from the IP header's length field (RFC 791 §3.1 Total Length, RFC 8200 §3 Payload Length) so
// the record says caplen < len — "truncated by the capture", not "malformed". This touches only
// the fixed link/IP header; it is not dissection.
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_NULL,
  LINKTYPE_LOOP,
  LINKTYPE_RAW,
} from '../../core/capture-file/link-types.ts';

/** cap 0.2.1's compiled-in snap length. */
export const CAP_SNAPLEN = 65535;

/** The packet's length on the wire, if the link and IP headers say more than `data.length`. */
export function inferWireLength(linkType: number, data: Uint8Array): number {
  let ip: number;
  if (linkType === LINKTYPE_ETHERNET) {
    if (data.length < 14) return data.length;
    const etherType = (data[12]! << 8) | data[13]!;
    if (etherType !== 0x0800 && etherType !== 0x86dd) return data.length;
    ip = 14;
  } else if (linkType === LINKTYPE_NULL || linkType === LINKTYPE_LOOP) ip = 4;
  else if (linkType === LINKTYPE_RAW) ip = 0;
  else return data.length;
  if (data.length < ip + 40) return data.length;
  const version = data[ip]! >> 4;
  let wire = data.length;
  if (version === 4) wire = ip + ((data[ip + 2]! << 8) | data[ip + 3]!);
  else if (version === 6) wire = ip + 40 + ((data[ip + 4]! << 8) | data[ip + 5]!);
  return Math.max(wire, data.length);
}
