// Minimal UTF-8 decoding for pcapng string options (core/ has no TextDecoder in its type
// environment). Follows the WHATWG Encoding Standard's UTF-8 decoder, so invalid input gives the
// same U+FFFD replacements TextDecoder would.

export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  let cp = 0;
  let need = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (need === 0) {
      if (b < 0x80) out += String.fromCharCode(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        need = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        need = 3;
        cp = b & 0x07;
      } else out += '\ufffd';
      continue;
    }
    if (b < lower || b > upper) {
      // Replace the incomplete sequence and look at this byte again as a possible lead byte.
      cp = need = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      out += '\ufffd';
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === need) {
      out += String.fromCodePoint(cp);
      cp = need = seen = 0;
    }
  }
  if (need !== 0) out += '\ufffd';
  return out;
}
