// RFC 9112 §3 request-line (method SP request-target SP HTTP-version) and §4 status-line
// (HTTP-version SP status-code SP [reason-phrase]), parsed from one line without its line ending.
// Positions are returned relative to the line so the caller can turn them into stream spans.
// parseRequestLinePrefix reads a request line the capture cut short (snaplen, gap, end of capture)
// once the parts that identify it are there, as Wireshark still shows the method and URI of a
// request line cut inside its version. A status line cut inside its reason phrase is still a valid
// status-line (shorter reason), so parseStatusLine serves for both.

import { isDigit, isTchar, startsWithAscii } from '../../bytes/ascii.ts';

export interface RequestLine {
  methodEnd: number;
  targetStart: number;
  targetEnd: number;
  versionStart: number;
}

export interface StatusLine {
  status: number;
  /** Start of the reason phrase (= line length when there is none). */
  reasonStart: number;
}

/** RFC 9112 §2.3: "HTTP/" DIGIT "." DIGIT, at line[start, end). */
function isVersion(line: Uint8Array, start: number, end: number): boolean {
  return (
    end - start === 8 &&
    startsWithAscii(line, start, 'HTTP/') &&
    isDigit(line[start + 5]!) &&
    line[start + 6] === 0x2e &&
    isDigit(line[start + 7]!)
  );
}

/** line[start, end) could be the beginning of an HTTP-version ("HTTP/" DIGIT "." DIGIT). */
function isVersionPrefix(line: Uint8Array, start: number, end: number): boolean {
  const n = end - start;
  if (n > 8) return false;
  for (let i = 0; i < n; i++) {
    const b = line[start + i]!;
    const ok = i < 5 ? b === 'HTTP/'.charCodeAt(i) : i === 6 ? b === 0x2e : isDigit(b);
    if (!ok) return false;
  }
  return true;
}

/** Method, target and the SP after the target, then at most a prefix of the version. */
export function parseRequestLinePrefix(line: Uint8Array, len: number): RequestLine | null {
  let i = 0;
  while (i < len && isTchar(line[i]!)) i++;
  if (i === 0 || i >= len || line[i] !== 0x20) return null;
  let j = i + 1;
  while (j < len && line[j]! > 0x20 && line[j] !== 0x7f) j++;
  if (j === i + 1 || j >= len || line[j] !== 0x20) return null;
  if (!isVersionPrefix(line, j + 1, len)) return null;
  return { methodEnd: i, targetStart: i + 1, targetEnd: j, versionStart: j + 1 };
}

export function parseRequestLine(line: Uint8Array, len: number): RequestLine | null {
  let i = 0;
  while (i < len && isTchar(line[i]!)) i++;
  if (i === 0 || i >= len || line[i] !== 0x20) return null;
  const methodEnd = i;
  const targetStart = i + 1;
  let j = targetStart;
  // request-target: visible characters (obs-text tolerated, as servers do); no SP, no controls.
  while (j < len && line[j]! > 0x20 && line[j] !== 0x7f) j++;
  if (j === targetStart || j >= len || line[j] !== 0x20) return null;
  if (!isVersion(line, j + 1, len)) return null;
  return { methodEnd, targetStart, targetEnd: j, versionStart: j + 1 };
}

export function parseStatusLine(line: Uint8Array, len: number): StatusLine | null {
  if (len < 12 || !isVersion(line, 0, 8) || line[8] !== 0x20) return null;
  if (!isDigit(line[9]!) || !isDigit(line[10]!) || !isDigit(line[11]!)) return null;
  const status = (line[9]! - 0x30) * 100 + (line[10]! - 0x30) * 10 + (line[11]! - 0x30);
  if (status < 100) return null;
  // A missing reason phrase (and even its SP) is common and harmless (RFC 9112 §4).
  if (len === 12) return { status, reasonStart: 12 };
  if (line[12] !== 0x20) return null;
  for (let k = 13; k < len; k++) {
    const b = line[k]!;
    if ((b < 0x20 && b !== 0x09) || b === 0x7f) return null;
  }
  return { status, reasonStart: 13 };
}
