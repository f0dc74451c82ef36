// Arrowheads for the ladder's arrows.

import type { Selection } from 'd3';
import { ARROW_CLASSES } from './mark-types.ts';

/** <defs>: one arrowhead per arrow colour (markers cannot inherit the stroke colour in SVG 1.1). */
export function markerDefs(
  defs: Selection<SVGDefsElement, unknown, null, undefined>,
  idPrefix: string,
): void {
  defs
    .selectAll('marker')
    .data(ARROW_CLASSES)
    .join('marker')
    .attr('id', (d) => `${idPrefix}-${d}`)
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerUnits', 'userSpaceOnUse')
    .attr('markerWidth', 10)
    .attr('markerHeight', 10)
    .attr('orient', 'auto-start-reverse')
    .selectAll('path')
    .data((d) => [d])
    .join('path')
    .attr('class', (d) => `mk-${d}`)
    .attr('d', 'M0,0 L10,5 L0,10 z');
}
