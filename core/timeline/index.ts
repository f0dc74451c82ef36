// Public entry of the timeline stage (ladder rows, phases, metrics, frame index, text ladder):
// see types.ts for the contract.
export { buildTimeline, frameIndex, type FrameRef } from './build-timeline.ts';
export { renderLadder, flagsText, analysisMarkers, phaseTitle, type LadderOptions } from './ladder-text.ts';
export { clipText, quoted } from '../bytes/safe-text.ts';
export type * from './types.ts';
