// RFC 9112 §5 field lines: field-name ":" OWS field-value OWS, and §5.2 obs-fold (a line that
// starts with SP/HTAB continues the previous field). Positions are relative to the line.

import { INTERN_PRIME, INTERN_SEED, internHashed, internLatin1, isOws, isTchar } from '../../bytes/ascii.ts';

export interface FieldLine {
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
  /** The name is not a token or whitespace precedes the colon (RFC 9112 §5.1: MUST reject). */
  invalid: boolean;
  /** Name and value as (interned) strings. */
  name: string;
  value: string;
}

/** One result object, reused: read it before the next call (no allocation per field line). */
const result: FieldLine = { nameEnd: 0, valueStart: 0, valueEnd: 0, invalid: false, name: '', value: '' };

/**
 * null: no colon or an empty name (nothing usable on the line). Every byte is visited once on the
 * usual path: the name is checked and hashed for interning in one pass, the value likewise.
 */
export function parseFieldLine(line: Uint8Array, len: number): FieldLine | null {
  let h = INTERN_SEED;
  let i = 0;
  let b = 0;
  for (; i < len; i++) {
    b = line[i]!;
    if (!isTchar(b)) break;
    h = Math.imul(h ^ b, INTERN_PRIME);
  }
  let invalid = false;
  let name: string;
  let nameEnd: number;
  let colon: number;
  if (i > 0 && i < len && b === 0x3a) {
    colon = i;
    nameEnd = i;
    name = internHashed(line, 0, i, h);
  } else {
    colon = line.indexOf(0x3a);
    if (colon < 0 || colon >= len) colon = -1;
    if (colon <= 0) return null;
    invalid = true;
    nameEnd = colon;
    // "Name : value" smuggles past some parsers; keep the trimmed name for display, flag it.
    while (nameEnd > 0 && isOws(line[nameEnd - 1]!)) nameEnd--;
    if (nameEnd === 0) return null;
    name = internLatin1(line, 0, nameEnd);
  }
  let valueStart = colon + 1;
  while (valueStart < len && isOws(line[valueStart]!)) valueStart++;
  let valueEnd = len;
  while (valueEnd > valueStart && isOws(line[valueEnd - 1]!)) valueEnd--;
  h = INTERN_SEED;
  for (let k = valueStart; k < valueEnd; k++) {
    const c = line[k]!;
    // NUL, CR, LF inside a value are never valid (RFC 9110 §5.5).
    if (c === 0 || c === 0x0d || c === 0x0a) invalid = true;
    h = Math.imul(h ^ c, INTERN_PRIME);
  }
  result.nameEnd = nameEnd;
  result.valueStart = valueStart;
  result.valueEnd = valueEnd;
  result.invalid = invalid;
  result.name = name;
  result.value = internHashed(line, valueStart, valueEnd, h);
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
