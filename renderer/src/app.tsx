// The app shell: toolbar (open, sample, language, theme), load progress with cancel, error banner,
// the connections overview on top, then the packet list beside a tab area (Ladder / WebSocket /
// HTTP / Detail). Keyboard: Ctrl/Cmd+O open, N/P and arrows move the selection within the filtered
// list, `/` focuses the filter. Files open by button, drop anywhere, or the host API.

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { initialState, reducer, type Language, type Theme } from './state/app-state.ts';
import { useAnalysis } from './state/use-analysis.ts';
import { AppContext, type AppContextValue } from './state/context.tsx';
import { savePrefs, type Prefs } from './state/prefs.ts';
import {
  desktop,
  host,
  initialCaptureName,
  loadSample,
  serverCaptureUrl,
  saveExport,
} from './services/host.ts';
import { useDesktopFiles, useDesktopMenu } from './services/use-desktop.ts';
import { Overview } from './views/overview/index.ts';
import {
  PacketList,
  FilterBar,
  parseFilter,
  applyFilter,
  lowerBound,
  useFilterPredicate,
  type FilterError,
} from './views/packets/index.ts';
import { TabArea } from './tab-area.tsx';
import { Splitter } from './splitter.tsx';
import { ExportMenu } from './views/export/index.ts';
import { CaptureBar } from './views/capture/index.ts';
import { captureHost } from './services/web-api.ts';
import { TourPlayer, TourStart, useTours } from './views/tours/index.ts';

function sizeText(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return (
    el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable
  );
}

