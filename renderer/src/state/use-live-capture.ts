// Live capture and the demo lab, host-agnostic (Electron's preload or web mode's HTTP API): starts
// and stops captures, follows the agent's status, and shows the capture as it grows by re-opening
// its pcapng file through the ordinary open path (useAnalysis().openHostFile) — the worker
// analyses whole files, so a live view is a series of re-reads. Re-reads are throttled adaptively:
// never more often than max(MIN_RELOAD_MS, 2 × the last read's duration), so a big capture does
// not keep the worker busy all the time; one more after the capture stopped. Without capture
// rights a demo plays its bundled recording instead (web mode).

import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  CaptureHostApi,
  DesktopCaptureStarted,
  DesktopCaptureStatus,
  DesktopOpenedFile,
  DesktopStartCaptureRequest,
} from '../services/desktop-api.ts';
import { problemOf } from '../services/web-api.ts';
import { PcapngExtent } from '../views/capture/pcapng-extent.ts';

export const MIN_RELOAD_MS = 500;
const TICK_MS = 150;

export interface CaptureProblem {
  id: string;
  message: string;
  howToFix?: string;
  /** The demo scenario that was asked for, when a demo failed to start. */
  scenario?: string;
}

export interface LiveCaptureState {
  phase: 'idle' | 'starting' | 'live' | 'stopping';
  session: DesktopCaptureStarted | null;
  /** The demo scenario running (null for a plain capture). */
  demo: string | null;
  received: number;
  dropped: number | null;
  problem: CaptureProblem | null;
  /** The scenario whose bundled recording is shown instead of a live capture. */
  recording: string | null;
  /** Re-reads of the live file so far (tests and the indicator's tooltip). */
  loads: number;
}

const IDLE: LiveCaptureState = {
  phase: 'idle',
  session: null,
  demo: null,
  received: 0,
  dropped: null,
  problem: null,
  recording: null,
  loads: 0,
};

export type OpenHostFile = (
  api: Pick<CaptureHostApi, 'readChunk'>,
  file: DesktopOpenedFile,
  opts?: { keep?: boolean },
) => void;

interface Follow {
  api: CaptureHostApi;
  file: DesktopOpenedFile;
  extent: PcapngExtent;
  loaded: number;
  loads: number;
  inFlight: boolean;
  lastStart: number;
  lastDuration: number;
  stopped: boolean;
  finalDone: boolean;
}

/**
 * `busy`: the analysis is reading a file (state.loading or state.refreshing); a re-read starts
 * only when it is not. `shown`: the name of the capture on screen (or being opened) — once the
 * user opens another file, the live file is no longer re-read over it (the capture goes on).
 */
