// The words on a ladder arrow: the TCP view (RFC 9293 §3.1 flags, relative seq/ack, payload length,
// as tshark's summary line reads), the application meaning the packet completed (HTTP request or
// status line, WebSocket frame), and the glyphs for what the TCP analysis noticed. Pure: the marks
// (ladder-marks.ts) only place these strings.

import { Analysis } from '../../../../core/tcp/types.ts';
import { TcpFlag } from '../../../../core/decode/types.ts';
import { analysisMarkers, flagsText } from '../../../../core/timeline/ladder-text.ts';
import type { LadderRow } from '../../../../core/timeline/types.ts';

export function tcpLabel(r: LadderRow): string {
  let s = `${flagsText(r.flags)} seq=${r.relSeq}`;
  if (r.flags & TcpFlag.ACK) s += ` ack=${r.relAck}`;
  return `${s} len=${r.len}`;
}

/** Labels of the application messages this packet completed, repeats folded (`404 Not Found ×3`). */
export function appLabel(r: LadderRow): string {
  const out: string[] = [];
  let i = 0;
  const texts = r.labels.map((l) => l.text);
  while (i < texts.length) {
    let j = i + 1;
    while (j < texts.length && texts[j] === texts[i]) j++;
    out.push(j - i > 1 ? `${texts[i]} ×${j - i}` : texts[i]!);
    i = j;
  }
  return out.join(' · ');
}

export type GlyphKind =
  'retransmission' | 'dup-ack' | 'zero-window' | 'rst' | 'out-of-order' | 'lost' | 'diagnostic';

export interface Glyph {
  kind: GlyphKind;
  /** One or two characters drawn in a small badge. */
  symbol: string;
}

const SYMBOLS: Record<GlyphKind, string> = {
  retransmission: '↻',
  'dup-ack': '⧉',
  'zero-window': '0',
  rst: '✕',
  'out-of-order': '⇅',
  lost: '…',
  diagnostic: '!',
};

/** Glyphs for a row, most serious first. */
export function rowGlyphs(r: LadderRow): Glyph[] {
  const a = r.analysis;
  const kinds: GlyphKind[] = [];
  if (r.flags & TcpFlag.RST) kinds.push('rst');
  if (a & (Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION))
    kinds.push('retransmission');
  if (a & Analysis.OUT_OF_ORDER) kinds.push('out-of-order');
  if (a & Analysis.LOST_SEGMENT) kinds.push('lost');
  if (a & Analysis.DUPLICATE_ACK) kinds.push('dup-ack');
  if (a & Analysis.ZERO_WINDOW) kinds.push('zero-window');
  if (r.diagnostics?.length) kinds.push('diagnostic');
  return kinds.map((kind) => ({ kind, symbol: SYMBOLS[kind] }));
}

/** Everything about a row as plain text, for the arrow's tooltip (<title>). */
export function rowTooltip(r: LadderRow, client: string, server: string): string {
  const lines = [
    `#${r.frame}  ${r.dir === 0 ? `${client} → ${server}` : `${server} → ${client}`}`,
    tcpLabel(r) + ` win=${r.windowSize}`,
  ];
  const app = r.labels.map((l) => l.text);
  if (app.length) lines.push(...app);
  const marks = analysisMarkers(r);
  if (marks.length) lines.push(marks.join(' '));
  if (r.diagnostics?.length) lines.push(r.diagnostics.join(', '));
  lines.push(`${r.statesBefore[0]} → ${r.states[0]} | ${r.statesBefore[1]} → ${r.states[1]}`);
  return lines.join('\n');
}

/** Colour class of an arrow: what kind of segment it is. */
export function arrowClass(r: LadderRow): 'rst' | 'syn' | 'fin' | 'data' | 'ack' {
  if (r.flags & TcpFlag.RST) return 'rst';
  if (r.flags & TcpFlag.SYN) return 'syn';
  if (r.flags & TcpFlag.FIN) return 'fin';
  return r.len > 0 ? 'data' : 'ack';
}

/**
 * Clip `text` to fit `px` at ~`charPx` per character (labels use a monospace font, so this is
 * exact enough without measuring). Returns the text unchanged when it fits.
 */
export function fitText(text: string, px: number, charPx = 7): string {
  const max = Math.max(1, Math.floor(px / charPx));
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}
