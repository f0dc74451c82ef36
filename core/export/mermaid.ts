// A connection's ladder as a Mermaid sequenceDiagram (https://mermaid.js.org/syntax/sequenceDiagram.html):
// two participants named by IP:port, one arrow per packet (frame, TCP flags, seq/ack/len and the
// HTTP/WebSocket meaning), a note where each phase begins.
//
// Safety: every piece of text from the capture (addresses, request targets, WebSocket text) goes
// through `mermaidText`, which keeps a conservative set of characters and writes everything else
// as Mermaid's entity code `#<decimal>;` — so no `;` (statement break), `%%` (comment), `#`,
// `<`/`>` (HTML), arrows or line breaks can come from the wire.

import type { ConnectionTimeline } from '../timeline/types.ts';
import { analysisMarkers, flagsText, phaseTitle } from '../timeline/ladder-text.ts';
import { TcpFlag } from '../decode/types.ts';

const SAFE = /[A-Za-z0-9 .,:/_\-()=+*'?!@]/;
const MAX_TEXT = 120;

export function mermaidText(text: string, max = MAX_TEXT): string {
  let out = '';
  let n = 0;
  for (const ch of text) {
    if (n++ >= max) {
      out += '...';
      break;
    }
    out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out.trim() === '' ? '#160;' : out;
}

export interface MermaidOptions {
  /** Include seq/ack/len on each arrow (default true). */
  numbers?: boolean;
  /** Cap on arrows written (default 2000); the rest is summarised in a note. */
  maxArrows?: number;
}

export function toMermaid(c: ConnectionTimeline, options: MermaidOptions = {}): string {
  const numbers = options.numbers ?? true;
  const maxArrows = options.maxArrows ?? 2000;
  const lines = [
    'sequenceDiagram',
    `  participant C as ${mermaidText(c.client)}`,
    `  participant S as ${mermaidText(c.server)}`,
  ];
  const phaseAt = new Map<number, string[]>();
  for (const p of c.phases) {
    const list = phaseAt.get(p.firstFrame) ?? [];
    list.push(phaseTitle(p));
    phaseAt.set(p.firstFrame, list);
  }
  let written = 0;
  for (const r of c.rows) {
    if (written >= maxArrows) {
      lines.push(`  Note over C,S: ${c.rows.length - written} more packets not shown`);
      break;
    }
    for (const title of phaseAt.get(r.frame) ?? []) lines.push(`  Note over C,S: ${mermaidText(title)}`);
    const [from, to] = r.dir === 0 ? ['C', 'S'] : ['S', 'C'];
    // A reset ends the conversation: drawn with a cross, as Mermaid's "-x" arrow.
    const arrow = r.flags & TcpFlag.RST ? '-x' : '->>';
    let label = `${r.frame} ${flagsText(r.flags)}`;
    if (numbers) label += ` seq=${r.relSeq} ack=${r.relAck} len=${r.len}`;
    for (const l of r.labels) label += ` | ${l.text}`;
    const markers = analysisMarkers(r);
    if (markers.length) label += ` ${markers.join(' ')}`;
    lines.push(`  ${from}${arrow}${to}: ${mermaidText(label, 200)}`);
    written++;
  }
  return lines.join('\n') + '\n';
}
