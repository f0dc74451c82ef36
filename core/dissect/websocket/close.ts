// Close frame payloads (RFC 6455 §5.5.1): empty, or a 2-byte status code then a UTF-8 reason.
// Status codes (§7.4.1, §7.4.2, IANA "WebSocket Close Code Number Registry"): 1000-1003 and
// 1007-1014 may be sent; 1004 is reserved, and 1005, 1006, 1015 must never appear on the wire;
// 0-999 are unused, 1016-2999 are for future RFCs; 3000-4999 belong to libraries and applications.

export function isValidCloseCode(code: number): boolean {
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006;
}

const NAMES: Record<number, string> = {
  1000: 'Normal Closure',
  1001: 'Going Away',
  1002: 'Protocol Error',
  1003: 'Unsupported Data',
  1005: 'No Status Received',
  1006: 'Abnormal Closure',
  1007: 'Invalid Payload Data',
  1008: 'Policy Violation',
  1009: 'Message Too Big',
  1010: 'Mandatory Extension',
  1011: 'Internal Error',
  1012: 'Service Restart',
  1013: 'Try Again Later',
  1014: 'Bad Gateway',
  1015: 'TLS Handshake',
};

/** The registry name of a close code, or null. */
export function closeCodeName(code: number): string | null {
  return NAMES[code] ?? null;
}
