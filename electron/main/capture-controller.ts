// Main's side of live capture: one agent at a time, its pcapng file granted to the renderer as a
// growing file, and its records forwarded to the window that asked — batched, one IPC message per
// turn of the event loop instead of one per packet (the agent already flushes in batches of ~64
// packets or 20 ms, and each IPC message costs a structured clone plus a renderer task).
import { randomBytes } from 'node:crypto';
import type {
  CaptureRecord,
  CaptureStarted,
  CaptureStatus,
  CaptureStopped,
  EventChannels,
  StartCaptureRequest,
} from '../ipc/channels.ts';
import type { CaptureErrorMessage, RecordMessage, StoppedMessage } from '../ipc/capture-protocol.ts';
import type { AgentHandle, LaunchAgent } from './agent-handle.ts';
import type { FileGrants } from './file-grants.ts';
import { IpcError } from './ipc-validate.ts';

/** Flush a batch early when it holds this many bytes (bounded memory per IPC message). */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** Where batches and status go: the requesting window's webContents.send. */
export type CaptureSink = <C extends 'capture:records' | 'capture:status'>(
  channel: C,
  payload: EventChannels[C],
) => void;

export interface CaptureControllerDeps {
  launch: LaunchAgent;
  grants: FileGrants;
  /** A fresh path for the agent's pcapng file (in a private temp folder). */
  newCaptureFile(): string;
  /** Ports never captured (a dev server, the web mode's server). */
  excludePorts?: number[];
  /** Defers a flush; setImmediate in the app, injectable for tests. */
  defer?: (fn: () => void) => void;
  /** A capture started or ended (the menu swaps Start/Stop). */
  onActiveChange?(active: boolean): void;
}

interface Running {
  sessionId: string;
  agent: AgentHandle;
  sink: CaptureSink;
  linkType: number;
  pending: CaptureRecord[];
  pendingBytes: number;
  scheduled: boolean;
  stopped: Promise<CaptureStopped>;
}

function stoppedFrom(sessionId: string, m: StoppedMessage | null): CaptureStopped {
  return {
    sessionId,
    received: m?.stats.received ?? 0,
    dropped: m?.stats.dropped ?? null,
    truncated: m?.stats.truncated ?? 0,
    reason: m?.reason ?? 'unknown',
  };
}

export class CaptureController {
  private running: Running | null = null;
  private readonly defer: (fn: () => void) => void;

  constructor(private readonly deps: CaptureControllerDeps) {
    this.defer = deps.defer ?? ((fn) => setImmediate(fn));
  }

  get active(): string | null {
    return this.running?.sessionId ?? null;
  }

  async start(req: StartCaptureRequest, sink: CaptureSink): Promise<CaptureStarted> {
    if (this.running) throw new IpcError('ipc.capture.busy', 'a capture is already running');
    const sessionId = randomBytes(9).toString('base64url');
    const outFile = this.deps.newCaptureFile();
    const agent = this.deps.launch({
      device: req.device,
      filter: req.filter,
      backend: req.backend,
      excludePorts: this.deps.excludePorts,
      outFile,
    });
    let resolveStopped!: (s: CaptureStopped) => void;
    const run: Running = {
      sessionId,
      agent,
      sink,
      linkType: 1,
      pending: [],
      pendingBytes: 0,
      scheduled: false,
      stopped: new Promise((res) => (resolveStopped = res)),
    };
    this.running = run;
    agent.on('record', (r) => this.onRecord(run, r));
    agent.on('stats', (s) =>
      this.status(run, {
        sessionId,
        kind: 'stats',
        received: s.received,
        dropped: s.dropped,
        truncated: s.truncated,
      }),
    );
    agent.on('error', (e: CaptureErrorMessage) =>
      this.status(run, {
        sessionId,
        kind: 'error',
        id: e.id,
        message: e.message,
        howToFix: e.howToFix,
        fatal: e.fatal,
      }),
    );
    agent.on('stopped', (m) => {
      this.flush(run);
      const stopped = stoppedFrom(sessionId, m);
      this.status(run, { kind: 'stopped', ...stopped });
      if (this.running === run) this.running = null;
      this.deps.onActiveChange?.(false);
      resolveStopped(stopped);
    });
    let info;
    try {
      info = await agent.ready;
    } catch (e) {
      if (this.running === run) this.running = null;
      throw e;
    }
    run.linkType = info.linkType;
    this.deps.onActiveChange?.(true);
    const file = this.deps.grants.grant(outFile, 0, 'capture');
    return {
      sessionId,
      device: info.device,
      filter: info.filter,
      linkType: info.linkType,
      snapLength: info.snapLength,
      timestampsExact: info.timestampsExact,
      file,
    };
  }

  async stop(sessionId: string): Promise<CaptureStopped> {
    const run = this.running;
    if (!run || run.sessionId !== sessionId)
      throw new IpcError('ipc.capture.unknown', 'no such running capture');
    await run.agent.stop();
    return run.stopped;
  }

  /** On quit: stop whatever runs so the agent closes its file (ISB written, nothing lost). */
  async stopAll(): Promise<void> {
    if (this.running) await this.stop(this.running.sessionId);
  }

  private onRecord(run: Running, r: RecordMessage): void {
    run.pending.push({
      frame: r.frame,
      tsSec: r.tsSec,
      tsNsec: r.tsNsec,
      originalLength: r.originalLength,
      timestampApproximate: r.timestampApproximate,
      data: r.data,
    });
    run.pendingBytes += r.data.length;
    if (run.pendingBytes >= MAX_BATCH_BYTES) this.flush(run);
    else if (!run.scheduled) {
      run.scheduled = true;
      this.defer(() => this.flush(run));
    }
  }

  private flush(run: Running): void {
    run.scheduled = false;
    if (run.pending.length === 0) return;
    const records = run.pending;
    run.pending = [];
    run.pendingBytes = 0;
    run.sink('capture:records', { sessionId: run.sessionId, linkType: run.linkType, records });
  }

  private status(run: Running, s: CaptureStatus): void {
    this.flush(run);
    run.sink('capture:status', s);
  }
}