export function App({ prefs }: { prefs: Prefs }) {
  const { t, i18n } = useTranslation();
  const [state, dispatch] = useReducer(reducer, initialState(prefs.language, prefs.theme));
  const {
    openFile,
    openUrl,
    openHostFile,
    hostFile,
    cancel,
    requestFrame,
    readFrames,
    frameData,
    byteSearch,
  } = useAnalysis(dispatch);
  // Files the desktop host announces (command line, OS association); before the sample effect.
  const hostAnnounced = useDesktopFiles(openHostFile);
  // Live capture: Electron's preload or web mode's API; none on a plain static page.
  const [captureApi] = useState(captureHost);
  const [filterError, setFilterError] = useState<FilterError | null>(null);
  const [dragging, setDragging] = useState(false);
  const [split, setSplit] = useState(0.55);
  const fileInput = useRef<HTMLInputElement>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const sampleTried = useRef(false);

  // Theme and language live on <html> so CSS variables and :lang() apply everywhere.
  useEffect(() => {
    document.documentElement.dataset.theme = state.theme;
    document.documentElement.lang = state.language === 'zh' ? 'zh-CN' : 'en';
    if (i18n.language !== state.language) void i18n.changeLanguage(state.language);
    savePrefs({ language: state.language, theme: state.theme });
  }, [state.theme, state.language, i18n]);

  const openSample = useCallback(() => {
    loadSample().then(openFile, (e: unknown) =>
      dispatch({
        type: 'error',
        error: { message: t('error.sample', { message: e instanceof Error ? e.message : String(e) }) },
      }),
    );
  }, [openFile, t]);

  // With no file given, the bundled sample opens.
  useEffect(() => {
    if (sampleTried.current) return;
    sampleTried.current = true;
    if (new URLSearchParams(location.search).has('nosample') || hostAnnounced.current) return;
    const initial = initialCaptureName();
    if (initial) {
      // Analysed while it downloads (the worker fetches it; HTTP errors come back as its errors).
      openUrl(initial, serverCaptureUrl(initial));
      return;
    }
    // Not over a file the desktop host announced while the sample was being fetched.
    loadSample().then(
      (f) => hostAnnounced.current || openFile(f),
      (e: unknown) =>
        dispatch({
          type: 'error',
          error: { message: t('error.sample', { message: e instanceof Error ? e.message : String(e) }) },
        }),
    );
  }, [openFile, openUrl, hostAnnounced, t]);

  const pickFile = useCallback(() => {
    const api = desktop();
    if (api) {
      api.openFile().then(
        (f) => f && openHostFile(api, f),
        (e: unknown) =>
          dispatch({ type: 'error', error: { message: e instanceof Error ? e.message : String(e) } }),
      );
    } else if (window.wirestepHost?.openFile) {
      void host.openFile().then((f) => f && openFile(f));
    } else fileInput.current?.click();
  }, [openFile, openHostFile]);

  const model = state.model;
  // Byte predicates (frame contains …) wait for the worker's search of the file.
  const filtered = useFilterPredicate(state.filterText, model, state.partial, byteSearch);
  const predicate = filtered.predicate;
  // Quiz mode hides the packets after the one being asked about (state.horizon).
  const horizon = state.horizon ?? null;
  const visible = useMemo(() => {
    if (!model) return [];
    const rows = applyFilter(model.packets, predicate);
    // Row i is frame i + 1 (frames are file positions).
    return horizon === null ? rows : rows.filter((i) => i < horizon);
  }, [model, predicate, horizon]);

  const applyFilterText = useCallback((text: string) => {
    const r = parseFilter(text);
    if (!r.ok) {
      setFilterError(r.error);
      return;
    }
    setFilterError(null);
    dispatch({ type: 'filter', text });
  }, []);

  const selectFrame = useCallback((frame: number) => dispatch({ type: 'select-frame', frame }), []);
  const tourError = useCallback((message: string) => dispatch({ type: 'error', error: { message } }), []);
  const tours = useTours(model, state.partial, openFile, tourError);

  const step = useCallback(
    (delta: number) => {
      if (!visible.length || !model) return;
      const cur = state.selectedFrame;
      let pos: number;
      if (cur === null) pos = delta > 0 ? 0 : visible.length - 1;
      else {
        const at = lowerBound(visible, cur - 1);
        const exact = at < visible.length && visible[at] === cur - 1;
        pos = delta > 0 ? (exact ? at + 1 : at) : at - 1;
      }
      pos = Math.max(0, Math.min(visible.length - 1, pos));
      dispatch({ type: 'select-frame', frame: model.packets[visible[pos]!]!.frame });
    },
    [visible, model, state.selectedFrame],
  );

  // The desktop menu's commands. Tabs and the export menu keep their own state: press their buttons.
  const press = (testId: string) =>
    document.querySelector<HTMLElement>(`[data-testid="${testId}"]:not([disabled])`)?.click();
  useDesktopMenu({
    'file.open': pickFile,
    'file.save-as': () => {
      const api = desktop();
      if (api && hostFile) void api.saveCapture(hostFile.fileId, hostFile.name);
    },
    'file.export': () => press('export-button'),
    'view.ladder': () => press('tab-ladder'),
    'view.http': () => press('tab-http'),
    'view.websocket': () => press('tab-websocket'),
    'view.packets': () => filterInput.current?.focus(),
    'view.language': () => dispatch({ type: 'language', language: state.language === 'zh' ? 'en' : 'zh' }),
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 'o' || e.key === 'O')) {
        e.preventDefault();
        pickFile();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        filterInput.current?.focus();
        filterInput.current?.select();
      } else if (e.key === 'n' || e.key === 'N' || e.key === 'ArrowDown') {
        e.preventDefault();
        step(1);
      } else if (e.key === 'p' || e.key === 'P' || e.key === 'ArrowUp') {
        e.preventDefault();
        step(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pickFile, step]);

  // Drop a file anywhere on the window.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const f = e.dataTransfer?.files?.[0];
      if (f) openFile(f);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [openFile]);

  // The detail view needs the selected frame's bytes: read them from the file in the worker.
  useEffect(() => {
    if (state.selectedFrame !== null && model && !state.partial) requestFrame(state.selectedFrame);
  }, [state.selectedFrame, model, state.partial, requestFrame]);

  const ctx: AppContextValue = useMemo(
    () => ({ state, dispatch, actions: { openFile, pickFile, cancel, requestFrame }, frameData }),
    [state, openFile, pickFile, cancel, requestFrame, frameData],
  );

  const load = state.loading;
  const percent = load && load.total > 0 ? Math.floor((100 * load.bytes) / load.total) : 0;
  const captureError = model?.summary.error ?? null;
  const setLang = (language: Language) => dispatch({ type: 'language', language });
  const setTheme = (theme: Theme) => dispatch({ type: 'theme', theme });

  return (
    <AppContext.Provider value={ctx}>
      <div className="app">
        <header className="toolbar" role="toolbar" aria-label={t('app.title')}>
          <span className="brand">
            <strong>{t('app.title')}</strong> <span className="tagline">{t('app.tagline')}</span>
          </span>
          <button type="button" onClick={pickFile} title={t('toolbar.openHint')} data-testid="open-button">
            {t('toolbar.open')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".pcap,.pcapng,.cap,.dmp"
            hidden
            data-testid="file-input"
            aria-label={t('toolbar.openHint')}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) openFile(f);
              e.target.value = '';
            }}
          />
          <button type="button" onClick={openSample} title={t('toolbar.sampleHint')}>
            {t('toolbar.sample')}
          </button>
          <button
            type="button"
            onClick={tours.startOpen ? tours.closeStart : tours.openStart}
            aria-pressed={tours.startOpen}
            title={t('tours.buttonHint')}
            data-testid="tours-button"
          >
            {t('tours.button')}
          </button>
          <ExportMenu
            model={state.partial ? null : model}
            selectedConnections={state.selectedConnections}
            readFrames={readFrames}
            save={saveExport}
          />
          <span className="spacer" />
          <span className="capture-name" data-testid="capture-name" title={model?.name}>
            {model ? model.name : ''}
          </span>
          <span className="switch" role="group" aria-label={t('toolbar.language')}>
            <button
              type="button"
              aria-pressed={state.language === 'en'}
              onClick={() => setLang('en')}
              lang="en"
            >
              English
            </button>
            <button
              type="button"
              aria-pressed={state.language === 'zh'}
              onClick={() => setLang('zh')}
              lang="zh-CN"
            >
              中文
            </button>
          </span>
          <button
            type="button"
            className="theme-toggle"
            data-testid="theme-toggle"
            aria-label={state.theme === 'dark' ? t('toolbar.toLight') : t('toolbar.toDark')}
            onClick={() => setTheme(state.theme === 'dark' ? 'light' : 'dark')}
          >
            {state.theme === 'dark' ? `☀ ${t('toolbar.light')}` : `☾ ${t('toolbar.dark')}`}
          </button>
        </header>

        {captureApi ? (
          <CaptureBar
            api={captureApi}
            openHostFile={openHostFile}
            busy={state.loading !== null || !!state.refreshing}
            shown={state.loading?.name ?? state.model?.name ?? null}
            onOpenFile={pickFile}
          />
        ) : null}

        {load ? (
          <div className="loading" role="status" data-testid="loading">
            <span>{t('load.reading', { name: load.name })}</span>
            <progress max={100} value={percent} aria-label={t('load.reading', { name: load.name })} />
            <span>{t('load.progress', { percent, packets: load.packets })}</span>
            <button type="button" onClick={cancel}>
              {t('load.cancel')}
            </button>
          </div>
        ) : null}

        {state.error || captureError ? (
          <div className="error-banner" role="alert" data-testid="error-banner">
            <strong>{t('error.title')}: </strong>
            {state.error
              ? state.error.offset !== undefined
                ? t('error.atOffset', { message: state.error.message, offset: state.error.offset })
                : state.error.message
              : t('error.atOffset', {
                  message: `${captureError!.id}: ${captureError!.message}`,
                  offset: captureError!.offset,
                })}
            {state.error ? (
              <button type="button" onClick={() => dispatch({ type: 'error', error: null })}>
                {t('error.dismiss')}
              </button>
            ) : null}
          </div>
        ) : null}

        {model && model.summary.warnings.length ? (
          <details className="warning-banner" data-testid="warning-banner">
            <summary>{t('error.warnings', { count: model.summary.warnings.length })}</summary>
            <ul>
              {model.summary.warnings.slice(0, 50).map((w, i) => (
                <li key={i}>{t('error.warningAt', { id: w.id, offset: w.offset, message: w.message })}</li>
              ))}
            </ul>
          </details>
        ) : null}

        {tours.playing && model && !tours.startOpen ? (
          <TourPlayer
            key={tours.playing.id}
            tour={tours.playing}
            model={model}
            language={state.language}
            onSelectFrame={selectFrame}
            onExit={tours.exit}
          />
        ) : null}

        {tours.startOpen || (!model && !load) ? (
          <main className="workspace empty-state">
            <TourStart
              language={state.language}
              onStart={tours.start}
              onClose={model ? tours.closeStart : undefined}
              note={model ? undefined : t('status.none')}
            />
          </main>
        ) : model ? (
          <main className="workspace">
            {state.partial ? (
              <section className="overview" data-testid="overview">
                <p className="placeholder">{t('status.partial')}</p>
              </section>
            ) : (
              <Overview
                model={model}
                selectedConnections={state.selectedConnections}
                onSelectConnection={(id, frame, add) =>
                  dispatch({ type: 'select-connection', connection: id, frame, add })
                }
              />
            )}
            <div
              className="split"
              style={{ gridTemplateColumns: `minmax(0, ${split}fr) 6px minmax(0, ${1 - split}fr)` }}
            >
              <section className="packets-pane" aria-label={t('packets.title')}>
                <FilterBar
                  ref={filterInput}
                  applied={state.filterText}
                  error={filterError ?? filtered.error}
                  searching={filtered.searching}
                  shown={visible.length}
                  total={model.packets.length}
                  onApply={applyFilterText}
                />
                <PacketList
                  rows={model.packets}
                  visible={visible}
                  selectedFrame={state.selectedFrame}
                  onSelectFrame={selectFrame}
                />
              </section>
              <Splitter fraction={split} onChange={setSplit} label={t('layout.splitter')} />
              <TabArea />
            </div>
          </main>
        ) : (
          <main className="workspace empty-state">
            <p>{load ? '' : t('status.none')}</p>
          </main>
        )}

        <footer className="statusbar" data-testid="statusbar">
          {model ? (
            <>
              <span>{t('status.packets', { count: model.packets.length })}</span>
              <span>{t('status.connections', { count: model.connections.length })}</span>
              <span>{sizeText(model.bytes)}</span>
              {model.diagnostics.length ? (
                <span>{t('status.diagnostics', { count: model.diagnostics.length })}</span>
              ) : null}
              {state.partial ? <span>{t('status.partial')}</span> : null}
            </>
          ) : null}
          <span className="spacer" />
          <span className="keys">{t('keys.hint')}</span>
        </footer>

        {dragging ? (
          <div className="drop-overlay" aria-hidden="true">
            {t('load.drop')}
          </div>
        ) : null}
      </div>
    </AppContext.Provider>
  );
}
