// IPv6 header and extension headers, RFC 8200 §3 (fixed header), §4.3 hop-by-hop options, §4.4
// routing, §4.5 fragment, §4.6 destination options, §4.7 no next header; AH per RFC 4302 §2.2
// (length in 4-byte units, minus 2); jumbo payload option per RFC 2675 §2.
//
// The walk stops at the first header that is not an extension header: that is the upper-layer
// protocol. A non-first fragment's next header describes bytes we do not have, so the walk stops
// there too (the upper layer is not decodable).

import { diagnostic } from '../diagnostics/diagnostic.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { NetworkLayer } from './types.ts';
import { formatIpv6 } from './address-text.ts';
import { u16, u32 } from './read-bytes.ts';

const FIXED_HEADER = 40;

export const Ipv6Next = {
  HOP_BY_HOP: 0,
  ROUTING: 43,
  FRAGMENT: 44,
  AH: 51,
  NO_NEXT: 59,
  DESTINATION: 60,
} as const;

const JUMBO_OPTION = 0xc2;

export function decodeIpv6(
  data: Uint8Array,
  offset: number,
  wireEnd: number,
  frame: number,
  diagnostics: Diagnostic[],
): NetworkLayer | null {
  const captured = data.length - offset;
  if (captured > 0 && data[offset]! >> 4 !== 6) {
    diagnostics.push(
      diagnostic(
        'ip.header.invalid',
        'error',
        frame,
        `IP version ${data[offset]! >> 4} where IPv6 was announced`,
        {
          start: offset,
          end: offset + 1,
        },
      ),
    );
    return null;
  }
  if (captured < FIXED_HEADER) {
    diagnostics.push(
      diagnostic(
        'ip.header.truncated',
        'note',
        frame,
        `IPv6 header cut by the snaplen: ${captured} of 40 bytes`,
        {
          start: offset,
          end: data.length,
        },
      ),
    );
    return null;
  }
  const word0 = u32(data, offset);
  const trafficClass = (word0 >>> 20) & 0xff;
  const payloadLength = u16(data, offset + 4);
  let next = data[offset + 6]!;
  const wireLength = wireEnd - offset;

  const network: NetworkLayer = {
    version: 6,
    src: formatIpv6(data, offset + 8),
    dst: formatIpv6(data, offset + 24),
    offset,
    headerLength: FIXED_HEADER,
    totalLength: FIXED_HEADER + payloadLength,
    protocol: next,
    ttl: data[offset + 7]!,
    isFragment: false,
    dscp: trafficClass >> 2,
    ecn: trafficClass & 3,
    flowLabel: word0 & 0xfffff,
  };

  if (payloadLength === 0 && next !== Ipv6Next.NO_NEXT) {
    const jumbo = next === Ipv6Next.HOP_BY_HOP ? jumboLength(data, offset + FIXED_HEADER) : -1;
    if (jumbo >= 0) {
      network.totalLength = FIXED_HEADER + jumbo;
      if (network.totalLength > wireLength)
        exceedsFrame(network.totalLength, wireLength, offset, frame, diagnostics);
    } else {
      // As with IPv4 total length 0: segmentation offload; the frame knows the length.
      network.totalLength = wireLength;
      diagnostics.push(
        diagnostic(
          'ip.length.zero',
          'note',
          frame,
          'IPv6 payload length 0 without a jumbo option: using the frame length',
          {
            start: offset + 4,
            end: offset + 6,
          },
        ),
      );
    }
  } else if (network.totalLength > wireLength) {
    exceedsFrame(network.totalLength, wireLength, offset, frame, diagnostics);
  }

  const end = offset + network.totalLength;
  let position = offset + FIXED_HEADER;
  let extensions: number[] | undefined;
  while (isExtension(next)) {
    if (extensions === undefined) extensions = [];
    extensions.push(next);
    if (position + 2 > end) {
      extensionInvalid(position, end, data.length, next, frame, diagnostics);
      break;
    }
    if (position + 2 > data.length) {
      extensionTruncated(position, data.length, data.length, next, frame, diagnostics);
      break;
    }
    const length =
      next === Ipv6Next.FRAGMENT
        ? 8
        : next === Ipv6Next.AH
          ? (data[position + 1]! + 2) * 4
          : (data[position + 1]! + 1) * 8;
    if (position + length > end) {
      extensionInvalid(position, end, data.length, next, frame, diagnostics);
      break;
    }
    if (next === Ipv6Next.FRAGMENT) {
      if (position + 8 > data.length) {
        extensionTruncated(position, data.length, data.length, next, frame, diagnostics);
        break;
      }
      const offsetFlags = u16(data, position + 2);
      network.fragmentOffset = offsetFlags & 0xfff8;
      network.moreFragments = (offsetFlags & 1) !== 0;
      network.id = u32(data, position + 4);
      network.isFragment = network.moreFragments || network.fragmentOffset > 0;
      if (network.isFragment) {
        diagnostics.push(
          diagnostic(
            'ip.fragment',
            'note',
            frame,
            `IPv6 fragment at offset ${network.fragmentOffset}${network.moreFragments ? ', more follow' : ''}`,
            {
              start: position,
              end: position + 8,
            },
          ),
        );
      }
    }
    next = data[position]!;
    position += length;
    network.headerLength = position - offset;
    network.protocol = next;
    // Past a non-first fragment header the bytes belong to the middle of the original packet.
    if (network.fragmentOffset !== undefined && network.fragmentOffset > 0) break;
  }
  if (extensions !== undefined) network.extensionHeaders = extensions;
  return network;
}

