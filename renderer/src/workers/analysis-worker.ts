// The engine in a Web Worker: reads the File in slices (never whole), pushes them to the Analyzer,
// reports progress, posts a partial model after the first slice (so rows show up before the file
// is read) and the final model at the end — packed into transferred columns (wire-model.ts), not
// structured-cloned object by object. Also re-reads a single frame's bytes on demand.
// Bytes come from a browser File or, in the desktop app, from the host over a MessagePort
// (byte-source.ts); everything past the ByteSource is the same for both.

import { Analyzer, type CaptureSummary } from '../../../core/analyze.ts';
import { buildTimeline } from '../../../core/timeline/build-timeline.ts';
import type { CaptureModel } from '../model.ts';
import { now, wireModel } from './wire-model.ts';
import { PacketRowBuilder } from './packet-rows.ts';
import { KIND_PROTOCOL, packLadder } from './packed-rows.ts';
import { frameDataOffset, readBlockType } from './frame-bytes.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';
import { frameTree } from './frame-tree.ts';
import { readFrames } from './frame-reader.ts';
import { fileSource, portSource, type ByteSource } from './byte-source.ts';
import { urlSource } from './url-source.ts';
import { cancelByteSearch, runByteSearch } from './byte-search-worker.ts';

const SLICE = 4 * 1024 * 1024;
/** The first slice is smaller, so the first rows show up sooner. */
const FIRST_SLICE = 256 * 1024;
/** One partial model, after the first slice (later rows arrive with the whole model). */
const PARTIAL_AT_SLICE = 1;

interface Session {
  file: ByteSource;
  cancelled: boolean;
  model: CaptureModel | null;
}

/** The file being read, and the last one fully read (frame reads use it; a cancel falls back to it). */
let session: Session | null = null;
let current: Session | null = null;
/** When this worker started and got its first open request (bench stages; first open only). */
let early: Record<string, number> = { started: now() };
/** Bumped by every open and cancel: an 'open-url' whose response comes after a newer one is dropped. */
let opening = 0;

function post(msg: WorkerResponse, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(msg, transfer);
}

function emptySummary(): CaptureSummary {
  return {
    format: null,
    byteOrder: null,
    linkTypes: [],
    interfaces: [],
    packets: 0,
    bytesRead: 0,
    firstTime: null,
    lastTime: null,
    warnings: [],
    error: null,
  };
}

/** Closes a superseded source unless it is still the one frame reads use. */
function retire(s: Session | null): void {
  if (s && s !== current) s.file.close();
}

async function open(file: ByteSource): Promise<void> {
  const timings: Record<string, number> = { ...early, open: now() };
  early = {};
  const s: Session = { file, cancelled: false, model: null };
  session = s;
  // Room for one row per 256 bytes of file (captures of small packets run ~150 bytes a record:
  // one doubling), at most 1M rows up front.
  const rows = new PacketRowBuilder(Math.min(Math.max(file.size / 256, 1024), 1 << 20));
  const analyzer = new Analyzer({ rows: true, onPacket: (pkt, rec) => rows.add(pkt, rec) });
  let offset = 0;
  let slices = 0;
  // The next slice is read while this one is analysed (the read is I/O, not this thread's time).
  const readAhead = (at: number, size: number): Promise<Uint8Array> => {
    const p = file.read(at, at + size);
    p.catch(() => {}); // A read left behind by a cancel must not surface as an unhandled rejection.
    return p;
  };
  let next = readAhead(0, FIRST_SLICE);
  while (offset < file.size && !analyzer.stopped) {
    let buf: Uint8Array;
    try {
      buf = await next;
    } catch (e) {
      // A cancelled session's source is closed under it: that is not an error to report.
      if (s.cancelled || session !== s) return;
      throw e;
    }
    if (s.cancelled || session !== s) return;
    // A host file that ended early (shrank since it was opened): analyse what there is.
    if (buf.length === 0) break;
    if (offset + buf.length < file.size) next = readAhead(offset + buf.length, SLICE);
    analyzer.push(buf);
    offset += buf.length;
    slices++;
    post({ type: 'progress', bytes: offset, total: file.size, packets: analyzer.packets });
    if (slices === PARTIAL_AT_SLICE && offset < file.size) {
      const summary = emptySummary();
      summary.packets = rows.count;
      summary.bytesRead = offset;
      const transfer: ArrayBuffer[] = [];
      post({ type: 'partial', model: wireModel(file, summary, rows.columns, null, transfer) }, transfer);
      rows.eager = false;
      timings.partial = now();
    }
    // Let a 'cancel' message in between slices.
    await new Promise((r) => setTimeout(r, 0));
    if (s.cancelled || session !== s) return;
  }
  timings.read = now();
  const result = analyzer.end();
  timings.analysis = now();
  const timeline = buildTimeline(result);
  timings.timeline = now();
  const transfer: ArrayBuffer[] = [];
  // The ladder rows packed first: the packet list is completed from their columns (cheaper than
  // reading 100k row objects twice).
  const ladder = packLadder(timeline.connections, transfer);
  timings.ladder = now();
  const packets = rows.completePacked(
    ladder,
    timeline.connections.map((c) => c.id),
    KIND_PROTOCOL,
  );
  timings.rows = now();
  const diagnostics = [...result.diagnostics];
  for (const c of result.connections) diagnostics.push(...c.tcp.diagnostics, ...c.dissection.diagnostics);
  const model: CaptureModel = {
    name: file.name,
    bytes: file.size,
    summary: result.capture,
    timeline,
    connections: result.connections.map((c) => ({ id: c.tcp.id, tcp: c.tcp, dissection: c.dissection })),
    packets,
    diagnostics,
  };
  s.model = model;
  if (current !== s) current?.file.close();
  current = s;
  timings.model = now();
  const wire = wireModel(
    file,
    result.capture,
    rows.columns,
    { model, timeline, ladderRef: rows.ladderRef, ladder },
    transfer,
    timings,
  );
  timings.post = now();
  post({ type: 'done', model: wire, timings }, transfer);
  // When postMessage returned (it serialises the message): the bench's breakdown.
  post({ type: 'timings', timings: { posted: now() } });
  const err = result.capture.error;
  if (err) post({ type: 'error', message: `${err.id}: ${err.message}`, offset: err.offset });
}

