// UTF-8 as RFC 3629 §4 defines it (no overlongs, no surrogates, nothing above U+10FFFF), for
// RFC 6455 §8.1: text messages must be valid UTF-8 as a whole, and a message may be split across
// frames anywhere, even inside a character, so the validator keeps its state between pieces.

export class Utf8Validator {
  /** Continuation bytes still expected for the current character. */
  private need = 0;
  /** Allowed range of the next continuation byte (narrowed after E0, ED, F0, F4). */
  private lower = 0x80;
  private upper = 0xbf;
  /** False once an invalid sequence has been seen (sticky). */
  valid = true;

  reset(): void {
    this.need = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
    this.valid = true;
  }

  /** Feeds bytes; returns `valid`. Stops looking once invalid. */
  push(bytes: Uint8Array): boolean {
    if (!this.valid) return false;
    let need = this.need;
    let lower = this.lower;
    let upper = this.upper;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (need === 0) {
        if (b < 0x80) continue;
        if (b >= 0xc2 && b <= 0xdf) need = 1;
        else if (b >= 0xe0 && b <= 0xef) {
          need = 2;
          if (b === 0xe0) lower = 0xa0;
          else if (b === 0xed) upper = 0x9f;
        } else if (b >= 0xf0 && b <= 0xf4) {
          need = 3;
          if (b === 0xf0) lower = 0x90;
          else if (b === 0xf4) upper = 0x8f;
        } else {
          this.valid = false;
          return false;
        }
      } else {
        if (b < lower || b > upper) {
          this.valid = false;
          return false;
        }
        lower = 0x80;
        upper = 0xbf;
        need--;
      }
    }
    this.need = need;
    this.lower = lower;
    this.upper = upper;
    return true;
  }

  /** End of the text: a character cut in half is invalid. */
  finish(): boolean {
    if (this.need !== 0) this.valid = false;
    return this.valid;
  }
}

const shared = new Utf8Validator();

export function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && bytes[i]! < 0x80) i++;
  if (i === bytes.length) return true;
  shared.reset();
  return shared.push(bytes.subarray(i)) && shared.finish();
}

// TextDecoder exists in every runtime core/ targets (Node, browsers, workers) but is not in the
// ES2022 lib that keeps core/ free of DOM types: declare just what is used, and keep a fallback.
declare const TextDecoder: (new () => { decode(bytes: Uint8Array): string }) | undefined;
const native = typeof TextDecoder === 'function' ? new TextDecoder() : null;

/** Decodes UTF-8, each maximal invalid subpart replaced by U+FFFD (WHATWG Encoding). */
export function decodeUtf8(bytes: Uint8Array): string {
  return native !== null ? native.decode(bytes) : decodeUtf8Fallback(bytes);
}

/** decodeUtf8 without TextDecoder (same output; tested against it). */
export function decodeUtf8Fallback(bytes: Uint8Array): string {
  if (bytes.length <= 4096) {
    // Short ASCII (most control payloads and chat messages): no intermediate buffer.
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }
  const units = new Uint16Array(bytes.length);
  let u = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units[u++] = b;
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      else if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      else if (b === 0xf4) upper = 0x8f;
    } else {
      units[u++] = 0xfffd;
      i++;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 0; k < need; k++, j++) {
      const c = j < n ? bytes[j]! : -1;
      if (c < lower || c > upper) {
        ok = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) {
      units[u++] = 0xfffd;
      i = j;
      continue;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units[u++] = 0xd800 | (cp >>> 10);
      units[u++] = 0xdc00 | (cp & 0x3ff);
    } else {
      units[u++] = cp;
    }
    i = j;
  }
  let out = '';
  for (let s = 0; s < u; s += 8192) {
    out += String.fromCharCode.apply(null, units.subarray(s, Math.min(u, s + 8192)) as unknown as number[]);
  }
  return out;
}
