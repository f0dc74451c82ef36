// The capture agent: a separate process that only captures and copies packets out — no
// dissection — so it is the only part of Wirestep that ever needs capture rights (the design of
// Wireshark's dumpcap). It runs under plain `node --import tsx electron/capture/agent.ts` in
// development and tests, and as an Electron utilityProcess in the app (no Electron imports here).
//
// Protocol: electron/ipc/capture-protocol.ts. The parent sends `start`; the agent answers
// `started` (or a structured `error`), then streams `record`s and periodic `stats`, writes every
// packet to a pcapng file as it goes, and ends with `stats` (final) + `stopped` after `stop`,
// SIGINT/SIGTERM, or when its parent goes away.
import { AgentClock } from './agent-clock.ts';
import { createTransport } from './agent-transport.ts';
import { CaptureFailure, type Backend, type BackendInfo } from './backend.ts';
import { composeFilter } from './bpf-filter.ts';
import { CapBackend } from './cap-backend.ts';
import { ExternalBackend } from './external-backend.ts';
import { encodeMessage, encodeRecord } from './frame-codec.ts';
import { PcapngFile } from './pcapng-file.ts';
import type {
  CaptureErrorMessage,
  StartRequest,
  StatsMessage,
  StoppedMessage,
} from '../ipc/capture-protocol.ts';

/** Flush when this many packets or bytes are pending, whichever comes first. */
const BATCH_PACKETS = 64;
const BATCH_BYTES = 256 * 1024;
/** A parent that lets this much pile up in the pipe stops getting records (the file still gets them). */
const MAX_PARENT_BACKLOG = 64 * 1024 * 1024;
/** Time given to packets already in flight when stopping. */
const DRAIN_MS = 100;

const transport = createTransport();
const clock = new AgentClock();

let backend: Backend | null = null;
let info: BackendInfo | null = null;
let file: PcapngFile | null = null;
let started = false;
let stopping = false;
let frame = 0;
let truncated = 0;
let parentDropped = 0;
let frames: Uint8Array[] = [];
let frameBytes = 0;
let flushTimer: NodeJS.Timeout | null = null;
let statsTimer: NodeJS.Timeout | null = null;
let flushIntervalMs = 20;
/** Packets that arrived while the file was being opened (copied: the backend's buffer is reused). */
const early: Array<{ data: Uint8Array; wire: number; ts: [number, number] }> = [];

function sendError(err: CaptureErrorMessage): void {
  transport.send(encodeMessage({ type: 'error', body: err }));
}

function onPacket(data: Uint8Array, wire: number, tsSec: number | null, tsNsec: number): void {
  const ts: [number, number] = tsSec === null ? clock.at() : [tsSec, tsNsec];
  if (!file) {
    if (!stopping) early.push({ data: data.slice(), wire, ts });
    return;
  }
  keep(data, wire, ts);
}

function keep(data: Uint8Array, wire: number, [sec, nsec]: [number, number]): void {
  const f = file!;
  frame++;
  if (wire > data.length) truncated++;
  const offset = f.packet(0, sec, nsec, data, wire);
  if (transport.backlog() + frameBytes > MAX_PARENT_BACKLOG) parentDropped++;
  else {
    const rec = encodeRecord(frame, offset, sec, nsec, wire, !info!.timestampsExact, data);
    frames.push(rec);
    frameBytes += rec.length;
  }
  if (f.pendingCount >= BATCH_PACKETS || f.pendingSize >= BATCH_BYTES) flush();
  else flushTimer ??= setTimeout(flush, flushIntervalMs);
}

/** File first, then the parent: whatever the parent has seen is on disk. */
function flush(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  file?.flush();
  if (frames.length > 0) {
    transport.send(frames.length === 1 ? frames[0]! : Buffer.concat(frames, frameBytes));
    frames = [];
    frameBytes = 0;
  }
}

function stats(final: boolean): StatsMessage {
  const d = backend?.drops() ?? { dropped: null, droppedSource: 'not started' };
  return {
    received: frame,
    dropped: d.dropped,
    droppedSource: d.droppedSource,
    truncated,
    parentDropped,
    fileBytes: file ? file.written + file.pendingSize : 0,
    final,
  };
}