function isExtension(next: number): boolean {
  return (
    next === Ipv6Next.HOP_BY_HOP ||
    next === Ipv6Next.ROUTING ||
    next === Ipv6Next.FRAGMENT ||
    next === Ipv6Next.DESTINATION ||
    next === Ipv6Next.AH
  );
}

/** The jumbo payload option's length in the hop-by-hop header at `position`, or -1. */
function jumboLength(data: Uint8Array, position: number): number {
  if (position + 2 > data.length) return -1;
  const end = Math.min(position + (data[position + 1]! + 1) * 8, data.length);
  let i = position + 2;
  while (i < end) {
    const type = data[i]!;
    if (type === 0) {
      i++; // Pad1
      continue;
    }
    if (i + 2 > end) return -1;
    const length = data[i + 1]!;
    if (type === JUMBO_OPTION && length === 4 && i + 6 <= end) return u32(data, i + 2);
    i += 2 + length;
  }
  return -1;
}

function extensionInvalid(
  position: number,
  end: number,
  captured: number,
  next: number,
  frame: number,
  diagnostics: Diagnostic[],
): void {
  diagnostics.push(
    diagnostic(
      'ip.extension.invalid',
      'error',
      frame,
      `IPv6 extension header ${next} runs past the payload length`,
      {
        start: Math.min(position, captured),
        end: Math.min(Math.max(position, end), captured),
      },
    ),
  );
}

function extensionTruncated(
  position: number,
  end: number,
  captured: number,
  next: number,
  frame: number,
  diagnostics: Diagnostic[],
): void {
  diagnostics.push(
    diagnostic('ip.extension.truncated', 'note', frame, `IPv6 extension header ${next} cut by the snaplen`, {
      start: Math.min(position, captured),
      end: Math.min(Math.max(position, end), captured),
    }),
  );
}

function exceedsFrame(
  totalLength: number,
  wireLength: number,
  offset: number,
  frame: number,
  diagnostics: Diagnostic[],
): void {
  diagnostics.push(
    diagnostic(
      'ip.length.exceeds_frame',
      'error',
      frame,
      `IPv6 length ${totalLength} exceeds the ${wireLength} bytes on the wire`,
      {
        start: offset + 4,
        end: offset + 6,
      },
    ),
  );
}
