// Recognises a WebSocket connection whose HTTP Upgrade is not in the capture (it started later),
// the way Wireshark's heuristic dissectors do: the first bytes of each direction must parse as a
// run of RFC 6455 §5.2 frames that real endpoints send — masked from the client and unmasked from
// the server (§5.1), known opcodes, no RSV bits but RSV1 (permessage-deflate), short unfragmented
// control frames (§5.5), minimal length encodings, and valid UTF-8 in uncompressed text frames.

import { Utf8Validator } from './utf8.ts';

const MAX_PLAUSIBLE_PAYLOAD = 16 * 1024 * 1024;
const MAX_FRAMES_CHECKED = 32;

interface Walk {
  complete: number;
  problem: string | null;
}

function walk(buf: Uint8Array, expectMasked: boolean, side: string): Walk {
  let pos = 0;
  let complete = 0;
  while (pos < buf.length && complete < MAX_FRAMES_CHECKED) {
    if (buf.length - pos < 2) break;
    const b0 = buf[pos]!;
    const b1 = buf[pos + 1]!;
    const opcode = b0 & 0x0f;
    const fin = (b0 & 0x80) !== 0;
    const rsv = (b0 >>> 4) & 7;
    const masked = (b1 & 0x80) !== 0;
    const at = `${side} frame ${complete + 1}`;
    if (!(opcode <= 2 || (opcode >= 8 && opcode <= 10)))
      return { complete, problem: `${at}: opcode ${opcode} is reserved` };
    if (rsv !== 0 && rsv !== 4) return { complete, problem: `${at}: RSV bits ${rsv.toString(2)} set` };
    if (masked !== expectMasked) return { complete, problem: `${at}: ${masked ? 'masked' : 'not masked'}` };
    let len = b1 & 0x7f;
    let header = 2;
    if (len === 126) {
      if (buf.length - pos < 4) break;
      len = (buf[pos + 2]! << 8) | buf[pos + 3]!;
      header = 4;
      if (len < 126) return { complete, problem: `${at}: non-minimal length` };
    } else if (len === 127) {
      if (buf.length - pos < 10) break;
      const hi = ((buf[pos + 2]! << 24) | (buf[pos + 3]! << 16) | (buf[pos + 4]! << 8) | buf[pos + 5]!) >>> 0;
      const lo = ((buf[pos + 6]! << 24) | (buf[pos + 7]! << 16) | (buf[pos + 8]! << 8) | buf[pos + 9]!) >>> 0;
      if (hi !== 0 || lo > MAX_PLAUSIBLE_PAYLOAD) return { complete, problem: `${at}: implausible length` };
      len = lo;
      header = 10;
      if (len < 65536) return { complete, problem: `${at}: non-minimal length` };
    }
    if (opcode >= 8 && (!fin || len > 125)) return { complete, problem: `${at}: malformed control frame` };
    if (opcode >= 8 && rsv !== 0) return { complete, problem: `${at}: RSV1 on a control frame` };
    const keyAt = pos + header;
    if (masked) header += 4;
    const end = pos + header + len;
    if (end > buf.length) break;
    if (opcode === 1 && rsv === 0 && fin) {
      const v = new Utf8Validator();
      for (let i = 0; i < len; i++) {
        const byte = masked ? buf[pos + header + i]! ^ buf[keyAt + (i & 3)]! : buf[pos + header + i]!;
        if (!v.push(new Uint8Array([byte]))) break;
      }
      if (!v.finish()) return { complete, problem: `${at}: text frame is not UTF-8` };
    }
    complete++;
    pos = end;
  }
  return { complete, problem: null };
}

/**
 * Heuristic for a connection without a captured handshake: `dir0`/`dir1` are the first bytes of
 * the client→server and server→client streams (either may be empty).
 */
export function looksLikeWebSocket(dir0: Uint8Array, dir1: Uint8Array): { likely: boolean; reason: string } {
  if (dir0.length === 0 && dir1.length === 0) return { likely: false, reason: 'no data' };
  const client = walk(dir0, true, 'client');
  if (client.problem !== null) return { likely: false, reason: client.problem };
  const server = walk(dir1, false, 'server');
  if (server.problem !== null) return { likely: false, reason: server.problem };
  if (client.complete === 0 && server.complete === 0) return { likely: false, reason: 'no complete frame' };
  // Masked client frames are a strong sign (a set mask bit plus a key); unmasked server frames
  // alone are weak (two bytes can look like a header by chance), so ask for more of them.
  if (client.complete === 0 && server.complete < 2)
    return { likely: false, reason: 'only one unmasked server frame' };
  return {
    likely: true,
    reason: `${client.complete} masked client frame(s) and ${server.complete} unmasked server frame(s) parse cleanly`,
  };
}