async function start(req: StartRequest): Promise<void> {
  if (started) return;
  started = true;
  flushIntervalMs = req.flushIntervalMs ?? 20;
  let filter: string;
  try {
    if (typeof req.outFile !== 'string' || req.outFile === '') throw new RangeError('outFile is required');
    filter = composeFilter(req.filter, req.excludePorts);
  } catch (e) {
    return fatal({ id: 'capture.options.invalid', message: (e as Error).message, fatal: true });
  }
  const kind = req.backend ?? 'cap';
  const opts = { device: req.device, filter, execPath: process.execPath };
  backend = kind === 'cap' ? new CapBackend(opts) : new ExternalBackend(kind, opts);
  try {
    info = await backend.start({
      packet: onPacket,
      error: (err) => {
        sendError(err);
        if (err.fatal) void stop('error');
      },
      ended: () => void stop('backend-exited'),
    });
  } catch (e) {
    if (e instanceof CaptureFailure) return fatal(e.detail);
    return fatal({ id: 'capture.failed', message: String((e as Error).message ?? e), fatal: true });
  }
  const approx = !info.timestampsExact;
  const note = approx
    ? 'Timestamps are approximate: the Wirestep capture agent stamped each packet when cap delivered it (cap 0.2.1 passes no kernel timestamp). Kernel drops are unknown.'
    : `Kernel timestamps from ${info.backend}.`;
  try {
    const f = new PcapngFile(req.outFile, {
      application: `Wirestep capture agent (${info.backend})`,
      comment: note,
    });
    f.addInterface({
      linkType: info.linkType,
      snapLength: info.snapLength,
      name: info.device,
      tsUnitsPerSecond: 1e9,
      description: approx ? `${info.device} (approximate timestamps)` : info.device,
      comment: note,
    });
    file = f;
  } catch (e) {
    await backend.stop(0);
    return fatal({ id: 'capture.output.failed', message: (e as Error).message, fatal: true });
  }
  transport.send(
    encodeMessage({
      type: 'started',
      body: {
        backend: info.backend,
        device: info.device,
        filter,
        linkType: info.linkType,
        snapLength: info.snapLength,
        timestampsExact: info.timestampsExact,
        outFile: req.outFile,
        pid: process.pid,
        execPath: process.execPath,
      },
    }),
  );
  for (const p of early.splice(0)) keep(p.data, p.wire, p.ts);
  flush();
  const every = req.statsIntervalMs ?? 1000;
  if (every > 0)
    statsTimer = setInterval(() => {
      backend?.pollStats?.();
      transport.send(encodeMessage({ type: 'stats', body: stats(false) }));
    }, every);
  if (stopRequested) void stop(stopRequested);
}

let stopRequested: StoppedMessage['reason'] | null = null;

async function stop(reason: StoppedMessage['reason']): Promise<void> {
  if (!file && started && !stopping && backend && !info) {
    // Still starting: stop as soon as it has started (or failed).
    stopRequested = reason;
    return;
  }
  if (stopping) return;
  stopping = true;
  if (statsTimer) clearInterval(statsTimer);
  try {
    await backend?.stop(reason === 'requested' ? DRAIN_MS : 0);
  } catch {
    // Stopping a capturer that already died is not news.
  }
  flush();
  const final = stats(true);
  const [sec, nsec] = clock.at();
  file?.close({
    interfaceId: 0,
    tsSec: sec,
    tsNsec: nsec,
    delivered: final.received,
    ...(final.dropped !== null ? { dropped: final.dropped } : {}),
    comment: `dropped: ${final.droppedSource}`,
  });
  transport.send(encodeMessage({ type: 'stats', body: final }));
  transport.send(
    encodeMessage({ type: 'stopped', body: { stats: final, outFile: file?.path ?? '', reason } }),
  );
  await transport.drain();
  process.exit(reason === 'error' ? 1 : 0);
}

async function fatal(err: CaptureErrorMessage): Promise<void> {
  sendError(err);
  stopping = true;
  await transport.drain();
  process.exit(1);
}

transport.onMessage((msg) => {
  if (msg.type === 'start') void start(msg.body);
  else if (msg.type === 'stop') void stop('requested');
});
transport.onClose(() => {
  if (!started) process.exit(0);
  void stop('parent-gone');
});
process.on('SIGINT', () => void stop('requested'));
process.on('SIGTERM', () => void stop('requested'));
let crashed = false;
process.on('uncaughtException', (e) => {
  // A bug, but the parent still gets a structured message and the file what was flushed.
  if (crashed) process.exit(1);
  crashed = true;
  try {
    flush();
    sendError({ id: 'capture.failed', message: `agent error: ${e.stack ?? e.message}`, fatal: true });
  } finally {
    const bail = setTimeout(() => process.exit(1), 2000);
    void transport.drain().then(() => {
      clearTimeout(bail);
      process.exit(1);
    });
  }
});
