// Public entry of the TCP stage (connections, analysis, reassembly): see types.ts for the contract.
export { TcpTracker, ANALYSIS_DIAGNOSTICS } from './tcp-tracker.ts';
export { nextStates } from './state-machine.ts';
export { frameSpan } from './frame-log.ts';
export type { SegmentEvent } from './state-machine.ts';
export * from './types.ts';
