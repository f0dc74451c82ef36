// Packets when zoomed far out: bare arrows, one path per colour.

import type { LadderEntry } from '../ladder-layout.ts';
import { arrowClass } from '../arrow-labels.ts';
import { ARROW_CLASSES, type Layer, type LadderGeometry } from './mark-types.ts';

/** Packets when zoomed far out: one path per arrow colour, no text (thousands stay cheap). */
export function denseRowMark(
  g: Layer,
  entries: readonly LadderEntry[],
  ys: ArrayLike<number>,
  range: [number, number],
  geo: LadderGeometry,
): void {
  const paths: Record<string, string[]> = { syn: [], fin: [], rst: [], data: [], ack: [] };
  for (let i = range[0]; i < range[1]; i++) {
    const e = entries[i]!;
    if (e.kind !== 'row') continue;
    const y = geo.y(ys[i]!).toFixed(1);
    paths[arrowClass(e.row)]!.push(`M${geo.laneX[e.from]},${y}H${geo.laneX[e.to]}`);
  }
  g.selectAll('path')
    .data(ARROW_CLASSES)
    .join('path')
    .attr('class', (d) => d)
    .attr('d', (d) => paths[d]!.join(''));
}
