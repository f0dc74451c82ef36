// The parent side of the capture agent: spawns it (process.execPath, plus `--import tsx` while the
// agent is still TypeScript), sends `start`, and turns its frames into events. Plain Node: usable
// from Electron's main process, the web server, the CLI and tests. The parent never opens a
// capture device itself, so it never needs capture rights.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  CaptureBackend,
  CaptureErrorMessage,
  RecordMessage,
  StartedMessage,
  StatsMessage,
  StoppedMessage,
} from '../ipc/capture-protocol.ts';
import { encodeMessage, FrameDecoder } from './frame-codec.ts';

export interface CaptureOptions {
  device?: string;
  filter?: string;
  outFile: string;
  backend?: CaptureBackend;
  excludePorts?: number[];
  flushIntervalMs?: number;
  statsIntervalMs?: number;
  /** How to run the agent (tests run it as another user; the app may point at a bundled agent). */
  agent?: {
    execPath?: string;
    /** Path of the agent entry (default: agent.ts beside this file, or agent.js when bundled). */
    entry?: string;
    uid?: number;
    gid?: number;
    env?: NodeJS.ProcessEnv;
  };
}

/** An Error carrying the structured capture error (for promise rejections). */
export class CaptureError extends Error {
  constructor(readonly detail: CaptureErrorMessage) {
    super(`${detail.id}: ${detail.message}`);
  }
}

export interface CaptureSessionEvents {
  started: [StartedMessage];
  record: [RecordMessage];
  stats: [StatsMessage];
  error: [CaptureErrorMessage];
  stopped: [StoppedMessage | null];
}

function agentEntry(): { entry: string; dev: boolean } {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts')) return { entry: self.replace(/capture-client\.ts$/, 'agent.ts'), dev: true };
  const js = self.replace(/capture-client\.[cm]?js$/, 'agent.js');
  return { entry: existsSync(js) ? js : self.replace(/[^/\\]+$/, 'agent.mjs'), dev: false };
}

export class CaptureSession extends EventEmitter<CaptureSessionEvents> {
  /** Resolves once the device is open; rejects with CaptureError (e.g. capture.permission, capture.filter.invalid). */
  readonly ready: Promise<StartedMessage>;
  /** Resolves when the agent process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  info: StartedMessage | null = null;
  lastStats: StatsMessage | null = null;
  private stoppedMsg: StoppedMessage | null = null;
  private readonly child: ChildProcess;
  private stderr = '';

  constructor(options: CaptureOptions) {
    super();
    const { entry, dev } = options.agent?.entry
      ? { entry: options.agent.entry, dev: options.agent.entry.endsWith('.ts') }
      : agentEntry();
    const args = dev ? ['--import', 'tsx', entry] : [entry];
    this.child = spawn(options.agent?.execPath ?? process.execPath, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      uid: options.agent?.uid,
      gid: options.agent?.gid,
      env: options.agent?.env ?? process.env,
    });
    const child = this.child;
    let resolveReady!: (m: StartedMessage) => void;
    let rejectReady!: (e: CaptureError) => void;
    this.ready = new Promise((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    // Nobody may be listening for `ready` (event-style users): do not crash them with an unhandled rejection.
    this.ready.catch(() => {});
    this.exited = new Promise((res) => child.once('close', (code, signal) => res({ code, signal })));

    const decoder = new FrameDecoder((msg) => {
      switch (msg.type) {
        case 'started':
          this.info = msg.body;
          resolveReady(msg.body);
          this.emit('started', msg.body);
          break;
        case 'record':
          this.emit('record', msg.body);
          break;
        case 'stats':
          this.lastStats = msg.body;
          this.emit('stats', msg.body);
          break;
        case 'error':
          if (!this.info) rejectReady(new CaptureError(msg.body));
          if (this.listenerCount('error') > 0) this.emit('error', msg.body);
          break;
        case 'stopped':
          this.stoppedMsg = msg.body;
          break;
      }
    });
    child.stdout!.on('data', (chunk: Buffer) => decoder.push(chunk));
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (t: string) => {
      if (this.stderr.length < 65536) this.stderr += t;
    });
    // The agent may exit before reading `start` (e.g. it could not be launched); EPIPE is reported below.
    child.stdin!.on('error', () => {});
    child.once('error', (e) => {
      const err: CaptureErrorMessage = {
        id: 'capture.failed',
        message: `cannot run the capture agent: ${e.message}`,
        fatal: true,
      };
      rejectReady(new CaptureError(err));
      if (this.listenerCount('error') > 0) this.emit('error', err);
    });
    child.once('close', (code, signal) => {
      if (!this.stoppedMsg) {
        const err: CaptureErrorMessage = {
          id: 'capture.failed',
          message: `capture agent exited (${signal ?? `code ${code}`}) without stopping cleanly${this.stderr ? `: ${this.stderr.trim().slice(-2000)}` : ''}`,
          fatal: true,
        };
        rejectReady(new CaptureError(err));
        if (this.info && this.listenerCount('error') > 0) this.emit('error', err);
      }
      this.emit('stopped', this.stoppedMsg);
    });
    const { agent: _agent, ...start } = options;
    child.stdin!.write(encodeMessage({ type: 'start', body: start }));
  }

  /** The agent's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Asks the agent to stop; resolves with its final message (null if it died without one). */
  async stop(): Promise<StoppedMessage | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.stdin!.write(encodeMessage({ type: 'stop', body: {} }));
      this.child.stdin!.end();
    }
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(kill);
    return this.stoppedMsg;
  }

  /** Sends a signal to the agent (tests use SIGKILL to check the file survives). */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }
}

export function startCapture(options: CaptureOptions): CaptureSession {
  return new CaptureSession(options);
}
