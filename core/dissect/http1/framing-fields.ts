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

// List elements are walked with a cursor in module state rather than a callback: no closure per
// field (this runs for every message, mostly while the code is still cold).
let elStart = 0;
let elEnd = 0;

/**
 * The next comma-separated, OWS-trimmed, non-empty element of a list value at or after `i`: sets
 * [elStart, elEnd) and returns where to continue; -1 when there is none.
 */
function nextElement(v: string, i: number): number {
  const n = v.length;
  while (i <= n) {
    let j = v.indexOf(',', i);
    if (j < 0) j = n;
    let s = i;
    let e = j;
    while (s < e && isOws(v.charCodeAt(s))) s++;
    while (e > s && isOws(v.charCodeAt(e - 1))) e--;
    if (e > s) {
      elStart = s;
      elEnd = e;
      return j + 1;
    }
    i = j + 1;
  }
  return -1;
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
        for (let i = nextElement(v, 0); i >= 0; i = nextElement(v, i)) {
          const len = parseLength(v, elStart, elEnd);
          if (len < 0 || (f.contentLength !== null && f.contentLength !== len)) f.contentLengthInvalid = true;
          else f.contentLength = len;
        }
        break;
      case 17:
        if (!equalsIgnoreCase(name, 'transfer-encoding')) break;
        f.hasTransferEncoding = true;
        // Only the last coding matters (chunked must be final, RFC 9112 §6.1); a later field resets it.
        f.chunked = false;
        for (let i = nextElement(v, 0); i >= 0; i = nextElement(v, i)) {
          // Transfer-coding parameters ("chunked;x=1") are not allowed on chunked; compare the name.
          let n = elStart;
          while (n < elEnd && v.charCodeAt(n) !== 0x3b && !isOws(v.charCodeAt(n))) n++;
          f.chunked = rangeEqualsIgnoreCase(v, elStart, n, 'chunked');
        }
        break;
      case 10:
        if (!equalsIgnoreCase(name, 'connection')) break;
        for (let i = nextElement(v, 0); i >= 0; i = nextElement(v, i)) {
          if (rangeEqualsIgnoreCase(v, elStart, elEnd, 'close')) f.connectionClose = true;
          else if (rangeEqualsIgnoreCase(v, elStart, elEnd, 'keep-alive')) f.connectionKeepAlive = true;
          else if (rangeEqualsIgnoreCase(v, elStart, elEnd, 'upgrade')) f.connectionUpgrade = true;
        }
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
