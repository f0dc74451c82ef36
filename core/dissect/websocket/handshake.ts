// The opening handshake checks of RFC 6455: §4.2.2 item 5.4 (Sec-WebSocket-Accept is
// base64(SHA-1(key + GUID))), §4.1 item 7 (the key is base64 of 16 random bytes) and §4.1 item 9
// (Sec-WebSocket-Version must be 13). The HTTP parser finds the headers; this only judges them.

import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { sha1 } from '../../bytes/sha1.ts';
import { decodeBase64, encodeBase64 } from '../../bytes/base64.ts';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const GUID_BYTES = Uint8Array.from(GUID, (c) => c.charCodeAt(0));

/**
 * key + GUID as bytes, one byte per char (header values are octets, decoded as Latin-1 upstream).
 * Written part by part: charCodeAt over the concatenation `key + GUID` (a rope V8 does not
 * flatten here) took microseconds per character.
 */
function acceptInput(key: string): Uint8Array {
  const out = new Uint8Array(key.length + GUID_BYTES.length);
  for (let i = 0; i < key.length; i++) out[i] = key.charCodeAt(i) & 0xff;
  out.set(GUID_BYTES, key.length);
  return out;
}

export function computeAccept(key: string): string {
  return encodeBase64(sha1(acceptInput(key)));
}

export interface HandshakeInfo {
  /** Sec-WebSocket-Key of the request (null when absent). */
  key: string | null;
  /** Sec-WebSocket-Accept of the 101 response (null when absent). */
  accept: string | null;
  /** Sec-WebSocket-Version of the request, when known. */
  version?: string | null;
  requestFrame?: number | null;
  responseFrame?: number | null;
}

export interface HandshakeCheck {
  /** The accept value matches the key. */
  acceptValid: boolean;
  /** What the accept value should be (null without a key). */
  expectedAccept: string | null;
  diagnostics: Diagnostic[];
}

export function validateHandshake(info: HandshakeInfo): HandshakeCheck {
  const diagnostics: Diagnostic[] = [];
  const reqFrame = info.requestFrame ?? null;
  const resFrame = info.responseFrame ?? null;
  const key = info.key?.trim() ?? null;
  const accept = info.accept?.trim() ?? null;

  if (key === null) {
    diagnostics.push(
      diagnostic(
        'ws.handshake.key_missing',
        'error',
        reqFrame,
        'Upgrade request without Sec-WebSocket-Key (RFC 6455 §4.1)',
      ),
    );
  } else {
    const raw = decodeBase64(key);
    if (raw === null || raw.length !== 16) {
      diagnostics.push(
        diagnostic(
          'ws.handshake.key_invalid',
          'warn',
          reqFrame,
          `Sec-WebSocket-Key "${key}" is not base64 of 16 bytes (RFC 6455 §4.1)`,
        ),
      );
    }
  }
  if (info.version !== undefined && info.version !== null && info.version.trim() !== '13') {
    diagnostics.push(
      diagnostic(
        'ws.handshake.version_unsupported',
        'warn',
        reqFrame,
        `Sec-WebSocket-Version ${info.version.trim()}, RFC 6455 defines 13`,
      ),
    );
  }

  const expectedAccept = key === null ? null : computeAccept(key);
  let acceptValid = false;
  if (accept === null) {
    diagnostics.push(
      diagnostic(
        'ws.handshake.accept_missing',
        'error',
        resFrame,
        '101 response without Sec-WebSocket-Accept (RFC 6455 §4.2.2)',
      ),
    );
  } else if (expectedAccept !== null) {
    acceptValid = accept === expectedAccept;
    if (!acceptValid) {
      diagnostics.push(
        diagnostic(
          'ws.handshake.accept_mismatch',
          'error',
          resFrame,
          `Sec-WebSocket-Accept is "${accept}", expected "${expectedAccept}" for the key (RFC 6455 §4.2.2)`,
        ),
      );
    }
  }
  return { acceptValid, expectedAccept, diagnostics };
}
