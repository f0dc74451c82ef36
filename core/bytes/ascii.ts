// Byte-level ASCII helpers for text protocols (HTTP/1.x field syntax, RFC 9110 §5.6). Wire text is
// decoded as ISO-8859-1 so every octet maps to one code unit and nothing is lost or replaced:
// field values are opaque octets (RFC 9110 §5.5), not UTF-8.

/** bytes[start, end) as a Latin-1 string (one code unit per byte). */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end <= start) return '';
  // fromCharCode.apply on a typed array avoids building a string byte by byte; bounded pieces keep
  // the argument count below engine limits.
  let out = '';
  for (let p = start; p < end; p += 4096) {
    const q = Math.min(end, p + 4096);
    out += String.fromCharCode.apply(null, bytes.subarray(p, q) as unknown as number[]);
  }
  return out;
}

/** RFC 9110 §5.6.2 tchar: "!#$%&'*+-.^_`|~" / DIGIT / ALPHA. */
const TCHAR = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;
for (const ch of "!#$%&'*+-.^_`|~") TCHAR[ch.charCodeAt(0)] = 1;

export function isTchar(b: number): boolean {
  return b >= 0 && b <= 0xff && TCHAR[b] === 1;
}

export function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** Value of a hex digit, -1 if b is not one. */
export function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  return -1;
}

/** SP or HTAB (RFC 9110 §5.6.3 OWS). */
export function isOws(b: number): boolean {
  return b === 0x20 || b === 0x09;
}

/** True when bytes[start..] begins with the ASCII text `s` (exact case). */
export function startsWithAscii(bytes: Uint8Array, start: number, s: string): boolean {
  if (start < 0 || start + s.length > bytes.length) return false;
  for (let i = 0; i < s.length; i++) if (bytes[start + i] !== s.charCodeAt(i)) return false;
  return true;
}

/**
 * Short strings that repeat across messages (field names, versions, methods, common values) are
 * decoded once and shared: fewer allocations on the hot path and much less retained memory when a
 * capture holds millions of fields. The cache is bounded and keyed by an FNV-1a hash; a hit is
 * checked byte by byte, so a collision only costs a fresh decode.
 */
const INTERN_MAX_LENGTH = 40;
const INTERN_MAX_ENTRIES = 8192;
const interned = new Map<number, string>();

/** FNV-1a over the bytes, from this seed: callers that already walk the bytes hash as they go. */
export const INTERN_SEED = 0x811c9dc5;
export const INTERN_PRIME = 0x01000193;

export function internLatin1(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 0) return '';
  if (n > INTERN_MAX_LENGTH) return latin1(bytes, start, end);
  let h = INTERN_SEED;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, INTERN_PRIME);
  return internHashed(bytes, start, end, h);
}

/**
 * internLatin1 for a caller that computed `h` (FNV-1a from INTERN_SEED over bytes[start, end)) while
 * scanning them anyway. Ranges over INTERN_MAX_LENGTH are decoded, not interned.
 */
export function internHashed(bytes: Uint8Array, start: number, end: number, h: number): string {
  const n = end - start;
  if (n <= 0) return '';
  if (n > INTERN_MAX_LENGTH) return latin1(bytes, start, end);
  const hit = interned.get(h);
  if (hit !== undefined && hit.length === n) {
    let i = 0;
    while (i < n && hit.charCodeAt(i) === bytes[start + i]) i++;
    if (i === n) return hit;
  }
  const s = latin1(bytes, start, end);
  if (interned.size >= INTERN_MAX_ENTRIES) interned.clear();
  interned.set(h, s);
  return s;
}

/** `s` equals the lower-case ASCII `lower`, ignoring ASCII case. */
export function equalsIgnoreCase(s: string, lower: string): boolean {
  if (s.length !== lower.length) return false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** `s` from `from` to `to` (exclusive) equals the lower-case ASCII `lower`, ignoring ASCII case. */
export function rangeEqualsIgnoreCase(s: string, from: number, to: number, lower: string): boolean {
  if (to - from !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    let c = s.charCodeAt(from + i);
    if (c >= 0x41 && c <= 0x5a) c += 32;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}
