// Formatting for field labels. Wire text is hostile: control characters, bidi overrides and huge
// values must not reach the UI as-is, so every string taken from the bytes goes through
// `escapeWire` (C0/C1 controls, DEL, bidi controls as \xNN / \uNNNN; clipped with an ellipsis).

const MAX_LABEL_TEXT = 200;

export function escapeWire(text: string, max = MAX_LABEL_TEXT): string {
  let out = '';
  const n = Math.min(text.length, max);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) out += '\\r';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += '\\x' + c.toString(16).padStart(2, '0');
    else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f)
      out += '\\u' + c.toString(16).padStart(4, '0');
    else out += text[i];
  }
  if (text.length > max) out += '…';
  return out;
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
