// TCP header, RFC 9293 §3.1: ports, sequence and acknowledgement numbers, data offset, the 12
// flag/reserved bits as tshark shows them in tcp.flags (RFC 3168 §6.1 CWR/ECE, RFC 3540 NS, now
// AE per the Accurate ECN draft), window, checksum (not verified: loopback offload leaves it
// unset), urgent pointer; options in tcp-options.ts.
//
// The segment length comes from the IP header (tshark's tcp.len = IP payload − TCP header), so
// Ethernet padding is never payload and a snaplen cut still reports what was on the wire.

import { diagnostic } from '../diagnostics/diagnostic.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { TcpHeader, TcpOptions } from './types.ts';
import { parseTcpOptions } from './tcp-options.ts';
import { u16, u32 } from './read-bytes.ts';

const MIN_HEADER = 20;
const FLAGS_MASK = 0x0fff;
/** Shared by every option-less header; frozen so a consumer cannot leak into other packets. */
const EMPTY_KINDS = Object.freeze([]) as unknown as number[];

/**
 * Decodes the TCP header at `offset`; `segmentLength` is the IP payload length (header + data as
 * the IP header claims). Null when the header is malformed or fewer than 20 bytes were captured.
 */
export function decodeTcp(
  data: Uint8Array,
  offset: number,
  segmentLength: number,
  frame: number,
  diagnostics: Diagnostic[],
): TcpHeader | null {
  if (segmentLength < MIN_HEADER) {
    diagnostics.push(
      diagnostic(
        'tcp.header.invalid',
        'error',
        frame,
        `IP payload of ${segmentLength} bytes is too short for a TCP header`,
        {
          start: Math.min(offset, data.length),
          end: Math.min(offset + segmentLength, data.length),
        },
      ),
    );
    return null;
  }
  const captured = data.length - offset;
  if (captured < MIN_HEADER) {
    diagnostics.push(
      diagnostic(
        'tcp.header.truncated',
        'note',
        frame,
        `TCP header cut by the snaplen: ${Math.max(captured, 0)} of 20 bytes`,
        {
          start: Math.min(offset, data.length),
          end: data.length,
        },
      ),
    );
    return null;
  }
  const offsetFlags = u16(data, offset + 12);
  const headerLength = (offsetFlags >> 12) * 4;
  if (headerLength < MIN_HEADER || headerLength > segmentLength) {
    diagnostics.push(
      diagnostic(
        'tcp.header.invalid',
        'error',
        frame,
        headerLength < MIN_HEADER
          ? `TCP data offset ${headerLength / 4} is below 5`
          : `TCP header length ${headerLength} exceeds the ${segmentLength}-byte segment`,
        { start: offset + 12, end: offset + 13 },
      ),
    );
    return null;
  }
  const headerTruncated = captured < headerLength;
  if (headerTruncated) {
    diagnostics.push(
      diagnostic(
        'tcp.header.truncated',
        'note',
        frame,
        `TCP options cut by the snaplen: ${captured} of ${headerLength} bytes`,
        {
          start: offset,
          end: data.length,
        },
      ),
    );
  }
  const options: TcpOptions =
    headerLength > MIN_HEADER
      ? parseTcpOptions(data, offset + MIN_HEADER, offset + headerLength, frame, diagnostics)
      : { kinds: EMPTY_KINDS };
  const payloadOffset = offset + headerLength;
  const payloadLength = segmentLength - headerLength;
  const available = data.length - payloadOffset;
  return {
    offset,
    srcPort: u16(data, offset),
    dstPort: u16(data, offset + 2),
    seq: u32(data, offset + 4),
    ack: u32(data, offset + 8),
    headerLength,
    flags: offsetFlags & FLAGS_MASK,
    window: u16(data, offset + 14),
    checksum: u16(data, offset + 16),
    urgentPointer: u16(data, offset + 18),
    options,
    payloadLength,
    payloadOffset,
    payloadCaptured: available <= 0 ? 0 : available < payloadLength ? available : payloadLength,
    headerTruncated,
  };
}
