// What each packet meant to the application, as short labels for the ladder. DESIGN §3: an HTTP
// message (RFC 9112 §2.1) or a WebSocket frame (RFC 6455 §5.2) belongs to the frame whose bytes
// complete it, so that is the row that carries its label. A TLS ClientHello (RFC 8446 §4.1.2) is
// only sniffed, so its label goes on the first client row carrying payload.

import type { ConnectionDissection } from '../dissect/dispatch.ts';
import type { HttpExchange } from '../dissect/http1/types.ts';
import type { WsFrame, WsMessage } from '../dissect/websocket/types.ts';
import type { PacketRow, AppLabel } from './types.ts';
import { clipText, quoted } from '../bytes/safe-text.ts';

/** Longest request target and WebSocket text quoted in a label, in code points. */
export const MAX_TARGET = 48;
export const MAX_QUOTE = 24;

/** RFC 6455 §5.2 opcodes. */
const OPCODE_NAMES: Record<number, string> = {
  0: 'Continuation',
  1: 'Text',
  2: 'Binary',
  8: 'Close',
  9: 'Ping',
  10: 'Pong',
};

/** RFC 8446 §5.1 ContentType. */
const RECORD_TYPES: Record<number, string> = {
  20: 'change_cipher_spec',
  21: 'alert',
  22: 'handshake',
  23: 'application_data',
};

const CLOSED_BY = { fin: 'body ended by FIN', rst: 'body ended by RST', eof: 'capture ended' } as const;

export function requestText(x: HttpExchange): string {
  return `${clipText(x.method ?? '?', 16)} ${clipText(x.target ?? '', MAX_TARGET)}`;
}

export function statusText(status: number, reason: string | null | undefined): string {
  const r = reason ? clipText(reason, MAX_TARGET) : '';
  return r ? `${status} ${r}` : String(status);
}

/**
 * `quoted(text, max)` for the common case (printable ASCII, no quote or backslash within the
 * first max characters): the same string without the regular expressions, which were most of
 * the label time of a capture with 100k WebSocket messages. Anything else goes to quoted().
 */
function quotedFast(text: string, max: number): string {
  const n = text.length < max ? text.length : max;
  let escape = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return quoted(text, max);
    if (c === 0x22 || c === 0x5c) escape = true;
  }
  // ASCII: code points are characters, so clipping is at max - 1 plus the ellipsis.
  let t = text.length <= max ? text : text.slice(0, max - 1);
  if (escape) {
    let out = '';
    let from = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22 || c === 0x5c) {
        out += t.slice(from, i) + (c === 0x22 ? '\\"' : '\\\\');
        from = i + 1;
      }
    }
    t = out + t.slice(from);
  }
  return text.length <= max ? `"${t}"` : `"${t}…"`;
}

export function messageText(m: WsMessage): string {
  let s: string;
  switch (m.type) {
    case 'text':
      s = m.text !== null ? `WS Text ${quotedFast(m.text, MAX_QUOTE)}` : `WS Text ${m.length} B`;
      break;
    case 'binary':
      s = `WS Binary ${m.length} B`;
      break;
    case 'ping':
    case 'pong':
      s = m.type === 'ping' ? 'Ping' : 'Pong';
      if (m.text) s += ` ${quotedFast(m.text, MAX_QUOTE)}`;
      else if (m.length > 0) s += ` ${m.length} B`;
      break;
    case 'close':
      s = 'Close';
      if (m.code !== null) s += ` ${m.code}`;
      if (m.reason) s += ` ${quotedFast(m.reason, MAX_QUOTE)}`;
      break;
  }
  if (m.compressed) s += ' (deflate)';
  if (m.incomplete) s += ' (incomplete)';
  return s;
}

function frameOnlyText(f: WsFrame): string {
  const name = OPCODE_NAMES[f.opcode] ?? `Opcode 0x${f.opcode.toString(16)}`;
  // A data frame without FIN starts a fragmented message (RFC 6455 §5.4).
  if (f.opcode === 1 || f.opcode === 2) return `WS ${name} fragment ${f.length} B`;
  if (f.opcode === 0) return `Continuation ${f.length} B`;
  return `WS ${name} ${f.length} B`;
}

function add(byFrame: Map<number, AppLabel[]>, frame: number | null, label: AppLabel): void {
  if (frame === null) return;
  const list = byFrame.get(frame);
  if (list) list.push(label);
  else byFrame.set(frame, [label]);
}

/** Labels keyed by capture frame number, in the order they should read on a row. */
export function appLabels(d: ConnectionDissection, rows: readonly PacketRow[]): Map<number, AppLabel[]> {
  const byFrame = new Map<number, AppLabel[]>();

  if (d.tls) {
    // After a CONNECT tunnel the hello follows the 2xx; otherwise it opens the connection.
    let after = -1;
    if (d.switchedTo === 'tls') for (const x of d.http) after = Math.max(after, x.responseFrame ?? -1);
    const first = rows.find((r) => r.len > 0 && r.frame > after && (d.tls!.clientHello ? r.dir === 0 : true));
    if (first) {
      const t = d.tls;
      const label: AppLabel = t.clientHello
        ? {
            kind: 'tls-client-hello',
            text: `TLS ClientHello${t.sni ? ` SNI=${clipText(t.sni, MAX_TARGET)}` : ''}`,
            ref: 0,
          }
        : {
            kind: 'tls',
            text: `TLS ${RECORD_TYPES[t.recordType ?? 0] ?? 'record'}${t.version ? ` (${t.version})` : ''}`,
            ref: 0,
          };
      add(byFrame, first.frame, label);
    }
  }

  for (const x of d.http) {
    if (x.request) add(byFrame, x.requestFrame, { kind: 'http-request', text: requestText(x), ref: x.index });
    for (const i of x.interim) {
      add(byFrame, i.frame, { kind: 'http-interim', text: statusText(i.status, i.reason), ref: x.index });
    }
    if (x.response && x.status !== null) {
      let text = statusText(x.status, x.response.reason);
      // RFC 9112 §6.3 item 8: a body without a length ends when the connection closes, so the
      // response completes on a FIN (or RST) row; say so, or the label looks misplaced.
      if (x.response.framing === 'close' && x.response.closedBy)
        text += ` (${CLOSED_BY[x.response.closedBy]})`;
      add(byFrame, x.responseFrame, { kind: 'http-response', text, ref: x.index });
    }
  }

  const ws = d.websocket;
  if (ws) {
    // The message a frame completes: the last of the frames that carried it (-1: none).
    const completes = new Int32Array(ws.frames.length).fill(-1);
    for (let i = 0; i < ws.messages.length; i++) {
      const frames = ws.messages[i]!.frames;
      const last = frames[frames.length - 1];
      if (last !== undefined && last < completes.length) completes[last] = i;
    }
    for (const f of ws.frames) {
      const mi = f.index < completes.length ? completes[f.index]! : -1;
      let label: AppLabel;
      if (mi >= 0) {
        const m = ws.messages[mi]!;
        const text = messageText(m);
        label = { kind: 'ws-message', text: f.opcode === 0 ? `Continuation → ${text}` : text, ref: mi };
      } else {
        label = { kind: 'ws-frame', text: frameOnlyText(f), ref: f.index };
      }
      if (f.truncated) label.text += ' (truncated)';
      add(byFrame, f.frame, label);
    }
  }
  return byFrame;
}
