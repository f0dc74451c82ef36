// The WebSocket message list as data: one row per message (RFC 6455 §5.4 a data message may span
// several frames, §5.5 control frames are messages of their own), its direction, type, size and a
// one-line preview; filtering by type and text; and which WebSocket frames and which TCP segments
// carried a message, found by stream offsets (a frame's bytes are [headerOffset, payloadOffset +
// length) of its direction's stream; a TCP segment carries [relSeq - 1, relSeq - 1 + len), because
// stream offset 0 is the byte after the SYN, ISN + 1). Pure: no DOM, no React.

import type { WebSocketDissection } from '../../../../core/dissect/dispatch.ts';
import type { WsFrame, WsMessage, WsMessageType } from '../../../../core/dissect/websocket/types.ts';
import type { LadderRow } from '../../../../core/timeline/types.ts';
import { clipText } from '../../../../core/bytes/safe-text.ts';

export type WsTypeFilter = 'all' | 'data' | 'text' | 'binary' | 'control' | 'ping' | 'pong' | 'close';
export const WS_TYPE_FILTERS: WsTypeFilter[] = [
  'all',
  'data',
  'text',
  'binary',
  'control',
  'ping',
  'pong',
  'close',
];

export interface WsMessageRow {
  /** Index in the dissection's messages. */
  index: number;
  message: WsMessage;
  /** up: client → server, down: server → client (DevTools' arrows). */
  dir: 'up' | 'down';
  /** Capture time (s since capture start) of the frame completing it, null when unknown. */
  time: number | null;
  /** Decoded payload length. */
  size: number;
  /** WebSocket frames that carried it (> 1: fragmented, with continuation frames). */
  fragments: number;
  preview: string;
}

/** RFC 6455 §5.2 opcode names, continuation included (it names fragments, not messages). */
export function opcodeName(opcode: number): string {
  switch (opcode) {
    case 0:
      return 'continuation';
    case 1:
      return 'text';
    case 2:
      return 'binary';
    case 8:
      return 'close';
    case 9:
      return 'ping';
    case 10:
      return 'pong';
    default:
      return `0x${opcode.toString(16)}`;
  }
}

export function isControl(t: WsMessageType): boolean {
  return t === 'ping' || t === 'pong' || t === 'close';
}

const PREVIEW_CHARS = 160;
const PREVIEW_HEX_BYTES = 24;

/** Hex pairs separated by spaces, e.g. "01 ff"; from a packed hex string ("01ff"). */
export function spacedHex(hex: string, maxBytes = Infinity): string {
  const n = Math.min(hex.length >> 1, maxBytes);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(hex.slice(i * 2, i * 2 + 2));
  return out.join(' ') + (hex.length >> 1 > n ? ' …' : '');
}

export function bytesToHex(bytes: Uint8Array, maxBytes = Infinity): string {
  const n = Math.min(bytes.length, maxBytes);
  let s = '';
  for (let i = 0; i < n; i++) s += bytes[i]!.toString(16).padStart(2, '0');
  return s;
}

/** One line for the list: text clipped and made safe, binary as hex, close as code + reason. */
export function previewOf(m: WsMessage): string {
  switch (m.type) {
    case 'text':
      return m.text !== null ? clipText(m.text, PREVIEW_CHARS) : '';
    case 'binary':
      if (m.data) return spacedHex(bytesToHex(m.data, PREVIEW_HEX_BYTES + 1), PREVIEW_HEX_BYTES);
      return m.payloadHex ? spacedHex(m.payloadHex, PREVIEW_HEX_BYTES) : '';
    case 'close': {
      const parts: string[] = [];
      if (m.code !== null) parts.push(String(m.code));
      if (m.reason) parts.push(clipText(m.reason, PREVIEW_CHARS));
      return parts.join(' ');
    }
    default:
      if (m.text) return clipText(m.text, PREVIEW_CHARS);
      return m.payloadHex ? spacedHex(m.payloadHex, PREVIEW_HEX_BYTES) : '';
  }
}

