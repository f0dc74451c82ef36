// The chapters of a connection's story, in the order a reader meets them:
//   tcp-handshake   RFC 9293 §3.5 three-way handshake (SYN .. the ACK of the SYN-ACK)
//   http-exchange   RFC 9112 §2.1 one request and its response (pipelined ones overlap)
//   upgrade         RFC 6455 §4 / RFC 9110 §7.8: the exchange answered with 101
//   messages        RFC 6455 §5.4-5.5 data and control frames before the closing handshake
//   close-handshake RFC 6455 §5.5.1 / §7.1.2 the Close frames
//   tls / data      payload the engine does not dissect (RFC 8446 records; anything else)
//   tcp-teardown    RFC 9293 §3.6 from the first FIN or RST to the last packet
// Phases may overlap (pipelining; a close-delimited response ends with the FIN, RFC 9112 §6.3),
// so each is a frame range, not a partition of the rows.

import type { ConnectionDissection } from '../dissect/dispatch.ts';
import type { HttpExchange } from '../dissect/http1/types.ts';
import { TcpFlag } from '../decode/types.ts';
import type { Connection } from '../tcp/types.ts';
import type { PacketRow, Phase, PhaseKind } from './types.ts';
import { requestText } from './app-labels.ts';

const ORDER: Record<PhaseKind, number> = {
  'tcp-handshake': 0,
  upgrade: 1,
  'http-exchange': 2,
  tls: 3,
  data: 4,
  messages: 5,
  'close-handshake': 6,
  'tcp-teardown': 7,
};

const WS_CLOSE = 8;

/** The row of a frame: rows are in file order, so a binary search (no per-connection map). */
function rowAt(rows: readonly PacketRow[], frame: number): PacketRow | undefined {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const f = rows[mid]!.frame;
    if (f === frame) return rows[mid];
    if (f < frame) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

function exchangeLabel(x: HttpExchange): string {
  const req = x.request ? requestText(x) : '(request not captured)';
  const res =
    x.status === null ? 'no response' : x.upgrade ? `${x.status} ${x.upgrade.protocol}` : String(x.status);
  return `${req} → ${res}`;
}

export function buildPhases(tcp: Connection, d: ConnectionDissection, rows: readonly PacketRow[]): Phase[] {
  if (rows.length === 0) return [];
  const last = rows[rows.length - 1]!;
  const phases: Phase[] = [];
  const push = (
    kind: PhaseKind,
    label: string,
    first: number,
    lastFrame: number,
    exchange?: number,
  ): void => {
    const a = rowAt(rows, first);
    const b = rowAt(rows, lastFrame);
    if (!a || !b) return;
    const [from, to] = a.frame <= b.frame ? [a, b] : [b, a];
    const p: Phase = {
      kind,
      label,
      firstFrame: from.frame,
      lastFrame: to.frame,
      start: from.time,
      end: to.time,
    };
    if (exchange !== undefined) p.exchange = exchange;
    phases.push(p);
  };

  const h = tcp.handshake;
  const opened = [h.syn, h.synAck].filter((f): f is number => f !== null);
  if (opened.length > 0) {
    // The capture may hold the SYN-ACK before the SYN (reordered): the phase spans both.
    const names = [h.syn !== null && 'SYN', h.synAck !== null && 'SYN-ACK', h.ack !== null && 'ACK'].filter(
      Boolean,
    );
    const ends = [...opened, ...(h.ack !== null ? [h.ack] : [])];
    push('tcp-handshake', names.join(', '), Math.min(...ends), Math.max(...ends));
  }

  let afterHttp = -1;
  for (const x of d.http) {
    const first = x.requestFirstFrame ?? x.responseFirstFrame ?? x.interim[0]?.firstFrame;
    const end =
      x.responseFrame ??
      x.response?.frame ??
      x.response?.firstFrame ??
      x.requestFrame ??
      x.request?.frame ??
      first;
    if (first === undefined || first === null || end === undefined || end === null) continue;
    afterHttp = Math.max(afterHttp, end);
    const upgraded = x.status === 101 && x.upgrade !== null;
    push(upgraded ? 'upgrade' : 'http-exchange', exchangeLabel(x), first, end, x.index);
  }

  const ws = d.websocket;
  if (ws && ws.frames.length > 0) {
    // One pass over the (maybe 200000) frames, no copies: the range before the first Close
    // frame, and the range of the Close frames.
    const frames = ws.frames;
    let firstFrame = Infinity;
    let lastFrame = -Infinity;
    let closeFirst = Infinity;
    let closeLast = -Infinity;
    let closed = false;
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i]!;
      if (f.opcode === WS_CLOSE) {
        closed = true;
        if (f.firstFrame < closeFirst) closeFirst = f.firstFrame;
        if (f.frame > closeLast) closeLast = f.frame;
      } else if (!closed) {
        if (f.firstFrame < firstFrame) firstFrame = f.firstFrame;
        if (f.frame > lastFrame) lastFrame = f.frame;
      }
    }
    if (frames[0]!.opcode !== WS_CLOSE) {
      let data = 0;
      for (const m of ws.messages)
        if ((m.type === 'text' || m.type === 'binary') && m.lastFrame <= lastFrame) data++;
      push('messages', `${data} data message${data === 1 ? '' : 's'}`, firstFrame, lastFrame);
    }
    if (closed) {
      const codes = ws.messages.filter((m) => m.type === 'close').map((m) => `${m.from} ${m.code ?? '-'}`);
      push('close-handshake', codes.join(', '), closeFirst, closeLast);
    }
  }

  // Payload nobody dissected: TLS records, the bytes of a non-WebSocket upgrade or tunnel, or an
  // unknown protocol.
  const opaque = d.tls !== null || d.switchedTo !== null || d.application === 'unknown';
  if (opaque) {
    const payload = rows.filter((r) => r.len > 0 && r.frame > afterHttp);
    if (payload.length > 0) {
      const bytes = payload.reduce((n, r) => n + r.len, 0);
      if (d.tls) {
        const sni = d.tls.sni ? ` (SNI ${d.tls.sni})` : '';
        push(
          'tls',
          `${d.tls.helloVersion ?? d.tls.version ?? 'TLS'}${sni}, ${bytes} B`,
          payload[0]!.frame,
          payload[payload.length - 1]!.frame,
        );
      } else {
        const what = d.switchedTo ? `after switch to ${d.switchedTo}` : 'unknown protocol';
        push('data', `${bytes} B, ${what}`, payload[0]!.frame, payload[payload.length - 1]!.frame);
      }
    }
  }

  const close = rows.find((r) => (r.flags & (TcpFlag.FIN | TcpFlag.RST)) !== 0);
  if (close) {
    const rst = (close.flags & TcpFlag.RST) !== 0;
    push(
      'tcp-teardown',
      `${rst ? 'RST' : 'FIN'} from ${close.dir === 0 ? 'client' : 'server'}`,
      close.frame,
      last.frame,
    );
  }

  // Stable: http exchanges keep their index order among equal starts.
  return phases
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.firstFrame - b.p.firstFrame || ORDER[a.p.kind] - ORDER[b.p.kind] || a.i - b.i)
    .map((e) => e.p);
}
