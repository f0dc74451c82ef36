// IPv4 header, RFC 791 §3.1 (version, IHL, total length, identification, flags, fragment offset,
// TTL, protocol, options), DSCP/ECN per RFC 2474 §3 and RFC 3168 §5.
//
// Lengths come from the header, not the frame: Ethernet pads short frames to 60 bytes (and may add
// an FCS), so the frame length overstates the packet. A snaplen cut (captured < total length ≤
// bytes on the wire) is truncation, not an error; a total length beyond the bytes on the wire is
// a malformed header (tshark: "IPv4 total length exceeds packet length"); the upper layer then
// ends where the packet did, as in tshark (decode-packet clamps it).

import { diagnostic } from '../diagnostics/diagnostic.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { NetworkLayer } from './types.ts';
import { formatIpv4 } from './address-text.ts';
import { u16 } from './read-bytes.ts';

const MIN_HEADER = 20;
const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;
const OFFSET_MASK = 0x1fff;

/**
 * Decodes the IPv4 header at `offset`. `wireEnd` is the packet's length on the wire measured in
 * record offsets (link header included). Null when not even the fixed header is usable.
 */
export function decodeIpv4(
  data: Uint8Array,
  offset: number,
  wireEnd: number,
  frame: number,
  diagnostics: Diagnostic[],
): NetworkLayer | null {
  const captured = data.length - offset;
  if (captured < MIN_HEADER) {
    // The version nibble alone can prove it is not IPv4 even in a cut header.
    if (captured > 0 && data[offset]! >> 4 !== 4) return invalidVersion(data, offset, frame, diagnostics);
    diagnostics.push(
      diagnostic(
        'ip.header.truncated',
        'note',
        frame,
        `IPv4 header cut by the snaplen: ${captured} of 20 bytes`,
        {
          start: offset,
          end: data.length,
        },
      ),
    );
    return null;
  }
  const first = data[offset]!;
  if (first >> 4 !== 4) return invalidVersion(data, offset, frame, diagnostics);
  const headerLength = (first & 0x0f) * 4;
  if (headerLength < MIN_HEADER) {
    diagnostics.push(
      diagnostic('ip.header.invalid', 'error', frame, `IPv4 header length ${headerLength} is below 20`, {
        start: offset,
        end: offset + 1,
      }),
    );
    return null;
  }
  const wireLength = wireEnd - offset;
  let totalLength = u16(data, offset + 2);
  const tos = data[offset + 1]!;
  const flagsFragment = u16(data, offset + 6);
  const fragmentOffset = (flagsFragment & OFFSET_MASK) * 8;
  const moreFragments = (flagsFragment & FLAG_MF) !== 0;
  const isFragment = moreFragments || fragmentOffset > 0;

  const network: NetworkLayer = {
    version: 4,
    src: formatIpv4(data, offset + 12),
    dst: formatIpv4(data, offset + 16),
    offset,
    headerLength,
    totalLength,
    protocol: data[offset + 9]!,
    ttl: data[offset + 8]!,
    id: u16(data, offset + 4),
    dontFragment: (flagsFragment & FLAG_DF) !== 0,
    moreFragments,
    fragmentOffset,
    isFragment,
    optionsLength: headerLength - MIN_HEADER,
    dscp: tos >> 2,
    ecn: tos & 3,
    checksum: u16(data, offset + 10),
  };

  if (totalLength === 0) {
    // TCP segmentation offload hands the capture a "super packet" before the NIC fills in the
    // length (Wireshark's ip.tso_support): take the length from the frame.
    totalLength = wireLength;
    network.totalLength = totalLength;
    diagnostics.push(
      diagnostic(
        'ip.length.zero',
        'note',
        frame,
        'IPv4 total length 0 (segmentation offload?): using the frame length',
        {
          start: offset + 2,
          end: offset + 4,
        },
      ),
    );
  } else if (totalLength < headerLength) {
    diagnostics.push(
      diagnostic(
        'ip.length.invalid',
        'error',
        frame,
        `IPv4 total length ${totalLength} is below the header length ${headerLength}`,
        {
          start: offset + 2,
          end: offset + 4,
        },
      ),
    );
  } else if (totalLength > wireLength) {
    diagnostics.push(
      diagnostic(
        'ip.length.exceeds_frame',
        'error',
        frame,
        `IPv4 total length ${totalLength} exceeds the ${wireLength} bytes on the wire`,
        {
          start: offset + 2,
          end: offset + 4,
        },
      ),
    );
  }
  if (captured < headerLength) {
    diagnostics.push(
      diagnostic(
        'ip.header.truncated',
        'note',
        frame,
        `IPv4 options cut by the snaplen: ${captured} of ${headerLength} bytes`,
        {
          start: offset,
          end: data.length,
        },
      ),
    );
  }
  if (isFragment) {
    diagnostics.push(
      diagnostic(
        'ip.fragment',
        'note',
        frame,
        `IPv4 fragment at offset ${fragmentOffset}${moreFragments ? ', more follow' : ''}`,
        {
          start: offset + 6,
          end: offset + 8,
        },
      ),
    );
  }
  return network;
}

function invalidVersion(data: Uint8Array, offset: number, frame: number, diagnostics: Diagnostic[]): null {
  diagnostics.push(
    diagnostic(
      'ip.header.invalid',
      'error',
      frame,
      `IP version ${data[offset]! >> 4} where IPv4 was announced`,
      {
        start: offset,
        end: offset + 1,
      },
    ),
  );
  return null;
}
