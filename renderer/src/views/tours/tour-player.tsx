// The tour player: a strip above the workspace with the step's narration in the UI language,
// "step k of n", and Back / Next / End / Exit (keys ← → End-of-tour via the button, Esc exits).
// Each step selects its packet through the app's selection (so the packet list, ladder, hex and
// Steps views highlight it) and switches to the tab the step names. Numbers in the narration are
// marked with the fact they quote (data-fact), all as text nodes: narration quotes wire strings.

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveTour, type TourDef, type TourView } from '../../../../core/tour/index.ts';
import type { CaptureModel } from '../../model.ts';
import { TOURS_CSS } from './tours-style.ts';

export interface TourPlayerProps {
  tour: TourDef;
  model: CaptureModel;
  language: 'en' | 'zh';
  onSelectFrame: (frame: number) => void;
  onExit: () => void;
  /** Switches the tab area to a view; by default presses its tab button. */
  showView?: (view: TourView) => void;
}

/** The tab area keeps its own state (as the desktop menu does): press the tab's button. */
export function pressTab(view: TourView): void {
  document.querySelector<HTMLElement>(`[data-testid="tab-${view}"]:not([disabled])`)?.click();
}

function ignoreKey(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return true;
  const el = e.target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
    return true;
  // Widgets that use the arrow keys themselves (field tree, splitter).
  return !!el.closest?.('[role="tree"], [role="separator"], [role="slider"]');
}

export function TourPlayer({
  tour,
  model,
  language,
  onSelectFrame,
  onExit,
  showView = pressTab,
}: TourPlayerProps) {
  const { t } = useTranslation();
  const resolved = useMemo(() => resolveTour(tour, model), [tour, model]);
  const steps = resolved.steps;
  const [at, setAt] = useState(0);
  const step = steps[Math.min(at, steps.length - 1)];

  useEffect(() => {
    if (!step) return;
    onSelectFrame(step.frame);
    showView(step.view);
  }, [step, onSelectFrame, showView]);

  const go = useCallback((i: number) => setAt(Math.max(0, Math.min(steps.length - 1, i))), [steps.length]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (ignoreKey(e)) return;
      if (e.key === 'ArrowRight') go(at + 1);
      else if (e.key === 'ArrowLeft') go(at - 1);
      else if (e.key === 'Escape') onExit();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [at, go, onExit]);

  const lang = language === 'zh' ? 'zh-CN' : 'en';
  const last = at >= steps.length - 1;
  return (
    <section
      className="tour-player"
      aria-label={t('tours.player', { title: tour.title[language] })}
      data-testid="tour-player"
      data-tour={tour.id}
      data-step={step?.id ?? ''}
      data-frame={step?.frame ?? ''}
      data-view={step?.view ?? ''}
    >
      <style>{TOURS_CSS}</style>
      <div className="tour-head">
        <strong data-testid="tour-title" lang={lang}>
          {tour.title[language]}
        </strong>
        <span className="tour-pos" data-testid="tour-position" aria-live="polite">
          {step ? t('tours.position', { n: at + 1, total: steps.length }) : ''}
        </span>
      </div>
      <div className="tour-controls" role="toolbar" aria-label={t('tours.controls')}>
        <button
          type="button"
          onClick={() => go(at - 1)}
          disabled={!step || at === 0}
          title={t('tours.backKey')}
          data-testid="tour-back"
        >
          ◀ {t('tours.back')}
        </button>
        <button
          type="button"
          onClick={() => go(at + 1)}
          disabled={!step || last}
          title={t('tours.nextKey')}
          data-testid="tour-next"
        >
          {t('tours.next')} ▶
        </button>
        <button
          type="button"
          onClick={() => go(steps.length - 1)}
          disabled={!step || last}
          title={t('tours.endKey')}
          data-testid="tour-end"
        >
          {t('tours.end')} ▶|
        </button>
        <button type="button" onClick={onExit} title={t('tours.exitKey')} data-testid="tour-exit">
          ✕ {t('tours.exit')}
        </button>
      </div>
      {step ? (
        <p className="tour-narration" data-testid="tour-narration" lang={lang}>
          {step.parts[language].map((p, i) =>
            typeof p === 'string' ? (
              p
            ) : (
              <b key={i} className="tour-fact" data-fact={p.fact} title={p.fact}>
                {p.value}
              </b>
            ),
          )}
        </p>
      ) : (
        <p className="tour-narration" data-testid="tour-narration">
          {t('tours.nothing')}
        </p>
      )}
      {resolved.problems.length ? (
        <p className="tour-problems" role="alert" data-testid="tour-problems">
          {t('tours.unresolved', {
            count: resolved.problems.length,
            steps: [...new Set(resolved.problems.map((p) => p.step))].join(', '),
          })}
        </p>
      ) : null}
      <span className="tour-keys">
        {last && step ? `${t('tours.done')} · ` : ''}
        {t('tours.keys')}
      </span>
    </section>
  );
}
