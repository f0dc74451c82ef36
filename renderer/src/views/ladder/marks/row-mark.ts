// One packet per row: the arrow between lanes with its TCP and application labels, glyphs and
// TCP state changes (RFC 9293 §3.3.2).

import type { ConnectionTimeline, LadderRow } from '../../../../../core/timeline/types.ts';
import type { LadderEntry, LadderLayout, RowEntry } from '../ladder-layout.ts';
import {
  appLabel,
  arrowClass,
  fitText,
  rowGlyphs,
  rowTooltip,
  tcpLabel,
  type Glyph,
} from '../arrow-labels.ts';
import { stale, type Layer, type LadderGeometry, type LadderTexts } from './mark-types.ts';

interface RowDatum {
  e: RowEntry;
  y: number;
}

/** Vertical drop of an arrow: it travels down the time axis while crossing the lanes. */
function slope(geo: LadderGeometry, layout: LadderLayout): number {
  return Math.min(10, layout.rowMin * geo.k * 0.25);
}

/**
 * Packets in detail: arrow from sender lane to receiver lane, TCP text above, application meaning
 * below, glyphs at the sender, frame and time in the left column, TCP states where they change.
 * Each row is a group at translate(0, y) with its children relative to it, so panning changes one
 * attribute per row.
 */
