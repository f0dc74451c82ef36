// Step-through mode: one step per TCP packet of the selected connection (or of the whole
// capture), with first/previous/next/last/play controls and keys (N/P step, space plays, Home/End
// jump). The current step *is* the app's selected frame, so the packet list, ladder and hex view
// follow it. Beside the controls: the annotation in the UI language with the packet's facts and
// "why?" links to the spec, the socket calls that most likely caused the packet (inferred), and
// both endpoints' RFC 9293 state diagrams with the transition taken at this step. Quiz mode (Q)
// makes Next ask "what comes next?" first and reveal the packet only after Check.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../core/step/index.ts';
import { endpointText } from '../../../../core/analysis-json.ts';
import type { CaptureModel, ConnectionModel } from '../../model.ts';
import { StateDiagram } from '../state-machine/index.ts';
import { factRows, playDelay, rowsByFrame, sideView, stepsOf } from './step-data.ts';
import { AnnotationPanel } from './annotation-panel.tsx';
import { SocketLane } from './socket-lane.tsx';
import { STEPS_CSS } from './steps-style.ts';
import { QuizPanel } from './quiz-panel.tsx';
import { useQuiz } from './quiz-state.ts';

export interface StepsViewProps {
  model: CaptureModel;
  /** The selected connection (steps of it), or null. */
  connectionModel?: ConnectionModel | null;
  selectedFrame: number | null;
  onSelectFrame: (frame: number) => void;
  /**
   * Quiz mode: the last frame the packet list may show (the current step's), so the list does not
   * give the answer away; null when the quiz is off.
   */
  onQuizHorizon?: (frame: number | null) => void;
  language: 'en' | 'zh';
}

type Scope = 'connection' | 'capture';
const SPEEDS = ['fixed', '0.1', '1', '10'] as const;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return (
    el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable
  );
}

