// RFC 9112 §7.1 chunk-size line: chunk-size [ chunk-ext ] CRLF, chunk-size = 1*HEXDIG,
// chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ) (§7.1.1).
// Real senders also put whitespace before the size or after it without an extension; servers
// commonly accept that, so it is tolerated and reported (`oddWhitespace`).

import { hexValue, isOws } from '../../bytes/ascii.ts';

export interface ChunkSizeLine {
  size: number;
  /** Start of the extensions (at the ';'), or -1. */
  extStart: number;
  oddWhitespace: boolean;
}

/** One result object, reused: read it before the next call (no allocation per chunk). */
const result: ChunkSizeLine = { size: 0, extStart: -1, oddWhitespace: false };

function found(size: number, extStart: number, oddWhitespace: boolean): ChunkSizeLine {
  result.size = size;
  result.extStart = extStart;
  result.oddWhitespace = oddWhitespace;
  return result;
}

/** 13 hex digits stay below 2^53; longer sizes are refused rather than rounded. */
const MAX_HEX_DIGITS = 13;

/** null: not a chunk-size line. The result is shared: read it before the next call. */
export function parseChunkSize(line: Uint8Array, len: number): ChunkSizeLine | null {
  let i = 0;
  let oddWhitespace = false;
  while (i < len && isOws(line[i]!)) i++;
  if (i > 0) oddWhitespace = true;
  // Leading zeros do not count towards the digit limit.
  while (i + 1 < len && line[i] === 0x30 && hexValue(line[i + 1]!) >= 0) i++;
  const digitsStart = i;
  let size = 0;
  while (i < len) {
    const v = hexValue(line[i]!);
    if (v < 0) break;
    size = size * 16 + v;
    i++;
  }
  const digits = i - digitsStart;
  if (digits === 0 || digits > MAX_HEX_DIGITS) return null;
  let j = i;
  while (j < len && isOws(line[j]!)) j++;
  if (j === len) {
    if (j > i) oddWhitespace = true;
    return found(size, -1, oddWhitespace);
  }
  if (line[j] !== 0x3b) return null;
  return found(size, j, oddWhitespace);
}
