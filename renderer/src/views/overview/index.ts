export { Overview, type OverviewProps } from './overview.tsx';
export { buildLanes, timeExtent, CANVAS_THRESHOLD, type Lane } from './lanes.ts';