async function readFrame(frame: number): Promise<void> {
  const s = current;
  const model = s?.model;
  const row = model?.packets[frame - 1];
  if (!s || !model || !row || row.frame !== frame) return;
  const le = model.summary.byteOrder !== 'be';
  const head = await s.file.read(row.fileOffset, row.fileOffset + 4);
  const start = row.fileOffset + frameDataOffset(model.summary.format, readBlockType(head, le));
  const bytes = await s.file.read(start, start + row.capturedLength);
  let tree: unknown = null;
  try {
    tree = frameTree(bytes, row, model);
  } catch (e) {
    post({ type: 'error', message: `detail: ${e instanceof Error ? e.message : String(e)}` });
  }
  post({ type: 'frame', frame, bytes, tree }, [bytes.buffer]);
}

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  if (msg.type === 'cancel') {
    opening++;
    if (session) session.cancelled = true;
    retire(session);
    post({ type: 'cancelled' });
  } else if (msg.type === 'open-url') {
    if (early.started) early.request = now();
    if (session) session.cancelled = true;
    retire(session);
    session = null;
    const generation = ++opening;
    urlSource(msg.name, msg.url)
      .then(
        (source) => {
          // Superseded (another open, or a cancel) while the response headers were awaited.
          if (generation !== opening) return source.close();
          return open(source);
        },
        (e: unknown) => {
          if (generation !== opening) return;
          // Nothing was read: the load ends (as a cancel would) and says why.
          post({ type: 'cancelled' });
          post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
        },
      )
      .catch((e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
  } else if (msg.type === 'open' || msg.type === 'open-port') {
    opening++;
    if (session) session.cancelled = true;
    retire(session);
    const source = msg.type === 'open' ? fileSource(msg.file) : portSource(msg.name, msg.size, msg.port);
    open(source).catch((e: unknown) =>
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  } else if (msg.type === 'frames') {
    const model = current?.model;
    if (!current || !model) {
      post({ type: 'frames', id: msg.id, frames: [], error: 'no capture' });
      return;
    }
    readFrames(
      current.file,
      { format: model.summary.format, byteOrder: model.summary.byteOrder, packets: model.packets },
      msg.frames,
    ).then(
      (frames) =>
        post(
          { type: 'frames', id: msg.id, frames },
          frames.map((f) => f.data.buffer as ArrayBuffer),
        ),
      (e: unknown) =>
        post({ type: 'frames', id: msg.id, frames: [], error: e instanceof Error ? e.message : String(e) }),
    );
  } else if (msg.type === 'frame') {
    readFrame(msg.frame).catch((e: unknown) =>
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  } else if (msg.type === 'search-bytes') {
    const model = current?.model;
    const source = model
      ? { format: model.summary.format, byteOrder: model.summary.byteOrder, packets: model.packets }
      : null;
    runByteSearch(msg.id, msg.needles, current?.file ?? null, source, post);
  } else if (msg.type === 'search-bytes-cancel') {
    cancelByteSearch(msg.id);
  }
};
