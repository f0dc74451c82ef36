// Owns the analysis worker: opens files, forwards its progress/partial/done/error messages to the
// reducer, and keeps the last frame read for the detail view.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Action } from './app-state.ts';
import type { WorkerRequest, WorkerResponse } from '../workers/protocol.ts';
import type { ExportFrame } from '../../../core/export/pcapng.ts';

export interface FrameData {
  frame: number;
  bytes: Uint8Array;
  tree: unknown;
}

export function useAnalysis(dispatch: (a: Action) => void) {
  const worker = useRef<Worker | null>(null);
  const [frameData, setFrameData] = useState<FrameData | null>(null);
  const pending = useRef(new Map<number, { ok: (f: ExportFrame[]) => void; fail: (e: Error) => void }>());
  const nextId = useRef(1);

  useEffect(() => {
    const w = new Worker(new URL('../workers/analysis-worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => {
      const m = ev.data;
      switch (m.type) {
        case 'progress':
          dispatch({ type: 'progress', bytes: m.bytes, total: m.total, packets: m.packets });
          break;
        case 'partial':
          dispatch({ type: 'partial', model: m.model });
          break;
        case 'done':
          dispatch({ type: 'done', model: m.model });
          break;
        case 'cancelled':
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
    w.onerror = (e) => dispatch({ type: 'error', error: { message: e.message || 'worker failed' } });
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, [dispatch]);

  const send = useCallback((msg: WorkerRequest) => worker.current?.postMessage(msg), []);

  const openFile = useCallback(
    (file: File) => {
      setFrameData(null);
      dispatch({ type: 'load-start', name: file.name, total: file.size });
      send({ type: 'open', file });
    },
    [dispatch, send],
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

  return { openFile, cancel, requestFrame, readFrames, frameData };
}
