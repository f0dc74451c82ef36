// Short, safe text from the wire for every place that shows it (ladder labels, the field tree, the
// CLI). They quote what the capture carried (request targets, WebSocket text, close reasons):
// hostile bytes that must not break a terminal, a code review diff or a bidi-sensitive editor. So control characters (Unicode Cc), format characters (Cf, which
// include the bidi overrides U+202A..U+202E and U+2066..U+2069) and line/paragraph separators
// are escaped, and long text is clipped by code points (never inside a surrogate pair).

const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const UNSAFE_QUOTED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"\\]/gu;
// Non-global twins for the cheap "anything to escape?" test (no lastIndex state).
const ANY_UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const ANY_UNSAFE_QUOTED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"\\]/u;

function escapeChar(ch: string): string {
  switch (ch) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
  }
  const cp = ch.codePointAt(0)!;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // Walk code points without materialising them (a message may be megabytes): `cut` is where
  // max - 1 code points end, kept in case a max + 1st exists.
  let i = 0;
  let n = 0;
  let cut = 0;
  while (i < text.length) {
    if (n === max - 1) cut = i;
    if (n === max) return text.slice(0, cut) + '…';
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    n++;
  }
  return text;
}

/** Escapes unsafe characters and clips to `max` code points (the last one becoming "…"). */
export function clipText(text: string, max: number): string {
  const t = clip(text, max);
  return ANY_UNSAFE.test(t) ? t.replace(UNSAFE, escapeChar) : t;
}

/** `"text"`, clipped, with unsafe characters, quotes and backslashes escaped. */
export function quoted(text: string, max: number): string {
  const t = clip(text, max);
  return `"${ANY_UNSAFE_QUOTED.test(t) ? t.replace(UNSAFE_QUOTED, escapeChar) : t}"`;
}
