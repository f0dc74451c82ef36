// Lanes: one vertical line per endpoint (IP:port, or a client host's merged ports) and the sticky
// header naming it.

import type { LadderLayout } from '../ladder-layout.ts';
import { fitText } from '../arrow-labels.ts';
import { type Layer, type LadderGeometry, type LadderTexts, type Versioned } from './mark-types.ts';

/** Vertical lane lines, one per endpoint. */
export function laneMark(g: Layer, layout: LadderLayout, geo: LadderGeometry): void {
  g.selectAll('line.lane')
    .data(layout.lanes)
    .join('line')
    .attr('class', 'lane')
    .attr('x1', (_d, i) => geo.laneX[i]!)
    .attr('x2', (_d, i) => geo.laneX[i]!)
    .attr('y1', geo.headTop)
    .attr('y2', geo.height);
}

/** Sticky lane headers (endpoint IP:port and its role), drawn over everything. */
export function laneHeadMark(g: Layer, layout: LadderLayout, geo: LadderGeometry, texts: LadderTexts): void {
  const node = g.node() as (SVGGElement & Versioned) | null;
  if (node && node.__wlGeo === geo.version) return;
  if (node) node.__wlGeo = geo.version;
  const info = new Map(layout.laneInfo.map((l) => [l.key, l]));
  const width = Math.max(60, Math.min(200, laneSpacing(geo) - 12));
  g.selectAll('rect.head-bg')
    .data([0])
    .join('rect')
    .attr('class', 'bg head-bg')
    .attr('x', 0)
    .attr('y', 0)
    .attr('width', geo.width)
    .attr('height', geo.headTop);
  const heads = g
    .selectAll<SVGGElement, string>('g.lane-head')
    .data(layout.lanes, (d) => d)
    .join((enter) => {
      const h = enter.append('g').attr('class', 'lane-head');
      h.append('rect');
      h.append('text').attr('class', 'addr');
      h.append('text').attr('class', 'role');
      h.append('title');
      return h;
    })
    .attr('transform', (_d, i) => `translate(${geo.laneX[i]},0)`)
    .attr('data-lane', (d) => d);
  heads
    .select('rect')
    .attr('x', -width / 2)
    .attr('y', 4)
    .attr('width', width)
    .attr('height', geo.headTop - 8)
    .attr('rx', 4);
  heads
    .select('text.addr')
    .attr('y', 20)
    .text((d) => fitText(d, width - 8));
  heads
    .select('text.role')
    .attr('y', 34)
    .text((d) => {
      const l = info.get(d);
      const client = l?.client ? (l.ports > 1 ? texts.clients(l.ports) : texts.client) : '';
      return [client, l?.server ? texts.server : ''].filter(Boolean).join(' / ');
    });
  heads.select('title').text((d) => d);
  g.selectAll('text.col-head')
    .data([
      { x: 6, text: texts.frameColumn },
      { x: 56, text: texts.timeColumn(geo.firstFrame) },
    ])
    .join('text')
    .attr('class', 'meta col-head')
    .attr('x', (d) => d.x)
    .attr('y', geo.headTop - 8)
    .text((d) => d.text);
}

function laneSpacing(geo: LadderGeometry): number {
  return geo.laneX.length > 1 ? Math.abs(geo.laneX[1]! - geo.laneX[0]!) : geo.width / 2;
}
