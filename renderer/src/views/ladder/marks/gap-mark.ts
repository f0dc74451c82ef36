// Idle gaps squeezed out of the time axis: a zig-zag and the real duration.

import type { IdleGap } from '../idle-gaps.ts';
import { stale, type Layer, type LadderGeometry, type LadderTexts } from './mark-types.ts';

/** Idle gaps: a zig-zag across every lane and the real duration. */
export function gapMark(
  g: Layer,
  gaps: readonly IdleGap[],
  geo: LadderGeometry,
  texts: LadderTexts,
  label: (s: number) => string,
): void {
  const sel = g
    .selectAll<SVGGElement, IdleGap>('g.gap')
    .data(gaps, (d) => String(d.index))
    .join((enter) => {
      const e = enter.append('g').attr('class', 'gap');
      e.append('path');
      e.append('rect');
      e.append('text');
      return e;
    })
    .attr('transform', (d) => `translate(0,${geo.y((d.y0 + d.y1) / 2).toFixed(1)})`);
  const x0 = geo.laneX.length ? Math.min(...geo.laneX) - 30 : 0;
  const x1 = geo.laneX.length ? Math.max(...geo.laneX) + 30 : geo.width;
  const st = stale(sel, geo.version);
  st.select('path').attr('d', zigzag(x0, x1, 0, 5, 10));
  const textW = 170;
  st.select('rect')
    .attr('x', (x0 + x1) / 2 - textW / 2)
    .attr('y', -9)
    .attr('width', textW)
    .attr('height', 18);
  st.select('text')
    .attr('x', (x0 + x1) / 2)
    .attr('y', 4)
    .text((d) => texts.idle(label(d.seconds)));
}

/** Path of a horizontal zig-zag line from x0 to x1 around y. */
export function zigzag(x0: number, x1: number, y: number, amplitude: number, step: number): string {
  let d = `M${x0},${y}`;
  let up = true;
  for (let x = x0 + step / 2; x < x1; x += step) {
    d += `L${x.toFixed(1)},${(up ? y - amplitude : y + amplitude).toFixed(1)}`;
    up = !up;
  }
  return d + `L${x1},${y}`;
}
