// The live-capture bar: interface (loopback first), BPF filter, backend, Start/Stop (Ctrl/Cmd+E and
// the desktop menu's Capture items), received/dropped counters with a live indicator, the demo
// lab's one-click scenarios, the "recording, not live" note and capture problems. Rendered only
// when a host can capture (Electron's preload or `npm run web`); a plain static page has none.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CaptureHostApi,
  DesktopCaptureBackend,
  DesktopCaptureInterface,
} from '../../services/desktop-api.ts';
import { useDesktopMenu } from '../../services/use-desktop.ts';
import { useLiveCapture, type OpenHostFile } from '../../state/use-live-capture.ts';
import { CaptureProblemView } from './capture-problem.tsx';
import { DEMO_SCENARIO_NAMES } from './demo-scenarios.ts';
import './capture.css';

const BACKENDS: DesktopCaptureBackend[] = ['cap', 'tcpdump', 'dumpcap'];
/** The recording offered when a plain capture (not a demo) lacks rights. */
const DEFAULT_RECORDING = 'http11-keepalive';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.tagName && (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export interface CaptureBarProps {
  api: CaptureHostApi;
  openHostFile: OpenHostFile;
  /** The analysis is reading a file. */
  busy: boolean;
  /** Name of the capture shown or being opened. */
  shown: string | null;
  onOpenFile: () => void;
}

export function CaptureBar({ api, openHostFile, busy, shown, onOpenFile }: CaptureBarProps) {
  const { t } = useTranslation();
  const live = useLiveCapture(api, openHostFile, busy, shown);
  const { state } = live;
  const [interfaces, setInterfaces] = useState<DesktopCaptureInterface[]>([]);
  const [device, setDevice] = useState('');
  const [filter, setFilter] = useState('');
  const [backend, setBackend] = useState<DesktopCaptureBackend>('cap');
  const deviceRef = useRef<HTMLSelectElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const demoRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let gone = false;
    api.listInterfaces().then(
      (list) => {
        if (gone) return;
        setInterfaces(list);
        setDevice((d) => d || (list.find((i) => i.loopback) ?? list[0])?.name || '');
      },
      () => {},
    );
    return () => {
      gone = true;
    };
  }, [api]);

  const running = state.phase !== 'idle';
  const start = useCallback(() => {
    void live.start({
      ...(device ? { device } : {}),
      ...(filter.trim() ? { filter: filter.trim() } : {}),
      ...(backend !== 'cap' ? { backend } : {}),
    });
  }, [live, device, filter, backend]);
  const toggle = useCallback(() => {
    if (state.phase === 'live') void live.stop();
    else if (state.phase === 'idle') start();
  }, [state.phase, live, start]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'e' || e.key === 'E') && !isTyping(e.target)) {
        e.preventDefault();
        toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);

  useDesktopMenu({
    'capture.start': () => state.phase === 'idle' && start(),
    'capture.stop': () => void live.stop(),
    'capture.interface': () => deviceRef.current?.focus(),
    'capture.filter': () => filterRef.current?.focus(),
    'capture.demo': () => demoRef.current?.querySelector('button')?.focus(),
  });

  const dropped = useMemo(
    () => (state.dropped === null ? t('capture.droppedUnknown') : String(state.dropped)),
    [state.dropped, t],
  );
  const problemScenario = state.problem?.scenario ?? state.demo ?? DEFAULT_RECORDING;

  return (
    <section className="capture-bar" aria-label={t('capture.label')} data-testid="capture-bar">
      <div className="capture-row">
        <label>
          <span>{t('capture.interface')}</span>
          <select
            ref={deviceRef}
            value={device}
            onChange={(e) => setDevice(e.target.value)}
            disabled={running}
            data-testid="capture-interface"
          >
            {interfaces.map((i) => (
              <option key={i.name} value={i.name} title={i.description}>
                {i.loopback ? t('capture.loopback', { name: i.name }) : i.name}
              </option>
            ))}
          </select>
        </label>
        <input
          ref={filterRef}
          className="capture-filter"
          type="text"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !running) start();
          }}
          placeholder={t('capture.filterPlaceholder')}
          aria-label={t('capture.filter')}
          title={t('capture.filter')}
          spellCheck={false}
          disabled={running}
          data-testid="capture-filter"
        />
        <label>
          <span>{t('capture.backend')}</span>
          <select
            value={backend}
            onChange={(e) => setBackend(e.target.value as DesktopCaptureBackend)}
            disabled={running}
            data-testid="capture-backend"
          >
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {t(`capture.backends.${b}`)}
              </option>
            ))}
          </select>
        </label>
        {state.phase === 'live' || state.phase === 'stopping' ? (
          <button
            type="button"
            className="capture-stop"
            onClick={() => void live.stop()}
            title={t('capture.stopHint')}
            aria-keyshortcuts="Control+E"
            disabled={state.phase === 'stopping'}
            data-testid="capture-stop"
          >
            {t('capture.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="capture-start"
            onClick={start}
            title={t('capture.startHint')}
            aria-keyshortcuts="Control+E"
            disabled={state.phase === 'starting'}
            data-testid="capture-start"
          >
            {state.phase === 'starting' ? t('capture.starting') : t('capture.start')}
          </button>
        )}
        {state.phase === 'live' || state.phase === 'stopping' ? (
          <span
            className="capture-live"
            role="status"
            data-testid="live-indicator"
            title={t('capture.liveHint', { loads: state.loads })}
          >
            <span className="capture-dot" aria-hidden="true" /> {t('capture.live')}
          </span>
        ) : null}
        {state.session ? (
          <span
            className="capture-counters"
            data-testid="capture-counters"
            data-received={state.received}
            title={state.dropped === null ? t('capture.droppedUnknownHint') : undefined}
          >
            {t('capture.counters', { received: state.received, dropped })}
          </span>
        ) : null}
        <span className="spacer" />
        <span className="capture-keys">{t('capture.shortcut')}</span>
      </div>
      <div
        className="capture-row capture-demos"
        ref={demoRef}
        role="group"
        aria-label={t('capture.demoLabel')}
      >
        <span className="capture-demo-label" title={t('capture.demoHint')}>
          {t('capture.demoLabel')}
        </span>
        {DEMO_SCENARIO_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            onClick={() => void live.runDemo(name)}
            disabled={running}
            title={t(`capture.scenarios.${name}.desc`)}
            aria-pressed={state.demo === name && running}
            data-testid={`demo-${name}`}
          >
            {t(`capture.scenarios.${name}.name`)}
          </button>
        ))}
      </div>
      {state.recording ? (
        <div className="capture-recording" role="note" data-testid="recording-note">
          {t('capture.recordingNote', { name: t(`capture.scenarios.${state.recording}.name`) })}
        </div>
      ) : null}
      {state.problem ? (
        <CaptureProblemView
          problem={state.problem}
          recordingScenario={problemScenario}
          canPlayRecording={!!api.openRecording}
          onOpenFile={onOpenFile}
          onPlayRecording={(s) => void live.playRecording(s, state.problem)}
          onDismiss={live.dismiss}
        />
      ) : null}
    </section>
  );
}
