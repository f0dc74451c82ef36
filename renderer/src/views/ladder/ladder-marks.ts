// The ladder's d3 marks, one file per kind of mark (in the spirit of Observable Plot's marks):
// each takes a <g> layer, the data in view and the geometry, and joins elements keyed by identity
// so panning moves existing nodes instead of recreating them. All wire-derived text goes in through
// `.text()`, never markup. Positions are semantic: zoom changes y spacing, never the font size.

export type { Layer, LadderGeometry, LadderTexts } from './marks/mark-types.ts';
export { markerDefs } from './marks/marker-defs.ts';
export { laneMark, laneHeadMark } from './marks/lane-mark.ts';
export { bandMark } from './marks/band-mark.ts';
export { gapMark, zigzag } from './marks/gap-mark.ts';
export { rowMark } from './marks/row-mark.ts';
export { denseRowMark } from './marks/dense-row-mark.ts';
