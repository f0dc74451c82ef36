// A connection as a plain-text ladder (sequence) diagram: the client lane on the left, the server
// lane on the right, one arrow per TCP packet labelled the way tshark's summary line reads
// (RFC 9293 §3.1 flags, relative seq/ack, payload length), with what the packet meant to HTTP,
// WebSocket or TLS next to it. Used for golden tests and `wirestep ladder`, so it must be
// deterministic (only capture timestamps) and stay readable in a code review diff.

import { Analysis } from '../tcp/types.ts';
import { TcpFlag } from '../decode/types.ts';
import type { ConnectionTimeline, LadderRow, Phase } from './types.ts';
import { tcpFlagNames } from '../decode/tcp-flag-names.ts';

export interface LadderOptions {
  /** Columns between the two lanes (default 56). */
  width?: number;
  /** Print each endpoint's TCP state (RFC 9293 §3.3.2) in the margins when it changes. */
  showStates?: boolean;
}

/** Silences longer than this are marked on the ladder (seconds). */
export const IDLE_MARK_SECONDS = 1;

const FRAME_W = 6;
const TIME_W = 10;
const STATE_W = 12;

export function flagsText(flags: number): string {
  const names = tcpFlagNames(flags);
  return names.length ? names.join(', ') : '<none>';
}

/** tshark-style expert notes for a row (tcp.analysis.*). */
export function analysisMarkers(r: LadderRow): string[] {
  const a = r.analysis;
  const out: string[] = [];
  const of = r.retransmissionOf !== undefined ? ` of ${r.retransmissionOf}` : '';
  if (a & Analysis.SPURIOUS_RETRANSMISSION) out.push(`[spurious retransmission${of}]`);
  else if (a & Analysis.FAST_RETRANSMISSION) out.push(`[fast retransmission${of}]`);
  else if (a & Analysis.RETRANSMISSION) out.push(`[retransmission${of}]`);
  if (a & Analysis.OUT_OF_ORDER) out.push('[out-of-order]');
  if (a & Analysis.LOST_SEGMENT) out.push('[previous segment not captured]');
  if (a & Analysis.ACKED_UNSEEN) out.push('[acked unseen segment]');
  if (a & Analysis.DUPLICATE_ACK) {
    const n = r.dupAckCount !== undefined ? ` #${r.dupAckCount}` : '';
    const f = r.dupAckOf !== undefined ? ` of ${r.dupAckOf}` : '';
    out.push(`[dup ack${n}${f}]`);
  }
  if (a & Analysis.ZERO_WINDOW) out.push('[zero window]');
  if (a & Analysis.ZERO_WINDOW_PROBE) out.push('[zero window probe]');
  if (a & Analysis.ZERO_WINDOW_PROBE_ACK) out.push('[zero window probe ack]');
  if (a & Analysis.KEEP_ALIVE) out.push('[keep-alive]');
  if (a & Analysis.KEEP_ALIVE_ACK) out.push('[keep-alive ack]');
  if (a & Analysis.WINDOW_UPDATE) out.push('[window update]');
  if (a & Analysis.WINDOW_FULL) out.push('[window full]');
  if (a & Analysis.REUSED_PORTS) out.push('[reused ports]');
  return out;
}

/** Handshake options worth reading (RFC 9293 §3.7.1 MSS, RFC 7323 §2 window scale, RFC 2018 SACK). */
function optionNotes(r: LadderRow): string[] {
  const out: string[] = [];
  if (r.mss !== undefined) out.push(`MSS=${r.mss}`);
  if (r.windowScale !== undefined) out.push(`wscale=${r.windowScale}`);
  if (r.sackPermitted) out.push('SACK_PERM');
  if (r.sack && r.sack.length > 0 && r.flags & TcpFlag.ACK) {
    // SACK edges are in the peer's sequence space, like ack: make them relative the same way.
    const base = r.ack - r.relAck;
    out.push('SACK ' + r.sack.map(([a, b]) => `${(a - base) >>> 0}-${(b - base) >>> 0}`).join(','));
  }
  return out;
}

function arrowText(r: LadderRow): string {
  let s = `${flagsText(r.flags)} seq=${r.relSeq}`;
  if (r.flags & TcpFlag.ACK) s += ` ack=${r.relAck}`;
  return `${s} len=${r.len}`;
}

function arrow(r: LadderRow, width: number): string {
  const inner = ` ${arrowText(r)} `;
  const dashes = Math.max(2, width - 1 - inner.length);
  const left = Math.floor(dashes / 2);
  const right = dashes - left;
  const body = '─'.repeat(left) + inner + '─'.repeat(right);
  return r.dir === 0 ? body + '>' : '<' + body;
}

export function msText(seconds: number): string {
  const ms = seconds * 1000;
  return (Math.abs(ms) < 0.0005 ? 0 : ms).toFixed(3);
}

function secondsText(seconds: number): string {
  return seconds >= 1 ? `${seconds.toFixed(3)} s` : `${msText(seconds)} ms`;
}

export function phaseTitle(p: Phase): string {
  switch (p.kind) {
    case 'tcp-handshake':
      return `TCP handshake (${p.label})`;
    case 'http-exchange':
      return `HTTP exchange ${(p.exchange ?? 0) + 1}: ${p.label}`;
    case 'upgrade':
      return `HTTP upgrade (exchange ${(p.exchange ?? 0) + 1}): ${p.label}`;
    case 'messages':
      return `WebSocket messages (${p.label})`;
    case 'close-handshake':
      return `WebSocket close handshake (${p.label})`;
    case 'tls':
      return `TLS: ${p.label}`;
    case 'data':
      return `Data: ${p.label}`;
    case 'tcp-teardown':
      return `TCP teardown (${p.label})`;
  }
}

