// The ladder view and the pure helpers other views and exports may reuse.
export { LadderView, type LadderApi, type LadderViewProps } from './ladder-view.tsx';
export { ladderWidth } from './ladder-draw.ts';
export {
  ladderLayout,
  laneOrder,
  phaseKey,
  type LadderLayout,
  type LadderEntry,
  type PhaseBand,
} from './ladder-layout.ts';
export { timeAxis, visibleRange, durationText, type IdleGap } from './idle-gaps.ts';
export { tcpLabel, appLabel, rowGlyphs } from './arrow-labels.ts';
export { LADDER_CSS } from './ladder-style.ts';