export function messageRows(
  ws: WebSocketDissection | null,
  timeOf: (frame: number) => number | null,
): WsMessageRow[] {
  if (!ws) return [];
  return ws.messages.map((m, index) => ({
    index,
    message: m,
    dir: m.from === 'client' ? 'up' : 'down',
    time: timeOf(m.lastFrame),
    size: m.length,
    fragments: m.frames.length,
    preview: previewOf(m),
  }));
}

function typeMatches(t: WsMessageType, f: WsTypeFilter): boolean {
  switch (f) {
    case 'all':
      return true;
    case 'data':
      return t === 'text' || t === 'binary';
    case 'control':
      return isControl(t);
    default:
      return t === f;
  }
}

/** Rows of the given type whose text (or close reason, or hex) contains `query` (case-insensitive). */
export function filterMessages(
  rows: readonly WsMessageRow[],
  type: WsTypeFilter,
  query: string,
): WsMessageRow[] {
  const q = query.trim().toLowerCase();
  return rows.filter((r) => {
    if (!typeMatches(r.message.type, type)) return false;
    if (!q) return true;
    const m = r.message;
    const hay = [m.text ?? '', m.reason ?? '', m.payloadHex ?? '', r.preview];
    return hay.some((h) => h.toLowerCase().includes(q));
  });
}

/** Pretty-printed JSON when the text is a JSON object or array, else null. */
export function prettyJson(text: string | null): string | null {
  if (text === null) return null;
  const s = text.trim();
  if (!(s.startsWith('{') || s.startsWith('['))) return null;
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return null;
  }
}

/** Bytes of a packed hex string ("0a1b"). */
export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Classic hex dump lines: offset, 16 bytes in hex, printable ASCII. */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): string[] {
  const n = Math.min(bytes.length, maxBytes);
  const lines: string[] = [];
  for (let off = 0; off < n; off += 16) {
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      if (off + i < n) {
        const b = bytes[off + i]!;
        hex += b.toString(16).padStart(2, '0') + (i === 7 ? '  ' : ' ');
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else hex += i === 7 ? '    ' : '   ';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex} ${ascii}`);
  }
  return lines;
}

export interface MessageCarriers {
  frames: WsFrame[];
  /** Capture frames of the TCP segments carrying any of those bytes, ascending. */
  segments: number[];
}

/** The WebSocket frames of a message and the TCP segments (capture frames) that carried them. */
export function carriersOf(
  m: WsMessage,
  ws: WebSocketDissection,
  rows: readonly LadderRow[],
): MessageCarriers {
  const frames = m.frames.map((i) => ws.frames[i]).filter((f): f is WsFrame => f !== undefined);
  const dir = m.from === 'client' ? 0 : 1;
  const ranges = frames.map((f) => [f.headerOffset, f.payloadOffset + f.length] as const);
  const seen = new Set<number>();
  for (const r of rows) {
    if (r.dir !== dir || r.len === 0) continue;
    const start = r.relSeq - 1;
    const end = start + r.len;
    for (const [a, b] of ranges) {
      if (start < b && end > a) {
        seen.add(r.frame);
        break;
      }
    }
  }
  // Without the SYN the relative numbers are not stream offsets: fall back to the frames the
  // WebSocket parser named (first header byte, completion).
  if (seen.size === 0) for (const f of frames) for (const x of [f.firstFrame, f.frame]) seen.add(x);
  return { frames, segments: [...seen].sort((a, b) => a - b) };
}

/** Frame → capture time lookup over a connection's rows. */
export function timeLookup(rows: readonly LadderRow[]): (frame: number) => number | null {
  const map = new Map<number, number>();
  for (const r of rows) map.set(r.frame, r.time);
  return (f) => map.get(f) ?? null;
}

/** Byte counts like DevTools: 12 B, 1.5 kB, 2.0 MB. */
export function sizeText(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}
