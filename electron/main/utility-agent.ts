// Runs the capture agent (electron/capture/agent.ts, bundled to JS) as an Electron utilityProcess:
// a Node.js child that Chromium's service model launches from the app binary itself. The packaged
// app turns the RunAsNode fuse off, so `spawn(process.execPath)` + ELECTRON_RUN_AS_NODE — what
// capture-client.ts does under plain Node — cannot work there; utilityProcess needs no fuse
// (native-notes/packaging.md). Same frames as the stdio transport (electron/capture/frame-codec.ts),
// one Uint8Array per postMessage (the agent's `parentPort` transport).
import { EventEmitter } from 'node:events';
import type {
  CaptureErrorMessage,
  RecordMessage,
  StartRequest,
  StartedMessage,
  StatsMessage,
  StoppedMessage,
} from '../ipc/capture-protocol.ts';
import { encodeMessage, FrameDecoder } from '../capture/frame-codec.ts';
import type { AgentHandle } from './agent-handle.ts';
import type { UtilityProcessChild, UtilityProcessStatic } from './electron-api.ts';

/** Time the agent gets to flush and close its file after `stop` before it is killed. */
export const STOP_TIMEOUT_MS = 10_000;

interface UtilityAgentEvents {
  record: [RecordMessage];
  stats: [StatsMessage];
  error: [CaptureErrorMessage];
  stopped: [StoppedMessage | null];
}

export class AgentFailure extends Error {
  constructor(readonly detail: CaptureErrorMessage) {
    super(`${detail.id}: ${detail.message}`);
  }
}

export class UtilityAgent extends EventEmitter<UtilityAgentEvents> implements AgentHandle {
  readonly ready: Promise<StartedMessage>;
  readonly exited: Promise<number>;
  info: StartedMessage | null = null;
  private stoppedMsg: StoppedMessage | null = null;
  private exitCode: number | null = null;

  constructor(
    private readonly child: UtilityProcessChild,
    start: StartRequest,
  ) {
    super();
    let resolveReady!: (m: StartedMessage) => void;
    let rejectReady!: (e: AgentFailure) => void;
    this.ready = new Promise((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    this.ready.catch(() => {});
    let resolveExit!: (code: number) => void;
    this.exited = new Promise((res) => (resolveExit = res));

    const fail = (err: CaptureErrorMessage) => {
      if (!this.info) rejectReady(new AgentFailure(err));
      if (this.listenerCount('error') > 0) this.emit('error', err);
    };
    const decoder = new FrameDecoder((msg) => {
      switch (msg.type) {
        case 'started':
          this.info = msg.body;
          resolveReady(msg.body);
          break;
        case 'record':
          this.emit('record', msg.body);
          break;
        case 'stats':
          this.emit('stats', msg.body);
          break;
        case 'error':
          fail(msg.body);
          break;
        case 'stopped':
          this.stoppedMsg = msg.body;
          break;
      }
    });
    child.on('message', (data) => {
      if (!(data instanceof Uint8Array)) return;
      try {
        decoder.push(data);
      } catch (e) {
        // A broken frame means a broken agent: stop it rather than guess at the rest.
        fail({
          id: 'capture.failed',
          message: `capture agent protocol error: ${(e as Error).message}`,
          fatal: true,
        });
        child.kill();
      }
    });
    child.on('exit', (code) => {
      this.exitCode = code;
      if (!this.stoppedMsg) {
        fail({
          id: 'capture.failed',
          message: `capture agent exited (code ${code}) without stopping cleanly`,
          fatal: true,
        });
      }
      this.emit('stopped', this.stoppedMsg);
      resolveExit(code);
    });
    child.postMessage(encodeMessage({ type: 'start', body: start }));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async stop(): Promise<StoppedMessage | null> {
    if (this.exitCode === null) {
      this.child.postMessage(encodeMessage({ type: 'stop', body: {} }));
      const timer = setTimeout(() => this.child.kill(), STOP_TIMEOUT_MS);
      await this.exited;
      clearTimeout(timer);
    }
    return this.stoppedMsg;
  }
}

/** `LaunchAgent` for the app: fork the bundled agent as a utilityProcess. */
export function utilityAgentLauncher(utilityProcess: UtilityProcessStatic, agentPath: string) {
  return (start: StartRequest): UtilityAgent =>
    new UtilityAgent(
      utilityProcess.fork(agentPath, [], { serviceName: 'Wirestep capture agent', stdio: 'inherit' }),
      start,
    );
}
