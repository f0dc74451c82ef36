// The readable form of `wirestep analyze FILE`: one paragraph for the file, one block per
// connection, in words a person can check against the capture.

import type { AnalysisResult, ConnectionAnalysis } from '../core/analyze.ts';
import { endpointText } from '../core/analysis-json.ts';
import { linkTypeName } from '../core/capture-file/link-types.ts';
import { clipText as clip } from '../core/bytes/safe-text.ts';
import { websocketMessageTally } from '../core/dissect/dispatch.ts';
import { frameSpan } from '../core/tcp/frame-log.ts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function seconds(s: number): string {
  if (s < 1e-3) return `${(s * 1e6).toFixed(0)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(3)} ms`;
  return `${s.toFixed(3)} s`;
}

function frameRange(conn: { frames: number[] }): string {
  // frameSpan reads the connection's frame log: no number[] of every frame just for its ends.
  const span = frameSpan(conn);
  if (span === null) return 'no frames';
  return `frames ${span.first}–${span.last} (${span.count})`;
}

function connectionBlock(ca: ConnectionAnalysis): string[] {
  const t = ca.tcp;
  const lines: string[] = [];
  const role = t.clientInferred ? ' (roles guessed: no SYN in capture)' : '';
  lines.push(
    `#${t.id} ${endpointText(t.client)} → ${endpointText(t.server)}  ${ca.dissection.application}  ` +
      `${frameRange(t)}  ${seconds(t.lastTime - t.firstTime)}${role}`,
  );
  const h = t.handshake;
  const hs =
    h.syn === null && h.synAck === null
      ? 'not captured'
      : `SYN ${h.syn ?? '—'}, SYN-ACK ${h.synAck ?? '—'}, ACK ${h.ack ?? '—'}`;
  const rtt = t.initialRtt === null ? '' : `, initial RTT ${seconds(t.initialRtt)}`;
  lines.push(`   handshake: ${hs}${rtt}`);
  const close =
    t.close.kind === 'none'
      ? 'still open at end of capture'
      : `${t.close.kind.toUpperCase()} by ${t.close.by} (frame ${t.close.frame})`;
  lines.push(`   close: ${close}; states now ${t.states[0]} / ${t.states[1]}`);
  lines.push(
    `   bytes: client ${t.payloadBytes[0]} in ${plural(t.packetsBy[0], 'packet')}, server ${t.payloadBytes[1]} in ${plural(t.packetsBy[1], 'packet')}`,
  );
  lines.push(...applicationLines(ca));
  if (t.retransmissions.length > 0) lines.push(`   retransmissions: ${t.retransmissions.join(', ')}`);
  if (t.outOfOrder.length > 0) lines.push(`   out of order: ${t.outOfOrder.join(', ')}`);
  if (t.duplicateAcks.length > 0) lines.push(`   duplicate ACKs: ${t.duplicateAcks.join(', ')}`);
  return lines;
}

const MAX_LISTED = 20;

function applicationLines(ca: ConnectionAnalysis): string[] {
  const d = ca.dissection;
  const lines: string[] = [];
  for (const x of d.http.slice(0, MAX_LISTED)) {
    const req = x.method === null ? '(request not captured)' : `${x.method} ${clip(x.target ?? '', 60)}`;
    const res =
      x.status === null ? 'no response' : `${x.status} ${clip(x.response?.reason ?? '', 30)}`.trim();
    lines.push(`   ${req} → ${res}  (frames ${x.requestFrame ?? '—'} → ${x.responseFrame ?? '—'})`);
  }
  if (d.http.length > MAX_LISTED) lines.push(`   … and ${d.http.length - MAX_LISTED} more exchanges`);
  const h = d.httpSummary;
  if (h && d.application === 'http') {
    if (h.shortConnection)
      lines.push(`   short connection: one exchange, then the ${h.closedBy ?? '?'} closed`);
    else if (h.reused)
      lines.push(`   persistent connection: ${d.http.length} exchanges on one TCP connection`);
  }
  if (d.tls)
    lines.push(
      `   TLS${d.tls.version ? ` (${d.tls.version})` : ''}${d.tls.sni ? `, SNI ${clip(d.tls.sni, 80)}` : ''}`,
    );
  if (d.switchedTo) lines.push(`   switched to: ${d.switchedTo}`);
  const ws = d.websocket;
  if (ws) {
    const u = ws.upgrade;
    const how = u
      ? `upgrade frames ${u.requestFrame ?? '—'} → ${u.responseFrame ?? '—'}, Sec-WebSocket-Accept ${u.acceptValid ? 'valid' : 'INVALID'}`
      : `no handshake in capture (guess: ${ws.guessReason ?? ''})`;
    lines.push(`   WebSocket: ${how}${ws.permessageDeflate ? ', permessage-deflate' : ''}`);
    // frameCount and the tally avoid materialising every frame and message object just to count them.
    const tally = websocketMessageTally(ws);
    const frames = ws.frameCount ?? ws.frames.length;
    lines.push(
      `   ${plural(frames, 'frame')}, ${plural(tally.client + tally.server, 'message')} (client ${tally.client}, server ${tally.server})`,
    );
    for (const m of tally.closes) {
      lines.push(
        `   close from ${m.from}: ${m.code ?? 'no code'}${m.reason ? ` "${clip(m.reason, 60)}"` : ''} (frame ${m.lastFrame})`,
      );
    }
  }
  return lines;
}

export function formatSummary(file: string, r: AnalysisResult): string {
  const c = r.capture;
  const links = c.linkTypes.map(linkTypeName).join(', ') || 'no interfaces';
  const span = c.firstTime !== null && c.lastTime !== null ? `, ${seconds(c.lastTime - c.firstTime)}` : '';
  const out: string[] = [
    `${file}: ${c.format ?? 'unknown format'}, ${links}, ${plural(c.packets, 'packet')}, ` +
      `${plural(r.connections.length, 'TCP connection')}${span}`,
  ];
  const other = Object.entries(r.otherPackets)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  if (other) out.push(`not TCP: ${other}`);
  for (const ca of r.connections) out.push('', ...connectionBlock(ca));
  const diags = new Map<string, number>();
  for (const d of [
    ...r.diagnostics,
    ...r.connections.flatMap((x) => [...x.tcp.diagnostics, ...x.dissection.diagnostics]),
  ]) {
    diags.set(d.id, (diags.get(d.id) ?? 0) + 1);
  }
  if (diags.size > 0) {
    out.push('', 'diagnostics:');
    for (const [id, n] of [...diags].sort((a, b) => b[1] - a[1])) out.push(`   ${n}× ${id}`);
  }
  return out.join('\n') + '\n';
}
