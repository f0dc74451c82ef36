// Formatting for field labels. Wire text is hostile: control characters, bidi overrides and huge
// values must not reach the UI as-is, so every string taken from the bytes goes through
// `escapeWire` (core/bytes/safe-text.ts: controls, format and bidi characters escaped; clipped).

import { clipText } from '../bytes/safe-text.ts';

const MAX_LABEL_TEXT = 200;

/** Wire text for a field value: unsafe characters escaped, clipped to `max` characters plus "…". */
export function escapeWire(text: string, max = MAX_LABEL_TEXT): string {
  return clipText(text, max + 1);
}

const HEX = '0123456789abcdef';

/** bytes[start, end) as lowercase hex (bounds clamped), clipped to `max` bytes with an ellipsis. */
export function hexBytes(data: Uint8Array, start: number, end: number, max = 64): string {
  const s = Math.max(0, start);
  const e = Math.min(end, data.length);
  let out = '';
  for (let i = s; i < e && i - s < max; i++) out += HEX[data[i]! >> 4]! + HEX[data[i]! & 15]!;
  if (e - s > max) out += '…';
  return out;
}

export function hex(n: number, digits: number): string {
  return '0x' + n.toString(16).padStart(digits, '0');
}

/** Bytes as printable ASCII for a payload preview ('.' for the rest). */
export function asciiPreview(data: Uint8Array, start: number, end: number, max = 64): string {
  const s = Math.max(0, start);
  const e = Math.min(end, data.length);
  let out = '';
  for (let i = s; i < e && i - s < max; i++) {
    const b = data[i]!;
    out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  if (e - s > max) out += '…';
  return out;
}

/** "1 (Yes)" style bit description: `....  ..1. = Syn: Set`. */
export function bitLabel(
  value: number,
  mask: number,
  width: number,
  name: string,
  set: string,
  unset: string,
): string {
  let bits = '';
  for (let b = width - 1; b >= 0; b--) {
    const m = 1 << b;
    if (mask & m) bits += value & m ? '1' : '0';
    else bits += '.';
    if (b % 4 === 0 && b > 0) bits += ' ';
  }
  return `${bits} = ${name}: ${value & mask ? set : unset}`;
}
