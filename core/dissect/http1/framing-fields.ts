// The fields that decide framing and connection reuse: Content-Length (RFC 9110 §8.6),
// Transfer-Encoding (RFC 9112 §6.1), Connection (RFC 9110 §7.6.1, RFC 9112 §9.3), Upgrade
// (RFC 9110 §7.8), Expect (RFC 9110 §10.1.1). Computed once per message, after its header block,
// without allocating: names and list tokens are compared in place, ignoring ASCII case.

import { equalsIgnoreCase, isOws, rangeEqualsIgnoreCase } from '../../bytes/ascii.ts';
import type { HttpHeader } from './types.ts';

export interface FramingFields {
  /** Content-Length value when present and valid (identical repeats and "5, 5" lists allowed). */
  contentLength: number | null;
  contentLengthInvalid: boolean;
  hasContentLength: boolean;
  hasTransferEncoding: boolean;
  /** chunked is the final transfer coding. */
  chunked: boolean;
  connectionClose: boolean;
  connectionKeepAlive: boolean;
  connectionUpgrade: boolean;
  /** Upgrade field value (joined), null when absent. */
  upgrade: string | null;
  expectContinue: boolean;
}

/** Largest Content-Length accepted (JS integers stay exact below 2^53). */
const MAX_LENGTH = Number.MAX_SAFE_INTEGER;

/** Calls fn(start, end) for each comma-separated, OWS-trimmed, non-empty element of a list value. */
function eachElement(v: string, fn: (start: number, end: number) => void): void {
  let i = 0;
  while (i <= v.length) {
    let j = v.indexOf(',', i);
    if (j < 0) j = v.length;
    let s = i;
    let e = j;
    while (s < e && isOws(v.charCodeAt(s))) s++;
    while (e > s && isOws(v.charCodeAt(e - 1))) e--;
    if (e > s) fn(s, e);
    i = j + 1;
  }
}

/** Decimal digits in v[s, e) as a number, -1 if not all digits or too large. */
function parseLength(v: string, s: number, e: number): number {
  if (e <= s || e - s > 16) return -1;
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = v.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n <= MAX_LENGTH ? n : -1;
}

export function framingFields(headers: HttpHeader[]): FramingFields {
  const f: FramingFields = {
    contentLength: null,
    contentLengthInvalid: false,
    hasContentLength: false,
    hasTransferEncoding: false,
    chunked: false,
    connectionClose: false,
    connectionKeepAlive: false,
    connectionUpgrade: false,
    upgrade: null,
    expectContinue: false,
  };
  for (const h of headers) {
    if (h.invalid) continue;
    const name = h.name;
    const v = h.value;
    switch (name.length) {
      case 14:
        if (!equalsIgnoreCase(name, 'content-length')) break;
        f.hasContentLength = true;
        if (v.length === 0) f.contentLengthInvalid = true;
        eachElement(v, (s, e) => {
          const len = parseLength(v, s, e);
          if (len < 0 || (f.contentLength !== null && f.contentLength !== len)) f.contentLengthInvalid = true;
          else f.contentLength = len;
        });
        break;
      case 17:
        if (!equalsIgnoreCase(name, 'transfer-encoding')) break;
        f.hasTransferEncoding = true;
        // Only the last coding matters (chunked must be final, RFC 9112 §6.1); a later field resets it.
        f.chunked = false;
        eachElement(v, (s, e) => {
          // Transfer-coding parameters ("chunked;x=1") are not allowed on chunked; compare the name.
          let n = s;
          while (n < e && v.charCodeAt(n) !== 0x3b && !isOws(v.charCodeAt(n))) n++;
          f.chunked = rangeEqualsIgnoreCase(v, s, n, 'chunked');
        });
        break;
      case 10:
        if (!equalsIgnoreCase(name, 'connection')) break;
        eachElement(v, (s, e) => {
          if (rangeEqualsIgnoreCase(v, s, e, 'close')) f.connectionClose = true;
          else if (rangeEqualsIgnoreCase(v, s, e, 'keep-alive')) f.connectionKeepAlive = true;
          else if (rangeEqualsIgnoreCase(v, s, e, 'upgrade')) f.connectionUpgrade = true;
        });
        break;
      case 7:
        if (!equalsIgnoreCase(name, 'upgrade')) break;
        f.upgrade = f.upgrade === null ? v : `${f.upgrade}, ${v}`;
        break;
      case 6:
        if (equalsIgnoreCase(name, 'expect') && equalsIgnoreCase(v, '100-continue')) f.expectContinue = true;
        break;
    }
  }
  if (f.contentLengthInvalid) f.contentLength = null;
  return f;
}

/** RFC 9112 §9.3: may the connection stay open after this message (as far as this message says)? */
export function keepAliveOf(version: string, f: FramingFields): boolean {
  if (f.connectionClose) return false;
  if (version === 'HTTP/1.0') return f.connectionKeepAlive;
  return true;
}
