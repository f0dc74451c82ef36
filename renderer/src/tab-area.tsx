// The tab area beside the packet list: Ladder / WebSocket / HTTP / Detail. Each view is a pure
// component with props; it gets the selection from the shared state, so it stays in sync with the
// list and the overview. A tab whose view module exports no component shows a placeholder.

import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './state/context.tsx';
import { TABS, WHOLE_CAPTURE_TABS, viewComponent, type TabId } from './app-views.ts';
import { ViewBoundary } from './view-boundary.tsx';

export function TabArea() {
  const { t } = useTranslation();
  const { state, dispatch, frameData } = useApp();
  const [tab, setTab] = useState<TabId>('ladder');
  const model = state.model!;
  const connId = state.selectedConnections[0] ?? null;
  // Stable references: the ladder lays out 100k rows when its props change, not on every render.
  const conn = useMemo(
    () => (connId === null ? null : (model.connections.find((c) => c.id === connId) ?? null)),
    [model, connId],
  );
  const timeline = useMemo(
    () => (connId === null ? null : (model.timeline.connections.find((c) => c.id === connId) ?? null)),
    [model, connId],
  );
  const selectedKey = state.selectedConnections.join(',');
  const selectedTimelines = useMemo(
    () => model.timeline.connections.filter((c) => selectedKey.split(',').includes(String(c.id))),
    [model, selectedKey],
  );
  const View = viewComponent(tab);
  const onSelectFrame = useCallback((frame: number) => dispatch({ type: 'select-frame', frame }), [dispatch]);
  const onQuizHorizon = useCallback(
    (frame: number | null) => dispatch({ type: 'quiz-horizon', frame }),
    [dispatch],
  );
  const bytes = frameData && frameData.frame === state.selectedFrame ? frameData.bytes : null;
  const tree = frameData && frameData.frame === state.selectedFrame ? frameData.tree : null;
  const row = state.selectedFrame !== null ? (model.packets[state.selectedFrame - 1] ?? null) : null;

  let body;
  if (!View) body = <p className="placeholder">{t('tabs.coming', { view: t(`tabs.${tab}`) })}</p>;
  else if (tab !== 'detail' && !WHOLE_CAPTURE_TABS.has(tab) && !conn)
    body = <p className="placeholder">{t('tabs.noConnection')}</p>;
  else if (tab === 'detail' && state.selectedFrame === null)
    body = <p className="placeholder">{t('tabs.noFrame')}</p>;
  else
    body = (
      <ViewBoundary
        // The steps view keeps its scope and playback across connections (whole-capture stepping).
        key={WHOLE_CAPTURE_TABS.has(tab) ? `${tab}:${model.name}` : `${tab}:${model.name}:${selectedKey}`}
        fallback={(message) => (
          <p className="placeholder error-text" role="alert">
            {t('tabs.failed', { view: t(`tabs.${tab}`), message })}
          </p>
        )}
      >
        <View
          model={model}
          connections={selectedTimelines}
          connection={tab === 'ladder' ? timeline : conn}
          timeline={timeline}
          connectionModel={conn}
          selectedFrame={state.selectedFrame}
          onSelectFrame={onSelectFrame}
          onQuizHorizon={onQuizHorizon}
          frame={state.selectedFrame}
          row={row}
          bytes={bytes}
          tree={tree}
          theme={state.theme}
          language={state.language}
        />
      </ViewBoundary>
    );

  return (
    <section className="tab-area">
      <div role="tablist" aria-label={t('tabs.label')} className="tabs">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-controls="tab-panel"
            aria-selected={tab === id}
            data-testid={`tab-${id}`}
            onClick={() => setTab(id)}
          >
            {t(`tabs.${id}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id="tab-panel"
        aria-labelledby={`tab-${tab}`}
        className="tab-panel"
        data-testid="tab-panel"
      >
        {body}
      </div>
    </section>
  );
}