export function rowMark(
  g: Layer,
  entries: readonly LadderEntry[],
  ys: ArrayLike<number>,
  range: [number, number],
  geo: LadderGeometry,
  layout: LadderLayout,
  connections: readonly ConnectionTimeline[],
  selected: number | null,
  idPrefix: string,
  texts: LadderTexts,
  onSelect: (frame: number) => void,
): void {
  const data: RowDatum[] = [];
  for (let i = range[0]; i < range[1]; i++) {
    const e = entries[i]!;
    if (e.kind === 'row') data.push({ e, y: ys[i]! });
  }
  const drop = slope(geo, layout);
  const sel = g
    .selectAll<SVGGElement, RowDatum>('g.row')
    .data(data, (d) => String(d.e.row.frame))
    .join((enter) => {
      const r = enter.append('g').attr('class', 'row').attr('role', 'button');
      r.append('rect').attr('class', 'sel');
      r.append('line').attr('class', 'hit');
      r.append('line').attr('class', 'arrow');
      r.append('text').attr('class', 'tcp');
      r.append('text').attr('class', 'app');
      r.append('text').attr('class', 'meta frame');
      r.append('text').attr('class', 'meta time');
      r.append('g').attr('class', 'glyphs');
      r.append('g').attr('class', 'states');
      r.append('title');
      r.on('click', (_ev, d) => onSelect(d.e.row.frame));
      // What depends only on the packet is set once, on enter.
      r.each(function (d) {
        const row = d.e.row;
        const c = connections[d.e.conn]!;
        const cls = arrowClass(row);
        const me = this as SVGGElement;
        me.setAttribute('data-frame', String(row.frame));
        me.setAttribute('aria-label', `#${row.frame} ${tcpLabel(row)} ${appLabel(row)}`.trim());
        const arrow = me.querySelector('line.arrow')!;
        arrow.setAttribute('class', `arrow ${cls}`);
        arrow.setAttribute('marker-end', `url(#${idPrefix}-${cls})`);
        me.querySelector('title')!.textContent = rowTooltip(row, c.client, c.server);
        me.querySelector('text.frame')!.textContent = `#${row.frame}`;
        me.querySelector('text.time')!.textContent = `${((row.time - geo.t0) * 1000).toFixed(3)} ms`;
      });
      return r;
    })
    .attr('transform', (d) => `translate(0,${geo.y(d.y).toFixed(1)})`);
  sel.each(function (d) {
    const on = d.e.row.frame === selected;
    if (this.classList.contains('selected') !== on) this.classList.toggle('selected', on);
  });

  const st = stale(sel, geo.version);
  if (st.empty()) return;
  const mid = (d: RowDatum) => (geo.laneX[d.e.from]! + geo.laneX[d.e.to]!) / 2;
  const span = (d: RowDatum) => Math.abs(geo.laneX[d.e.to]! - geo.laneX[d.e.from]!) - 24;
  const dir = (d: RowDatum) => (geo.laneX[d.e.to]! > geo.laneX[d.e.from]! ? 1 : -1);
  const selH = layout.rowMin * Math.min(1, geo.k);
  st.select('rect.sel')
    .attr('x', 0)
    .attr('y', -selH / 2)
    .attr('width', geo.width)
    .attr('height', selH);
  for (const cls of ['line.hit', 'line.arrow']) {
    st.select(cls)
      .attr('x1', (d) => geo.laneX[d.e.from]!)
      .attr('y1', -drop / 2)
      .attr('x2', (d) => geo.laneX[d.e.to]! - dir(d))
      .attr('y2', drop / 2);
  }
  st.select('text.tcp')
    .attr('x', mid)
    .attr('y', -5)
    .text((d) => fitText(tcpLabel(d.e.row), span(d), 6.6));
  st.select('text.app')
    .attr('x', mid)
    .attr('y', drop / 2 + 13)
    .text((d) => fitText(appLabel(d.e.row), span(d), 7.3));
  st.select('text.frame').attr('x', 6).attr('y', 4);
  st.select('text.time').attr('x', 56).attr('y', 4);

  st.select<SVGGElement>('g.glyphs')
    .attr('transform', (d) => `translate(${geo.laneX[d.e.from]! + dir(d) * 14},${-drop / 2 - 9})`)
    .selectAll<SVGGElement, GlyphDatum>('g.glyph')
    .data((d) => rowGlyphs(d.e.row).map((gl): GlyphDatum => ({ ...gl, dir: dir(d) })))
    .join((enter) => {
      const gl = enter.append('g');
      gl.append('circle').attr('r', 7);
      gl.append('text');
      gl.append('title');
      return gl;
    })
    .attr('class', (d) => `glyph ${d.kind}`)
    .attr('data-glyph', (d) => d.kind)
    .attr('transform', (d, i) => `translate(${i * 16 * d.dir},0)`)
    .call((gl) => gl.select('text').text((d) => d.symbol))
    .call((gl) => gl.select('title').text((d) => texts.glyph(d.kind)));

  st.select<SVGGElement>('g.states')
    .selectAll<SVGTextElement, StateDatum>('text.state')
    .data((d) => stateChanges(d, geo))
    .join('text')
    .attr('class', 'state')
    .attr('x', (s) => s.x)
    .attr('y', (s) => s.y)
    .attr('text-anchor', (s) => s.anchor)
    .text((s) => s.text);
}

interface GlyphDatum extends Glyph {
  dir: number;
}

interface StateDatum {
  x: number;
  y: number;
  anchor: 'start' | 'end';
  text: string;
}

/** TCP state names (RFC 9293 §3.3.2) next to the lane of each endpoint whose state changed. */
function stateChanges(d: RowDatum, geo: LadderGeometry): StateDatum[] {
  const r: LadderRow = d.e.row;
  const out: StateDatum[] = [];
  const clientLane = r.dir === 0 ? d.e.from : d.e.to;
  const serverLane = r.dir === 0 ? d.e.to : d.e.from;
  const lanes = [clientLane, serverLane];
  for (const i of [0, 1] as const) {
    if (r.statesBefore[i] === r.states[i]) continue;
    const x = geo.laneX[lanes[i]!]!;
    const other = geo.laneX[lanes[1 - i]!]!;
    const outward = other > x ? -1 : 1;
    out.push({ x: x + outward * 6, y: 14, anchor: outward < 0 ? 'end' : 'start', text: r.states[i] });
  }
  return out;
}
