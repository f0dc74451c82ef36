// The HTTP exchange view and its timing helpers.
export { HttpView, TIMING_COLORS, type HttpViewProps } from './http-view.tsx';
export {
  exchangeTimings,
  timingExtent,
  barBoxes,
  type ExchangeTiming,
  type TimingPhase,
  type TimingKind,
} from './http-timing.ts';
