// Phase bands (handshake, exchange, upgrade, messages, close): collapsible, drawn behind the rows.

import type { LadderLayout, PhaseBand } from '../ladder-layout.ts';
import { fitText } from '../arrow-labels.ts';
import { stale, type Layer, type LadderGeometry, type LadderTexts } from './mark-types.ts';

/** Phase bands: a tinted box behind the rows, an edge in the gutter and a clickable title. */
export function bandMark(
  g: Layer,
  bands: readonly PhaseBand[],
  geo: LadderGeometry,
  layout: LadderLayout,
  texts: LadderTexts,
  onToggle: (key: string) => void,
): void {
  const right = geo.width - 8;
  const sel = g
    .selectAll<SVGGElement, PhaseBand>('g.band')
    .data(bands, (d) => d.key)
    .join((enter) => {
      const b = enter.append('g');
      b.append('rect').attr('class', 'fill');
      b.append('rect').attr('class', 'edge');
      const t = b.append('text').attr('class', 'title').attr('role', 'button').attr('tabindex', 0);
      t.append('title');
      t.append('tspan');
      t.on('click', (_e, d) => onToggle(d.key)).on('keydown', (e: KeyboardEvent, d) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onToggle(d.key);
        }
      });
      return b;
    });
  const top = (d: PhaseBand) => (d.collapsed ? d.y0 : d.y0 - layout.headerHeight);
  sel.attr('transform', (d) => `translate(0,${geo.y(top(d)).toFixed(1)})`);
  const st = stale(sel, geo.version)
    .attr('class', (d) => `band k${d.column % 2}${d.collapsed ? ' collapsed' : ''}`)
    .attr('data-phase', (d) => d.phase.kind)
    .attr('data-key', (d) => d.key);
  const x0 = (d: PhaseBand) => geo.gutter + d.column * 8 + d.conn * 3;
  const h = (d: PhaseBand) => Math.max(1, (d.y1 - top(d)) * geo.k);
  st.select('rect.fill')
    .attr('x', x0)
    .attr('width', (d) => Math.max(0, right - x0(d)))
    .attr('height', h);
  st.select('rect.edge').attr('x', x0).attr('width', 3).attr('height', h);
  const title = st
    .select<SVGTextElement>('text.title')
    .attr('x', (d) => x0(d) + 8)
    .attr('y', (d) => (d.collapsed ? h(d) / 2 + 4 : 15))
    .attr('aria-expanded', (d) => String(!d.collapsed))
    .attr('aria-label', (d) => `${d.collapsed ? texts.expand : texts.collapse}: ${texts.phase(d)}`);
  const titleText = (d: PhaseBand) =>
    `${d.collapsed ? '▸' : '▾'} ${texts.phase(d)}` +
    (d.collapsed ? `  ${texts.collapsedPackets(d.packets)}` : '');
  title.select('tspan').text((d) => fitText(titleText(d), right - x0(d) - 16));
  title.select('title').text(titleText);
}
