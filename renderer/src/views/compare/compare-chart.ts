// D3 drawing of one horizontal bar chart of the comparison view: a bar per category, optionally
// stacked from parts, with the value as text beside the bar (so the numbers read without hover).
// Text only through `.text()` (DESIGN: wire text is never markup).

import * as d3 from 'd3';

export interface BarPart {
  key: string;
  value: number;
  /** CSS colour (a var(--...) works: SVG fill accepts it). */
  color: string;
}

export interface Bar {
  key: string;
  label: string;
  parts: BarPart[];
  /** Text beside the bar. */
  valueText: string;
}

const ROW = 26;
const LABEL_W = 150;
const VALUE_W = 240;

/** Redraws `svg` with `bars`; `id` names the chart in data-testids (`compare-value-<id>-<bar>`). */
export function drawBarChart(svg: SVGSVGElement, id: string, bars: Bar[], width: number): void {
  const height = bars.length * ROW + 8;
  const root = d3.select(svg).attr('width', width).attr('height', height);
  root.selectAll('*').remove();
  const max = d3.max(bars, (b) => d3.sum(b.parts, (p) => p.value)) ?? 0;
  const x = d3
    .scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([0, Math.max(20, width - LABEL_W - VALUE_W)]);
  const rows = root
    .selectAll<SVGGElement, Bar>('g.compare-bar')
    .data(bars)
    .join('g')
    .attr('class', 'compare-bar')
    .attr('transform', (_, i) => `translate(0, ${i * ROW + 4})`);
  rows
    .append('text')
    .attr('x', LABEL_W - 8)
    .attr('y', ROW / 2)
    .attr('dy', '0.1em')
    .attr('text-anchor', 'end')
    .attr('fill', 'var(--fg)')
    .attr('font-size', 12)
    .text((b) => b.label);
  rows.each(function (b) {
    let offset = 0;
    const g = d3.select(this);
    for (const p of b.parts) {
      const w = x(p.value);
      g.append('rect')
        .attr('x', LABEL_W + offset)
        .attr('y', 4)
        .attr('width', w)
        .attr('height', ROW - 10)
        .attr('fill', p.color)
        .attr('data-part', p.key)
        .append('title')
        .text(`${p.key}: ${p.value}`);
      offset += w;
    }
    g.append('text')
      .attr('x', LABEL_W + offset + 6)
      .attr('y', ROW / 2)
      .attr('dy', '0.1em')
      .attr('fill', 'var(--fg)')
      .attr('font-size', 12)
      .attr('font-family', 'var(--mono)')
      .attr('data-testid', `compare-value-${id}-${b.key}`)
      .text(b.valueText);
  });
}
