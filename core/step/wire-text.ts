// Wire strings (request targets, WebSocket text, close reasons, header values) quoted inside an
// annotation. Annotations are plain text, never HTML: a hostile capture must not be able to put
// markup or control characters into the UI, and one huge message must not flood a step. So
// control characters and `<`, `>`, `&` become \xNN escapes and long strings are clipped.

const MAX_QUOTED = 80;

export function wireText(s: string, max = MAX_QUOTED): string {
  let out = '';
  let count = 0;
  for (const ch of s) {
    if (count >= max) return out + '…';
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || ch === '<' || ch === '>' || ch === '&') {
      out += `\\x${c.toString(16).padStart(2, '0')}`;
    } else out += ch;
    count++;
  }
  return out;
}

/** Seconds as milliseconds with three decimals ("0.040"): enough for loopback RTTs. */
export function millis(seconds: number): string {
  return (seconds * 1000).toFixed(3);
}
