// What a byte predicate of the display filter looks for, and how its literal is read, as
// Wireshark's display filters do (wireshark-filter(4), "Display Filter Fields" / "Literal values"):
//   a byte string  48:54:54:50, 48-54-54-50, 48.54.54.50, 48545450, or a single digit 4 (= 04);
//                  this app also takes space-separated pairs (48 54 54 50);
//   a string       "Upgrade", UTF-8 encoded, with C escapes \a \b \f \n \r \t \v \\ \" \' \xHH
//                  (1–2 hex digits) and \NNN (1–3 octal digits) giving raw bytes.
// `matches` takes a regular expression (PCRE in Wireshark, JavaScript's here), applied to the
// bytes read as latin1 (one char per byte) and case-insensitive, as Wireshark's is by default.
// Shared by the filter parser (UI thread) and the search (worker): no DOM, no engine imports.

/** Which bytes of a packet a needle is looked for in: all captured bytes, the TCP segment
 * (header + payload), or the TCP payload alone. */
export type ByteScope = 'frame' | 'tcp' | 'tcp.payload';

export type ByteNeedle =
  | { scope: ByteScope; bytes: Uint8Array; regex?: undefined }
  | { scope: ByteScope; regex: string; bytes?: undefined };

/** A stable key for de-duplicating needles within one filter. */
export function needleKey(n: ByteNeedle): string {
  if (n.regex !== undefined) return `${n.scope}~${n.regex}`;
  let hex = '';
  for (const b of n.bytes) hex += (b < 16 ? '0' : '') + b.toString(16);
  return `${n.scope}=${hex}`;
}

const HEX_PAIRS = /^(?:[0-9a-f]{2})+$/i;
const SEPARATED = /^[0-9a-f]{2}(?:([:.-])[0-9a-f]{2})(?:\1[0-9a-f]{2})*$/i;

/** `48:54:54:50`, `48-54`, `48.54`, `4854`, `4` → bytes; anything else → null. */
export function parseHexBytes(word: string): Uint8Array | null {
  let digits: string;
  if (/^[0-9a-f]$/i.test(word)) digits = `0${word}`;
  else if (HEX_PAIRS.test(word)) digits = word;
  else if (SEPARATED.test(word)) digits = word.replace(/[:.-]/g, '');
  else return null;
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Exactly two hex digits: a pair that may continue a space-separated byte string. */
export function isHexPair(word: string): boolean {
  return /^[0-9a-f]{2}$/i.test(word);
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
  '\\': 0x5c,
  '"': 0x22,
  "'": 0x27,
};

export type EscapeResult = { ok: true; bytes: Uint8Array } | { ok: false; at: number; escape: string };

/**
 * The bytes a quoted string stands for (`raw` is the text between the quotes): literal
 * characters UTF-8 encoded, escapes as raw bytes. A bad escape gives its position in `raw`.
 */
export function parseEscapedBytes(raw: string): EscapeResult {
  const out: number[] = [];
  const utf8 = new TextEncoder();
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c !== '\\') {
      const cp = raw.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (cp < 0x80) out.push(cp);
      else for (const b of utf8.encode(ch)) out.push(b);
      i += ch.length;
      continue;
    }
    const e = raw[i + 1];
    if (e === undefined) return { ok: false, at: i, escape: '\\' };
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out.push(simple);
      i += 2;
    } else if (e === 'x' || e === 'X') {
      const m = /^[0-9a-f]{1,2}/i.exec(raw.slice(i + 2, i + 4));
      if (!m) return { ok: false, at: i, escape: raw.slice(i, i + 3) };
      out.push(parseInt(m[0], 16));
      i += 2 + m[0].length;
    } else if (e >= '0' && e <= '7') {
      const m = /^[0-7]{1,3}/.exec(raw.slice(i + 1, i + 4))!;
      const v = parseInt(m[0], 8);
      if (v > 0xff) return { ok: false, at: i, escape: raw.slice(i, i + 4) };
      out.push(v);
      i += 1 + m[0].length;
    } else {
      return { ok: false, at: i, escape: raw.slice(i, i + 2) };
    }
  }
  return { ok: true, bytes: Uint8Array.from(out) };
}

/** Bytes as a latin1 string (one char per byte): how `matches` sees packet bytes and patterns. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  const CHUNK = 8192;
  for (let i = start; i < end; i += CHUNK)
    s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]);
  return s;
}
