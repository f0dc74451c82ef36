// Recognising where an HTTP/1.x message may start: a request line begins with a method token and
// SP (RFC 9112 §3), a status line with "HTTP/1." (RFC 9112 §4). Used for protocol sniffing of a
// connection's first bytes and to resynchronise after a capture gap.

import { startsWithAscii } from '../../bytes/ascii.ts';

/** Registered methods (RFC 9110 §9 and the IANA method registry's common WebDAV/CalDAV entries). */
export const KNOWN_METHODS: readonly string[] = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'SEARCH',
  'REPORT',
  'MKCALENDAR',
  'MKACTIVITY',
  'CHECKOUT',
  'MERGE',
  'PURGE',
  'LINK',
  'UNLINK',
  'ACL',
  'BIND',
  'REBIND',
  'UNBIND',
  'QUERY',
];

/** 1: bytes[at..] starts with a known method and SP; 0: could, with more bytes; -1: does not. */
export function matchMethod(bytes: Uint8Array, at: number, end = bytes.length): 1 | 0 | -1 {
  const avail = end - at;
  let partial = false;
  for (const m of KNOWN_METHODS) {
    const n = Math.min(avail, m.length + 1);
    let ok = true;
    for (let i = 0; i < n; i++) {
      const want = i < m.length ? m.charCodeAt(i) : 0x20;
      if (bytes[at + i] !== want) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (avail > m.length) return 1;
    partial = true;
  }
  return partial ? 0 : -1;
}

/** Like matchMethod for a status line: "HTTP/1.". */
export function matchStatusLine(bytes: Uint8Array, at: number, end = bytes.length): 1 | 0 | -1 {
  const want = 'HTTP/1.';
  const n = Math.min(end - at, want.length);
  for (let i = 0; i < n; i++) if (bytes[at + i] !== want.charCodeAt(i)) return -1;
  return n === want.length ? 1 : 0;
}

/**
 * True when the bytes begin like an HTTP/1.x request: a known method and SP, or an unregistered
 * method (a token of upper-case letters, '-' and '_', as methods are by convention) followed by SP
 * and the start of a request-target ('/', '*' or an absolute http(s) URI).
 */
export function looksLikeHttpRequest(bytes: Uint8Array): boolean {
  if (matchMethod(bytes, 0) === 1) return true;
  let i = 0;
  while (i < bytes.length && i <= 24) {
    const b = bytes[i]!;
    if (!((b >= 0x41 && b <= 0x5a) || b === 0x2d || b === 0x5f)) break;
    i++;
  }
  if (i < 3 || i > 24 || bytes[i] !== 0x20 || i + 1 >= bytes.length) return false;
  const t = bytes[i + 1]!;
  return t === 0x2f || t === 0x2a || startsWithAscii(bytes, i + 1, 'http');
}

/** True when the bytes begin like an HTTP/1.x response ("HTTP/1."). */
export function looksLikeHttpResponse(bytes: Uint8Array): boolean {
  return startsWithAscii(bytes, 0, 'HTTP/1.');
}
