// Owns the analysis worker: opens files, forwards its progress/partial/done/error messages to the
// reducer, and keeps the last frame read for the detail view.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Action } from './app-state.ts';
import type { WorkerRequest, WorkerResponse } from '../workers/protocol.ts';
import type { ExportFrame } from '../../../core/export/pcapng.ts';
import type { DesktopApi, DesktopOpenedFile } from '../services/desktop-api.ts';
import { chunkChannel } from '../services/desktop-chunks.ts';
import { hydrateModel } from '../model.ts';
import { desktop, serverCaptureUrl } from '../services/host.ts';
import { ByteSearchClient } from '../workers/byte-search-client.ts';

export interface FrameData {
  frame: number;
  bytes: Uint8Array;
  tree: unknown;
}

function makeWorker(): Worker {
  return new Worker(new URL('../workers/analysis-worker.ts', import.meta.url), { type: 'module' });
}

/**
 * A capture named with `?open=NAME` (web mode) is opened as this module loads, before React's
 * first render: the worker starts and the capture downloads and is analysed while the UI mounts
 * (the mount took a few hundred ms). The hook adopts this worker and replays what it said so far.
 */
interface EarlyOpen {
  worker: Worker;
  name: string;
  url: string;
  queued: WorkerResponse[];
  adopted: boolean;
  /** The app's own openUrl for it was skipped (once). */
  claimed: boolean;
}
let early: EarlyOpen | null = null;

function openEarly(): void {
  if (typeof location === 'undefined' || typeof Worker === 'undefined') return;
  const q = new URLSearchParams(location.search);
  const name = q.get('open');
  // As app.tsx decides: not under ?nosample, not in the desktop app (its host announces files).
  if (!name || q.has('nosample') || desktop()) return;
  performance.mark('wirestep:open-url');
  const e: EarlyOpen = {
    worker: makeWorker(),
    name,
    url: serverCaptureUrl(name),
    queued: [],
    adopted: false,
    claimed: false,
  };
  e.worker.onmessage = (ev: MessageEvent<WorkerResponse>) => e.queued.push(ev.data);
  const msg: WorkerRequest = { type: 'open-url', name, url: e.url };
  e.worker.postMessage(msg);
  early = e;
}
openEarly();

