// How the agent talks to its parent: framed bytes over stdin/stdout when spawned by Node (dev,
// tests, CLI), or one Uint8Array per message over `process.parentPort` when run as an Electron
// utilityProcess (which has no stdin). Both carry the same frames (frame-codec.ts), so the
// protocol is tested once. Writes to stdout are asynchronous (a pipe), so a parent that stops
// reading shows up as a growing backlog, which the agent watches instead of blocking capture.
import type { CaptureMessage } from '../ipc/capture-protocol.ts';
import { FrameDecoder } from './frame-codec.ts';

export interface AgentTransport {
  send(frame: Uint8Array): void;
  /** Bytes written but not yet taken by the parent. */
  backlog(): number;
  onMessage(fn: (msg: CaptureMessage) => void): void;
  /** The parent went away (stdin closed / port closed). */
  onClose(fn: () => void): void;
  /** Resolves when everything sent has left the process. */
  drain(): Promise<void>;
}

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', fn: (e: { data: unknown }) => void): void;
  on(event: 'close', fn: () => void): void;
}

export function createTransport(): AgentTransport {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  return port ? portTransport(port) : stdioTransport();
}

function stdioTransport(): AgentTransport {
  let handler: (msg: CaptureMessage) => void = () => {};
  const decoder = new FrameDecoder((m) => handler(m));
  const out = process.stdout;
  const closers: Array<() => void> = [];
  /** stdout is broken: nobody reads what the agent sends any more. */
  let gone = false;
  let closed = false;
  const inputClosed = () => {
    if (closed) return;
    closed = true;
    for (const fn of closers) fn();
  };
  // A parent that died closes the pipes: writes fail with EPIPE. Without this handler the error
  // would be thrown, reported (another write, another EPIPE) and the agent would spin forever.
  out.on('error', () => {
    gone = true;
    inputClosed();
  });
  // End of stdin: the parent finished talking (after `stop`) or died; the agent stops either way.
  process.stdin.on('end', inputClosed);
  process.stdin.on('close', inputClosed);
  process.stdin.on('error', inputClosed);
  return {
    send: (frame) => {
      if (!gone) out.write(frame);
    },
    backlog: () => out.writableLength,
    onMessage(fn) {
      handler = fn;
      process.stdin.on('data', (chunk: Buffer) => decoder.push(chunk));
    },
    onClose(fn) {
      closers.push(fn);
    },
    drain: () =>
      new Promise<void>((res) => {
        if (gone || out.writableLength === 0) return res();
        out.write(new Uint8Array(0), () => res());
        out.once('error', () => res());
      }),
  };
}

function portTransport(port: ParentPort): AgentTransport {
  let handler: (msg: CaptureMessage) => void = () => {};
  const decoder = new FrameDecoder((m) => handler(m));
  return {
    send: (frame) => port.postMessage(frame),
    backlog: () => 0,
    onMessage(fn) {
      handler = fn;
      port.on('message', (e) => decoder.push(e.data as Uint8Array));
    },
    onClose: (fn) => port.on('close', fn),
    drain: () => Promise.resolve(),
  };
}
