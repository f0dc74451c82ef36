// Lowercase hex text for the dissector's payload previews and masking keys (RFC 6455 §5.3).
// Built as flat strings: appending two characters per byte leaves V8 a rope of hundreds of nodes
// per string, and the analysis keeps every one of them alive (1.4 M rope nodes, 45 MB, on a
// 140 k-packet capture). The digits are written as ASCII bytes and turned into a string by one
// native UTF-8 decode, several times faster than String.fromCharCode over a long argument list.

import { decodeUtf8 } from './utf8.ts';

/** Char codes of '0'..'9', 'a'..'f'. */
const DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** PAIRS[b]: the two digit bytes of b, laid out so that one 16-bit store writes them in order. */
const PAIRS = Uint16Array.from({ length: 256 }, (_, b) => {
  const hi = DIGITS[b >>> 4]!;
  const lo = DIGITS[b & 15]!;
  return LITTLE_ENDIAN ? hi | (lo << 8) : (hi << 8) | lo;
});

let bytes8 = new Uint8Array(2 * 256);
let pairs16 = new Uint16Array(bytes8.buffer);

/** The first `max` bytes of `bytes` as hex. */
export function hexOf(bytes: Uint8Array, max: number): string {
  const n = Math.min(bytes.length, max);
  if (n <= 0) return '';
  if (n === 4) return hex4(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (pairs16.length < n) {
    bytes8 = new Uint8Array(2 * n);
    pairs16 = new Uint16Array(bytes8.buffer);
  }
  const out = pairs16;
  for (let i = 0; i < n; i++) out[i] = PAIRS[bytes[i]!]!;
  return decodeUtf8(bytes8.subarray(0, 2 * n));
}

/** Four bytes (a masking key) as 8 hex digits. */
export function hex4(b0: number, b1: number, b2: number, b3: number): string {
  const d = DIGITS;
  return String.fromCharCode(
    d[b0 >>> 4]!,
    d[b0 & 15]!,
    d[b1 >>> 4]!,
    d[b1 & 15]!,
    d[b2 >>> 4]!,
    d[b2 & 15]!,
    d[b3 >>> 4]!,
    d[b3 & 15]!,
  );
}