export function StepsView({
  model,
  connectionModel,
  selectedFrame,
  onSelectFrame,
  onQuizHorizon,
  language,
}: StepsViewProps) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<Scope>(connectionModel ? 'connection' : 'capture');
  const connId = scope === 'connection' ? (connectionModel?.id ?? null) : null;
  const steps = useMemo<Step[]>(
    () => (scope === 'connection' && connId === null ? [] : stepsOf(model, connId)),
    [model, scope, connId],
  );
  const rows = useMemo(() => rowsByFrame(model, connId), [model, connId]);
  const byFrame = useMemo(() => {
    const m = new Map<number, number>();
    steps.forEach((s, i) => {
      if (!m.has(s.frame)) m.set(s.frame, i);
    });
    return m;
  }, [steps]);
  const conns = useMemo(() => new Map(model.connections.map((c) => [c.id, c])), [model]);

  // The step follows the app's selected frame; a frame outside the steps keeps the last step.
  const last = useRef(0);
  const found = selectedFrame !== null ? byFrame.get(selectedFrame) : undefined;
  const at = Math.min(found ?? last.current, Math.max(0, steps.length - 1));
  last.current = at;
  const step = steps[at];

  // A selected frame that is not a step (another protocol, nothing yet): select this step's packet.
  useEffect(() => {
    if (step && found === undefined) onSelectFrame(step.frame);
  }, [step, found, onSelectFrame]);

  const go = useCallback(
    (i: number) => {
      const s = steps[Math.max(0, Math.min(steps.length - 1, i))];
      if (s) onSelectFrame(s.frame);
    },
    [steps, onSelectFrame],
  );

  const quiz = useQuiz(model, steps, at, go);
  const horizonFrame = quiz.on ? (step?.frame ?? null) : null;
  useEffect(() => {
    onQuizHorizon?.(horizonFrame);
  }, [onQuizHorizon, horizonFrame]);
  // Leaving the Steps tab (or another capture) ends the hiding.
  useEffect(() => () => onQuizHorizon?.(null), [onQuizHorizon]);
  // In quiz mode Next asks first; the answer's Check moves on.
  const next = useCallback(() => {
    if (!quiz.on) go(at + 1);
    else if (!quiz.question) quiz.ask();
  }, [quiz, go, at]);

  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>('fixed');
  useEffect(() => {
    if (!playing) return;
    if (at >= steps.length - 1) {
      setPlaying(false);
      return;
    }
    const id = window.setTimeout(() => go(at + 1), playDelay(steps, at, speed));
    return () => window.clearTimeout(id);
  }, [playing, at, steps, speed, go]);

  const togglePlay = useCallback(() => {
    setPlaying((p) => {
      // Play from the start when at the end.
      if (!p && at >= steps.length - 1) go(0);
      return !p;
    });
  }, [at, steps.length, go]);

  // In this tab N/P step (not move in the filtered list), space plays, Home/End jump. A
  // capture-phase listener runs before the app's own shortcut handler and stops it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      let handled = true;
      if (e.key === 'n' || e.key === 'N') next();
      else if (e.key === 'q' || e.key === 'Q') {
        setPlaying(false);
        quiz.toggle();
      } else if (e.key === 'p' || e.key === 'P') go(at - 1);
      else if (e.key === 'Home') go(0);
      else if (e.key === 'End') go(steps.length - 1);
      else if (e.key === ' ') {
        if (!quiz.on) togglePlay();
      } else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [go, at, steps.length, togglePlay, next, quiz]);

  const conn = step ? conns.get(step.connection) : undefined;
  const client = conn ? endpointText(conn.tcp.client) : '';
  const server = conn ? endpointText(conn.tcp.server) : '';
  const quizConn = quiz.question ? conns.get(quiz.question.connection) : undefined;
  const facts = useMemo(() => (step ? factRows(step, rows.get(step.frame)) : []), [step, rows]);
  const views = useMemo(
    () => (step ? ([sideView(steps, at, 0), sideView(steps, at, 1)] as const) : null),
    [steps, at, step],
  );

  return (
    <div className="steps-view" data-testid="steps-view">
      <style>{STEPS_CSS}</style>
      <div className="steps-bar" role="toolbar" aria-label={t('steps.controls')}>
        <button
          type="button"
          onClick={() => go(0)}
          disabled={!step || at === 0}
          aria-label={t('steps.first')}
          title={t('steps.firstKey')}
          data-testid="step-first"
        >
          |◀
        </button>
        <button
          type="button"
          onClick={() => go(at - 1)}
          disabled={!step || at === 0}
          aria-label={t('steps.prev')}
          title={t('steps.prevKey')}
          data-testid="step-prev"
        >
          ◀ {t('steps.prevShort')}
        </button>
        <button
          type="button"
          onClick={togglePlay}
          disabled={steps.length < 2 || quiz.on}
          aria-pressed={playing}
          aria-label={playing ? t('steps.pause') : t('steps.play')}
          title={t('steps.playKey')}
          data-testid="step-play"
        >
          {playing ? `⏸ ${t('steps.pause')}` : `▶ ${t('steps.play')}`}
        </button>
        <button
          type="button"
          onClick={next}
          disabled={!step || at >= steps.length - 1}
          aria-label={t('steps.next')}
          title={t('steps.nextKey')}
          data-testid="step-next"
        >
          {t('steps.nextShort')} ▶
        </button>
        <button
          type="button"
          onClick={() => go(steps.length - 1)}
          disabled={!step || at >= steps.length - 1}
          aria-label={t('steps.last')}
          title={t('steps.lastKey')}
          data-testid="step-last"
        >
          ▶|
        </button>
        <button
          type="button"
          onClick={() => {
            setPlaying(false);
            quiz.toggle();
          }}
          aria-pressed={quiz.on}
          title={t('quiz.toggleKey')}
          data-testid="step-quiz"
        >
          ? {t('quiz.toggle')}
        </button>
        <label className="steps-speed">
          {t('steps.speed')}{' '}
          <select
            value={speed}
            onChange={(e) => setSpeed(e.target.value as (typeof SPEEDS)[number])}
            data-testid="step-speed"
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {t(`steps.speeds.${s === 'fixed' ? 'fixed' : `x${s.replace('.', '_')}`}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="steps-scope">
          {t('steps.scope')}{' '}
          <select value={scope} onChange={(e) => setScope(e.target.value as Scope)} data-testid="step-scope">
            <option value="connection" disabled={!connectionModel}>
              {t('steps.scopeConnection')}
            </option>
            <option value="capture">{t('steps.scopeCapture')}</option>
          </select>
        </label>
        <span className="steps-pos" data-testid="step-position" aria-live="polite">
          {step ? t('steps.position', { n: at + 1, total: steps.length, frame: step.frame }) : ''}
        </span>
      </div>

      {step && quiz.on ? (
        <QuizPanel
          question={quiz.question}
          result={quiz.result}
          score={quiz.score}
          client={quizConn ? endpointText(quizConn.tcp.client) : client}
          server={quizConn ? endpointText(quizConn.tcp.server) : server}
          onCheck={quiz.check}
          onSkip={quiz.skip}
          onCancel={quiz.cancel}
        />
      ) : null}
      {!step ? (
        <p className="placeholder">{t('steps.empty')}</p>
      ) : (
        <>
          <div className="steps-main">
            <AnnotationPanel step={step} language={language} facts={facts} />
            <SocketLane step={step} language={language} client={client} server={server} />
          </div>
          <div className="steps-diagrams" data-testid="state-machines">
            <StateDiagram
              side="client"
              title={t('steps.clientDiagram', { endpoint: client })}
              current={views![0].current}
              taken={views![0].taken}
              stepKey={at}
            />
            <StateDiagram
              side="server"
              title={t('steps.serverDiagram', { endpoint: server })}
              current={views![1].current}
              taken={views![1].taken}
              stepKey={at}
            />
          </div>
        </>
      )}
    </div>
  );
}
