// RFC 9112 §5 field lines: field-name ":" OWS field-value OWS, and §5.2 obs-fold (a line that
// starts with SP/HTAB continues the previous field). Positions are relative to the line.

import { isOws, isTchar } from '../../bytes/ascii.ts';

export interface FieldLine {
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
  /** The name is not a token or whitespace precedes the colon (RFC 9112 §5.1: MUST reject). */
  invalid: boolean;
}

/** One result object, reused: read it before the next call (no allocation per field line). */
const result: FieldLine = { nameEnd: 0, valueStart: 0, valueEnd: 0, invalid: false };

/** null: no colon or an empty name (nothing usable on the line). */
export function parseFieldLine(line: Uint8Array, len: number): FieldLine | null {
  let colon = -1;
  for (let i = 0; i < len; i++) {
    if (line[i] === 0x3a) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  let invalid = false;
  for (let i = 0; i < colon; i++) {
    if (!isTchar(line[i]!)) {
      invalid = true;
      break;
    }
  }
  let nameEnd = colon;
  // "Name : value" smuggles past some parsers; keep the trimmed name for display, flag it.
  while (nameEnd > 0 && isOws(line[nameEnd - 1]!)) nameEnd--;
  if (nameEnd === 0) return null;
  let valueStart = colon + 1;
  while (valueStart < len && isOws(line[valueStart]!)) valueStart++;
  let valueEnd = len;
  while (valueEnd > valueStart && isOws(line[valueEnd - 1]!)) valueEnd--;
  for (let i = valueStart; i < valueEnd; i++) {
    const b = line[i]!;
    // NUL, CR, LF inside a value are never valid (RFC 9110 §5.5).
    if (b === 0 || b === 0x0d || b === 0x0a) invalid = true;
  }
  result.nameEnd = nameEnd;
  result.valueStart = valueStart;
  result.valueEnd = valueEnd;
  result.invalid = invalid;
  return result;
}

/** Trimmed continuation of an obs-fold line: [start, end). */
export function foldedValue(line: Uint8Array, len: number): [number, number] {
  let s = 0;
  while (s < len && isOws(line[s]!)) s++;
  let e = len;
  while (e > s && isOws(line[e - 1]!)) e--;
  return [s, e];
}
