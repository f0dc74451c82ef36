// What main needs from a running capture agent. `CaptureSession` (electron/capture/capture-client.ts,
// a spawned Node child — development and tests) and `UtilityAgent` (./utility-agent.ts, an
// Electron utilityProcess — the packaged app) both fit it.
import type {
  CaptureErrorMessage,
  RecordMessage,
  StartRequest,
  StartedMessage,
  StatsMessage,
  StoppedMessage,
} from '../ipc/capture-protocol.ts';

export interface AgentHandle {
  /** Resolves once the device is open; rejects with an Error carrying `detail: CaptureErrorMessage`. */
  readonly ready: Promise<StartedMessage>;
  on(event: 'record', fn: (r: RecordMessage) => void): unknown;
  on(event: 'stats', fn: (s: StatsMessage) => void): unknown;
  on(event: 'error', fn: (e: CaptureErrorMessage) => void): unknown;
  on(event: 'stopped', fn: (s: StoppedMessage | null) => void): unknown;
  stop(): Promise<StoppedMessage | null>;
}

export type LaunchAgent = (request: StartRequest) => AgentHandle;
