// What the agent needs from a capture backend: open, deliver packets, stop, tell its counters.
import type { CaptureBackend, CaptureErrorMessage } from '../ipc/capture-protocol.ts';

export interface BackendOptions {
  device?: string;
  /** The composed filter (user filter + exclusions). */
  filter: string;
  execPath: string;
}

export interface BackendInfo {
  backend: CaptureBackend;
  device: string;
  linkType: number;
  snapLength: number;
  timestampsExact: boolean;
}

export interface BackendEvents {
  /** `data` is borrowed: valid only during the call. tsSec/tsNsec null = stamp it at delivery. */
  packet(data: Uint8Array, originalLength: number, tsSec: number | null, tsNsec: number): void;
  /** A fatal problem after start (the capturer died, the stream broke). */
  error(err: CaptureErrorMessage): void;
  /** The backend stopped by itself (e.g. the external capturer exited). */
  ended(): void;
}

export interface DropCounters {
  dropped: number | null;
  droppedSource: string;
}

export interface Backend {
  /** Resolves when packets flow; rejects with a CaptureErrorMessage. */
  start(events: BackendEvents): Promise<BackendInfo>;
  /** Lets in-flight packets arrive, then stops; resolves when no more packets will come. */
  stop(drainMs: number): Promise<void>;
  /** Current drop counters (refreshed asynchronously where the backend reports them). */
  drops(): DropCounters;
  /** Asks for fresh counters where that is possible (tcpdump: SIGUSR1). */
  pollStats?(): void;
}

/** Rejection helper: a structured error that is also an Error (stack for debugging). */
export class CaptureFailure extends Error {
  constructor(readonly detail: CaptureErrorMessage) {
    super(detail.message);
  }
}
