// TCP options, RFC 9293 §3.2 (EOL 0, NOP 1, MSS 2), RFC 7323 §2.2 and §3.2 (window scale 3,
// timestamps 8), RFC 2018 §2-3 (SACK-permitted 4, SACK 5), RFC 7413 §4.1.1 (Fast Open cookie 34).
//
// A length byte that is impossible (below 2, past the header, or wrong for a fixed-size option) is
// malformed: we report tcp.option.invalid and stop, since nothing after it can be framed. Running
// into the snaplen is truncation: parsing stops quietly (the header's truncation is reported once,
// by the caller). Unknown kinds are skipped by their length and kept in `kinds`.

import { diagnostic } from '../diagnostics/diagnostic.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { TcpOptions } from './types.ts';
import { formatHex } from './address-text.ts';
import { u16, u32 } from './read-bytes.ts';

export const TcpOptionKind = {
  EOL: 0,
  NOP: 1,
  MSS: 2,
  WINDOW_SCALE: 3,
  SACK_PERMITTED: 4,
  SACK: 5,
  TIMESTAMPS: 8,
  FAST_OPEN: 34,
} as const;

/**
 * `kinds` of the most common option block: NOP, NOP, timestamps (what Linux puts on every segment
 * after the handshake). Shared and frozen, like tcp-header.ts's empty list: a growing array per
 * packet was the largest allocation of the decoder.
 */
const NOP_NOP_TIMESTAMPS = Object.freeze([
  TcpOptionKind.NOP,
  TcpOptionKind.NOP,
  TcpOptionKind.TIMESTAMPS,
]) as unknown as number[];

/**
 * Parses options in [start, headerEnd) where headerEnd is the data-offset end of the header;
 * bytes at or past data.length were not captured.
 */
export function parseTcpOptions(
  data: Uint8Array,
  start: number,
  headerEnd: number,
  frame: number,
  diagnostics: Diagnostic[],
): TcpOptions {
  if (
    headerEnd - start === 12 &&
    headerEnd <= data.length &&
    data[start] === TcpOptionKind.NOP &&
    data[start + 1] === TcpOptionKind.NOP &&
    data[start + 2] === TcpOptionKind.TIMESTAMPS &&
    data[start + 3] === 10
  ) {
    // The general loop below gives exactly this (same fields, added in the same order).
    const options: TcpOptions = { kinds: NOP_NOP_TIMESTAMPS };
    options.tsVal = u32(data, start + 4);
    options.tsEcr = u32(data, start + 8);
    return options;
  }
  const kinds: number[] = [];
  const options: TcpOptions = { kinds };
  const capturedEnd = headerEnd < data.length ? headerEnd : data.length;
  let i = start;
  while (i < capturedEnd) {
    const kind = data[i]!;
    kinds.push(kind);
    if (kind === TcpOptionKind.EOL) break;
    if (kind === TcpOptionKind.NOP) {
      i++;
      continue;
    }
    if (i + 1 >= headerEnd) {
      invalid(i, capturedEnd, `option ${kind} has no length byte inside the header`, frame, diagnostics);
      break;
    }
    if (i + 1 >= capturedEnd) break; // length byte not captured
    const length = data[i + 1]!;
    if (length < 2 || i + length > headerEnd) {
      invalid(
        i,
        i + 2 < capturedEnd ? i + 2 : capturedEnd,
        `option ${kind} length ${length} does not fit the header`,
        frame,
        diagnostics,
      );
      break;
    }
    if (!lengthFits(kind, length)) {
      invalid(
        i,
        i + length < capturedEnd ? i + length : capturedEnd,
        `option ${kind} has invalid length ${length}`,
        frame,
        diagnostics,
      );
      break;
    }
    if (i + length > capturedEnd) break; // option body not captured
    switch (kind) {
      case TcpOptionKind.MSS:
        options.mss = u16(data, i + 2);
        break;
      case TcpOptionKind.WINDOW_SCALE:
        options.windowScale = data[i + 2]!;
        break;
      case TcpOptionKind.SACK_PERMITTED:
        options.sackPermitted = true;
        break;
      case TcpOptionKind.SACK: {
        const blocks: Array<[number, number]> = options.sack ?? [];
        for (let b = i + 2; b + 8 <= i + length; b += 8) blocks.push([u32(data, b), u32(data, b + 4)]);
        options.sack = blocks;
        break;
      }
      case TcpOptionKind.TIMESTAMPS:
        options.tsVal = u32(data, i + 2);
        options.tsEcr = u32(data, i + 6);
        break;
      case TcpOptionKind.FAST_OPEN:
        // Length 2 is a cookie request: an empty cookie.
        options.fastOpenCookie = formatHex(data, i + 2, i + length);
        break;
    }
    i += length;
  }
  return options;
}

/** Fixed sizes per the RFCs above; SACK carries 1-4 blocks of 8 bytes; a TFO cookie is 4-16 even bytes or absent. */
function lengthFits(kind: number, length: number): boolean {
  switch (kind) {
    case TcpOptionKind.MSS:
      return length === 4;
    case TcpOptionKind.WINDOW_SCALE:
      return length === 3;
    case TcpOptionKind.SACK_PERMITTED:
      return length === 2;
    case TcpOptionKind.SACK:
      return length >= 10 && (length - 2) % 8 === 0;
    case TcpOptionKind.TIMESTAMPS:
      return length === 10;
    case TcpOptionKind.FAST_OPEN:
      return length === 2 || (length >= 6 && length <= 18 && length % 2 === 0);
    default:
      return true;
  }
}

function invalid(
  start: number,
  end: number,
  message: string,
  frame: number,
  diagnostics: Diagnostic[],
): void {
  diagnostics.push(diagnostic('tcp.option.invalid', 'warn', frame, message, { start, end }));
}