export function useLiveCapture(
  api: CaptureHostApi | null,
  openHostFile: OpenHostFile,
  busy: boolean,
  shown: string | null,
) {
  const [state, setState] = useState<LiveCaptureState>(IDLE);
  const follow = useRef<Follow | null>(null);
  const busyRef = useRef(busy);
  const shownRef = useRef(shown);
  useEffect(() => {
    shownRef.current = shown;
  }, [shown]);
  const sessionRef = useRef<string | null>(null);

  // A read finished: remember how long it took (the throttle's input).
  useEffect(() => {
    busyRef.current = busy;
    const f = follow.current;
    if (!busy && f?.inFlight) {
      f.inFlight = false;
      f.lastDuration = performance.now() - f.lastStart;
      if (f.stopped && f.loaded >= f.extent.size) f.finalDone = true;
    }
  }, [busy]);

  const tick = useCallback(async () => {
    const f = follow.current;
    const now = performance.now();
    // A read so quick that React never rendered it as busy: it is over.
    if (f?.inFlight && !busyRef.current && now - f.lastStart > 1000) f.inFlight = false;
    if (!f || f.inFlight || busyRef.current || f.finalDone) return;
    if (f.loads > 0 && shownRef.current !== f.file.name) return;
    if (!f.stopped && now - f.lastStart < Math.max(MIN_RELOAD_MS, 2 * f.lastDuration)) return;
    let size: number;
    try {
      size = await f.extent.advance();
    } catch {
      return;
    }
    if (follow.current !== f || f.inFlight || busyRef.current) return;
    if (size <= f.loaded && f.loads > 0) {
      if (f.stopped) f.finalDone = true;
      return;
    }
    f.inFlight = true;
    f.lastStart = performance.now();
    f.loaded = size;
    openHostFile(f.api, { ...f.file, size }, { keep: f.loads > 0 });
    f.loads++;
    setState((s) => ({ ...s, loads: f.loads }));
  }, [openHostFile]);

  useEffect(() => {
    const timer = setInterval(() => void tick(), TICK_MS);
    return () => clearInterval(timer);
  }, [tick]);

  const onStatus = useCallback((st: DesktopCaptureStatus) => {
    if (st.sessionId !== sessionRef.current) return;
    if (st.kind === 'stats') setState((s) => ({ ...s, received: st.received, dropped: st.dropped }));
    else if (st.kind === 'error')
      setState((s) => ({
        ...s,
        problem: st.howToFix
          ? { id: st.id, message: st.message, howToFix: st.howToFix }
          : { id: st.id, message: st.message },
      }));
    else {
      if (follow.current) follow.current.stopped = true;
      sessionRef.current = null;
      setState((s) => ({ ...s, phase: 'idle', received: st.received, dropped: st.dropped }));
    }
  }, []);

  useEffect(() => (api ? api.onCaptureStatus(onStatus) : undefined), [api, onStatus]);

  const begin = useCallback(
    (started: DesktopCaptureStarted, demo: string | null) => {
      if (!api) return;
      sessionRef.current = started.sessionId;
      follow.current = {
        api,
        file: started.file,
        extent: new PcapngExtent((o, n) => api.readChunk(started.file.fileId, o, n)),
        loaded: 0,
        loads: 0,
        inFlight: false,
        lastStart: -Infinity,
        lastDuration: 0,
        stopped: false,
        finalDone: false,
      };
      setState({ ...IDLE, phase: 'live', session: started, demo });
    },
    [api],
  );

  const start = useCallback(
    async (request: DesktopStartCaptureRequest) => {
      if (!api || sessionRef.current) return;
      setState({ ...IDLE, phase: 'starting' });
      try {
        begin(await api.startCapture(request), null);
      } catch (e) {
        setState({ ...IDLE, problem: problemOf(e) });
      }
    },
    [api, begin],
  );

  const playRecording = useCallback(
    async (scenario: string, why: CaptureProblem | null = null) => {
      if (!api?.openRecording) return;
      try {
        const file = await api.openRecording(scenario);
        follow.current = null;
        openHostFile(api, file);
        setState({ ...IDLE, recording: scenario, problem: why });
      } catch (e) {
        setState({ ...IDLE, problem: { ...problemOf(e), scenario } });
      }
    },
    [api, openHostFile],
  );

  const runDemo = useCallback(
    async (scenario: string) => {
      if (!api || sessionRef.current) return;
      setState({ ...IDLE, phase: 'starting', demo: scenario });
      try {
        begin(await api.runDemo(scenario), scenario);
      } catch (e) {
        const problem = { ...problemOf(e), scenario };
        // No capture rights: the same scenario, recorded (what the lab would have captured).
        if (problem.id === 'capture.permission' && api.openRecording) await playRecording(scenario, problem);
        else setState({ ...IDLE, problem });
      }
    },
    [api, begin, playRecording],
  );

  const stop = useCallback(async () => {
    const id = sessionRef.current;
    if (!api || !id) return;
    setState((s) => ({ ...s, phase: 'stopping' }));
    try {
      const stopped = await api.stopCapture(id);
      onStatus({ kind: 'stopped', ...stopped });
    } catch (e) {
      // Already stopped (a demo ends by itself): the status event says so.
      const p = problemOf(e);
      if (p.id !== 'ipc.capture.unknown') setState((s) => ({ ...s, problem: p }));
    }
  }, [api, onStatus]);

  const dismiss = useCallback(() => setState((s) => ({ ...s, problem: null })), []);

  return { state, start, stop, runDemo, playRecording, dismiss };
}