export function useAnalysis(dispatch: (a: Action) => void) {
  const worker = useRef<Worker | null>(null);
  const [frameData, setFrameData] = useState<FrameData | null>(null);
  /** The display filter's byte searches (frame contains …) in the worker. */
  const [byteSearch] = useState(() => new ByteSearchClient((m) => worker.current?.postMessage(m)));
  const pending = useRef(new Map<number, { ok: (f: ExportFrame[]) => void; fail: (e: Error) => void }>());
  const nextId = useRef(1);
  // UI ends of desktop chunk ports: the file being read, and the last one read fully (frame
  // reads and exports still use it); closed once superseded.
  const ports = useRef<{
    loading: MessagePort | null;
    current: MessagePort | null;
    /** The desktop file being read (null for a browser File). */
    loadingFile: DesktopOpenedFile | null;
  }>({ loading: null, current: null, loadingFile: null });
  /** The desktop file shown once fully read (null for a browser File), for Save Capture As. */
  const [hostFile, setHostFile] = useState<DesktopOpenedFile | null>(null);

  useEffect(() => {
    const adopt = early && !early.adopted ? early : null;
    const w = adopt ? adopt.worker : makeWorker();
    worker.current = w;
    const handle = (m: WorkerResponse) => {
      switch (m.type) {
        case 'progress':
          dispatch({ type: 'progress', bytes: m.bytes, total: m.total, packets: m.packets });
          break;
        case 'partial':
          // Measurement only: `npm run bench` reads these marks (first rows / model in).
          performance.mark('wirestep:partial');
          dispatch({ type: 'partial', model: hydrateModel(m.model) });
          break;
        case 'done': {
          performance.mark('wirestep:done');
          for (const [k, t] of Object.entries(m.timings ?? {}))
            performance.mark(`wirestep:worker:${k}`, { startTime: t - performance.timeOrigin });
          const p = ports.current;
          if (p.current && p.current !== p.loading) p.current.close();
          p.current = p.loading;
          p.loading = null;
          setHostFile(p.loadingFile);
          dispatch({ type: 'done', model: hydrateModel(m.model) });
          performance.mark('wirestep:done-dispatched');
          break;
        }
        case 'timings':
          for (const [k, t] of Object.entries(m.timings))
            performance.mark(`wirestep:worker:${k}`, { startTime: t - performance.timeOrigin });
          break;
        case 'cancelled':
          ports.current.loading?.close();
          ports.current.loading = null;
          dispatch({ type: 'cancelled' });
          break;
        case 'error':
          dispatch({
            type: 'error',
            error: m.offset !== undefined ? { message: m.message, offset: m.offset } : { message: m.message },
          });
          break;
        case 'frame':
          setFrameData({ frame: m.frame, bytes: m.bytes, tree: m.tree });
          break;
        case 'search-bytes':
        case 'search-bytes-progress':
          byteSearch.receive(m);
          break;
        case 'frames': {
          const p = pending.current.get(m.id);
          pending.current.delete(m.id);
          if (p) {
            if (m.error) p.fail(new Error(m.error));
            else p.ok(m.frames);
          }
          break;
        }
      }
    };
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => handle(ev.data);
    w.onerror = (e) => dispatch({ type: 'error', error: { message: e.message || 'worker failed' } });
    if (adopt) {
      adopt.adopted = true;
      dispatch({ type: 'load-start', name: adopt.name, total: 0 });
      for (const m of adopt.queued.splice(0)) handle(m);
    } else if (early?.adopted) {
      // A remount (React StrictMode in development) lost the adopted worker: open it again here.
      dispatch({ type: 'load-start', name: early.name, total: 0 });
      const msg: WorkerRequest = { type: 'open-url', name: early.name, url: early.url };
      w.postMessage(msg);
      early.worker = w;
    }
    const p = ports.current;
    return () => {
      p.loading?.close();
      p.current?.close();
      p.loading = p.current = null;
      w.terminate();
      worker.current = null;
    };
  }, [dispatch]);

  const send = useCallback((msg: WorkerRequest) => worker.current?.postMessage(msg), []);

  const openFile = useCallback(
    (file: File) => {
      performance.mark('wirestep:open-file');
      setFrameData(null);
      dispatch({ type: 'load-start', name: file.name, total: file.size });
      ports.current.loading?.close();
      ports.current.loading = null;
      ports.current.loadingFile = null;
      send({ type: 'open', file });
    },
    [dispatch, send],
  );

  /** Opens a capture the server serves at `url`: the worker analyses it while it downloads. */
  const openUrl = useCallback(
    (name: string, url: string) => {
      // Already opened as the module loaded (openEarly), in this very worker.
      const e = early;
      if (e && !e.claimed && e.worker === worker.current && e.name === name && e.url === url) {
        e.claimed = true;
        return;
      }
      performance.mark('wirestep:open-url');
      setFrameData(null);
      dispatch({ type: 'load-start', name, total: 0 });
      ports.current.loading?.close();
      ports.current.loading = null;
      ports.current.loadingFile = null;
      send({ type: 'open-url', name, url });
    },
    [dispatch, send],
  );

  /**
   * Opens a file the desktop host granted: the worker reads it through the host's readChunk.
   * `keep`: a live capture's re-read (the current view stays until the new model is in).
   */
  const openHostFile = useCallback(
    (api: Pick<DesktopApi, 'readChunk'>, file: DesktopOpenedFile, opts?: { keep?: boolean }) => {
      const w = worker.current;
      if (!w) return;
      if (!opts?.keep) setFrameData(null);
      dispatch({ type: 'load-start', name: file.name, total: file.size, keep: opts?.keep });
      const { ui, worker: port } = chunkChannel(api, file.fileId);
      ports.current.loading?.close();
      ports.current.loading = ui;
      ports.current.loadingFile = file;
      const msg: WorkerRequest = { type: 'open-port', name: file.name, size: file.size, port };
      w.postMessage(msg, [port]);
    },
    [dispatch],
  );
  const cancel = useCallback(() => send({ type: 'cancel' }), [send]);
  const requestFrame = useCallback((frame: number) => send({ type: 'frame', frame }), [send]);

  const readFrames = useCallback(
    (frames: number[]) =>
      new Promise<ExportFrame[]>((ok, fail) => {
        const id = nextId.current++;
        pending.current.set(id, { ok, fail });
        send({ type: 'frames', id, frames });
      }),
    [send],
  );

  return {
    openFile,
    openUrl,
    openHostFile,
    hostFile,
    cancel,
    requestFrame,
    readFrames,
    frameData,
    byteSearch,
  };
}