/** More pipelined exchanges than this starting on one row share one separator. */
const MAX_SEPARATORS_PER_ROW = 3;

function separatorTitles(starting: Phase[]): string[] {
  const exchanges = starting.filter((p) => p.kind === 'http-exchange');
  if (exchanges.length <= MAX_SEPARATORS_PER_ROW) return starting.map(phaseTitle);
  const out: string[] = [];
  let done = false;
  for (const p of starting) {
    if (p.kind !== 'http-exchange') out.push(phaseTitle(p));
    else if (!done) {
      done = true;
      const first = (exchanges[0]!.exchange ?? 0) + 1;
      const last = (exchanges[exchanges.length - 1]!.exchange ?? 0) + 1;
      out.push(`HTTP exchanges ${first}-${last}: ${exchanges.length} pipelined requests`);
    }
  }
  return out;
}

/** Consecutive identical labels (a burst of pipelined `404 Not Found`s) read better as one with a count. */
function groupRepeats(texts: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < texts.length) {
    let j = i + 1;
    while (j < texts.length && texts[j] === texts[i]) j++;
    out.push(j - i > 1 ? `${texts[i]} ×${j - i}` : texts[i]!);
    i = j;
  }
  return out;
}

function padRight(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function padLeft(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

export function renderLadder(c: ConnectionTimeline, opts: LadderOptions = {}): string {
  const width = Math.max(24, opts.width ?? 56);
  const states = opts.showStates ?? false;
  const rows = c.rows;
  const t0 = rows[0]?.time ?? 0;
  const m = c.metrics;
  // Columns: frame, time, [client state], lane, arrow, lane, [server state], notes.
  const prefix = FRAME_W + 2 + TIME_W + 2 + (states ? STATE_W + 1 : 0);
  const total = prefix + width + 2 + (states ? STATE_W + 1 : 0);
  const lines: string[] = [];

  lines.push(
    `Connection ${c.id}: ${c.client} → ${c.server}, ${c.application}, ` +
      `${m.packets} packet${m.packets === 1 ? '' : 's'} in ${msText(m.duration)} ms`,
  );
  lines.push('');
  const laneHeader = (left: string, right: string, head = ''): string => {
    const gap = Math.max(1, width + 2 - left.length - right.length);
    return (padRight(head, prefix) + left + ' '.repeat(gap) + right).trimEnd();
  };
  lines.push(laneHeader('client', 'server', padLeft('frame', FRAME_W) + '  ' + padLeft('time ms', TIME_W)));
  lines.push(laneHeader(c.client, c.server));
  if (states && rows[0]) {
    const [cs, ss] = rows[0].statesBefore;
    lines.push(
      ' '.repeat(prefix - STATE_W - 1) + padLeft(cs, STATE_W) + ' |' + ' '.repeat(width) + '| ' + ss,
    );
  }

  const phases = c.phases;
  let next = 0;
  let prev: LadderRow | null = null;
  for (const r of rows) {
    if (prev && r.time - prev.time > IDLE_MARK_SECONDS) {
      const note = `··· ${(r.time - prev.time).toFixed(3)} s idle ···`;
      const pad = Math.max(0, width - note.length);
      const mid = ' '.repeat(Math.floor(pad / 2)) + note + ' '.repeat(pad - Math.floor(pad / 2));
      lines.push(' '.repeat(prefix) + '|' + mid + '|');
    }
    const starting: Phase[] = [];
    while (next < phases.length && phases[next]!.firstFrame <= r.frame) starting.push(phases[next++]!);
    for (const title of separatorTitles(starting)) {
      const head = `── ${title} `;
      lines.push(head + '─'.repeat(Math.max(2, total - head.length)));
    }
    let line = padLeft(String(r.frame), FRAME_W) + '  ' + padLeft(msText(r.time - t0), TIME_W) + '  ';
    const changed = (i: 0 | 1) => !prev || prev.states[i] !== r.states[i];
    if (states) line += padLeft(changed(0) ? r.states[0] : '', STATE_W) + ' ';
    line += '|' + arrow(r, width) + '|';
    if (states) line += ' ' + padRight(changed(1) ? r.states[1] : '', STATE_W);
    const notes = [
      ...groupRepeats(r.labels.map((l) => l.text)),
      ...analysisMarkers(r),
      ...(r.diagnostics ?? []).map((id) => `[${id}]`),
      ...optionNotes(r),
    ];
    if (notes.length) line += '  ' + notes.join('  ');
    lines.push(line.trimEnd());
    prev = r;
  }

  lines.push('─'.repeat(total));
  const rtt = m.initialRtt !== null ? ` (initial RTT ${msText(m.initialRtt)} ms)` : '';
  lines.push(
    `handshakes ${m.handshakes}${rtt}, round trips ${m.roundTrips}, ` +
      `HTTP exchanges ${m.httpExchanges}, WebSocket messages ${m.wsMessages}, max idle ${secondsText(m.maxIdle)}`,
  );
  lines.push(
    `bytes: TCP/IP headers ${m.tcpIpHeaderBytes}, HTTP headers ${m.httpHeaderBytes}, ` +
      `WebSocket headers ${m.wsHeaderBytes}, payload ${m.payloadBytes}`,
  );
  return lines.join('\n') + '\n';
}
