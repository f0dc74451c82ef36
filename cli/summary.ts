// The readable form of `wirestep analyze FILE`: one paragraph for the file, one block per
// connection, in words a person can check against the capture.

import type { AnalysisResult, ConnectionAnalysis } from '../core/analyze.ts';
import { endpointText } from '../core/analysis-json.ts';
import { linkTypeName } from '../core/capture-file/link-types.ts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function seconds(s: number): string {
  if (s < 1e-3) return `${(s * 1e6).toFixed(0)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(3)} ms`;
  return `${s.toFixed(3)} s`;
}

function frameRange(frames: number[]): string {
  if (frames.length === 0) return 'no frames';
  return `frames ${frames[0]}–${frames[frames.length - 1]} (${frames.length})`;
}

function connectionBlock(ca: ConnectionAnalysis): string[] {
  const t = ca.tcp;
  const lines: string[] = [];
  const role = t.clientInferred ? ' (roles guessed: no SYN in capture)' : '';
  lines.push(
    `#${t.id} ${endpointText(t.client)} → ${endpointText(t.server)}  ${ca.dissection.application}  ` +
      `${frameRange(t.frames)}  ${seconds(t.lastTime - t.firstTime)}${role}`,
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
  if (t.retransmissions.length > 0) lines.push(`   retransmissions: ${t.retransmissions.join(', ')}`);
  if (t.outOfOrder.length > 0) lines.push(`   out of order: ${t.outOfOrder.join(', ')}`);
  if (t.duplicateAcks.length > 0) lines.push(`   duplicate ACKs: ${t.duplicateAcks.join(', ')}`);
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
