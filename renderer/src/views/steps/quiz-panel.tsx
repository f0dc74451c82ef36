// Quiz mode's panel in the Steps view: the "what comes next?" form (who sends, which flags, the
// relative acknowledgement number, optionally what it carries), then the feedback — each part
// right or wrong with the capture's true value and a short why — and the running score.
// Keyboard: the form opens with focus on "who"; Enter checks, Esc cancels; Q toggles quiz mode.

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  QUIZ_FLAGS,
  type QuizCarry,
  type QuizFlag,
  type QuizPartResult,
  type QuizQuestion,
  type QuizResult,
  type QuizScore,
  type QuizValue,
} from '../../../../core/step/index.ts';
import type { QuizAnswer } from '../../../../core/step/index.ts';

export interface QuizPanelProps {
  question: QuizQuestion | null;
  result: QuizResult | null;
  score: QuizScore;
  /** Endpoint texts of the question's connection (beside "client" / "server"). */
  client: string;
  server: string;
  onCheck: (answer: QuizAnswer) => void;
  onSkip: () => void;
  onCancel: () => void;
}

/** A part's value in words: sides and carries localised, flags joined, "no ACK" for null. */
export function quizValueText(t: TFunction, part: QuizPartResult['part'], v: QuizValue): string {
  if (part === 'who') return v === null ? t('quiz.noAnswer') : t(`steps.${String(v)}`);
  if (part === 'flags') {
    const f = v as QuizFlag[];
    return f.length ? f.join(' + ') : t('quiz.noFlags');
  }
  if (part === 'ack') return v === null ? t('quiz.noAck') : String(v);
  if (v === null) return t('quiz.skipped');
  const list = Array.isArray(v) ? (v as QuizCarry[]) : [v as QuizCarry];
  return list.map((c) => t(`quiz.carry.${c}`)).join(t('quiz.or'));
}

function QuizForm({
  question,
  client,
  server,
  onCheck,
  onSkip,
  onCancel,
}: Omit<QuizPanelProps, 'result' | 'score'> & { question: QuizQuestion }) {
  const { t } = useTranslation();
  const [who, setWho] = useState<'client' | 'server' | null>(null);
  const [flags, setFlags] = useState<QuizFlag[]>([]);
  const [ack, setAck] = useState('');
  const [carry, setCarry] = useState<QuizCarry | ''>('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const n = ack.trim() === '' ? null : Number(ack);
    onCheck({ who, flags, ack: n !== null && Number.isFinite(n) ? n : null, carry: carry || null });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
      // Radios and checkboxes do not submit on Enter by themselves.
      submit(e);
    }
  };

  return (
    <form
      className="quiz-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      data-testid="quiz-form"
      aria-label={t('quiz.question')}
    >
      <h3>{t('quiz.question')}</h3>
      <p className="quiz-hint">{t('quiz.hint', { n: question.step + 1 })}</p>
      <fieldset data-testid="quiz-who">
        <legend>{t('quiz.who')}</legend>
        {(['client', 'server'] as const).map((side, i) => (
          <label key={side}>
            <input
              ref={i === 0 ? first : undefined}
              type="radio"
              name="quiz-who"
              value={side}
              checked={who === side}
              onChange={() => setWho(side)}
              data-testid={`quiz-who-${side}`}
            />{' '}
            {t(`steps.${side}`)} <span className="quiz-endpoint">{side === 'client' ? client : server}</span>
          </label>
        ))}
      </fieldset>
      <fieldset data-testid="quiz-flags">
        <legend>{t('quiz.flags')}</legend>
        {QUIZ_FLAGS.map((f) => (
          <label key={f}>
            <input
              type="checkbox"
              checked={flags.includes(f)}
              onChange={(e) =>
                setFlags((cur) => (e.target.checked ? [...cur, f] : cur.filter((x) => x !== f)))
              }
              data-testid={`quiz-flag-${f}`}
            />{' '}
            {f}
          </label>
        ))}
      </fieldset>
      <label className="quiz-ack">
        {t('quiz.ack')}{' '}
        <input
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={ack}
          placeholder={t('quiz.ackPlaceholder')}
          onChange={(e) => setAck(e.target.value)}
          data-testid="quiz-ack"
        />
      </label>
      {question.carryChoices ? (
        <label className="quiz-carry">
          {t('quiz.carryQuestion')}{' '}
          <select
            value={carry}
            onChange={(e) => setCarry(e.target.value as QuizCarry | '')}
            data-testid="quiz-carry"
          >
            <option value="">{t('quiz.carryOptional')}</option>
            {question.carryChoices.map((c) => (
              <option key={c} value={c}>
                {t(`quiz.carry.${c}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="quiz-buttons">
        <button type="submit" data-testid="quiz-check">
          {t('quiz.check')}
        </button>
        <button type="button" onClick={onSkip} data-testid="quiz-skip">
          {t('quiz.skip')}
        </button>
        <button type="button" onClick={onCancel} data-testid="quiz-cancel" title={t('quiz.cancelKey')}>
          {t('quiz.cancel')}
        </button>
      </div>
    </form>
  );
}

function Feedback({ result }: { result: QuizResult }) {
  const { t } = useTranslation();
  const box = useRef<HTMLElement>(null);
  // Focus leaves the (now gone) form for the feedback, so N asks the next question.
  useEffect(() => {
    box.current?.focus();
  }, [result]);
  return (
    <section
      className="quiz-feedback"
      data-testid="quiz-feedback"
      tabIndex={-1}
      ref={box}
      aria-live="polite"
      aria-label={t('quiz.feedback')}
    >
      <h3 data-testid="quiz-verdict">
        {result.allRight
          ? t('quiz.allRight')
          : t('quiz.partlyRight', { right: result.right, total: result.scored })}
      </h3>
      <ul>
        {result.parts.map((p) => (
          <li
            key={p.part}
            data-testid={`quiz-result-${p.part}`}
            data-right={p.skipped ? 'skipped' : String(p.right)}
            className={p.skipped ? 'skipped' : p.right ? 'right' : 'wrong'}
          >
            <span className="quiz-mark" aria-hidden="true">
              {p.skipped ? '–' : p.right ? '✓' : '✗'}
            </span>{' '}
            <strong>{t(`quiz.part.${p.part}`)}</strong>{' '}
            <span className="quiz-mark-text">
              {p.skipped ? t('quiz.skipped') : p.right ? t('quiz.right') : t('quiz.wrong')}
            </span>
            {!p.right && !p.skipped ? (
              <span className="quiz-yours" data-testid={`quiz-yours-${p.part}`}>
                {' '}
                {t('quiz.yours', { value: quizValueText(t, p.part, p.answer) })}
              </span>
            ) : null}{' '}
            <span className="quiz-truth" data-testid={`quiz-truth-${p.part}`}>
              {t('quiz.truth', { value: quizValueText(t, p.part, p.truth) })}
            </span>
            <div className="quiz-why">{t(`quiz.why.${p.explain}`)}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function QuizPanel(props: QuizPanelProps) {
  const { t } = useTranslation();
  const { question, result, score } = props;
  return (
    <div className="quiz-panel" data-testid="quiz-panel">
      <p className="quiz-score" data-testid="quiz-score" aria-live="polite">
        {t('quiz.score', {
          right: score.partsRight,
          parts: score.parts,
          allRight: score.allRight,
          questions: score.questions,
        })}
      </p>
      {question ? (
        <QuizForm key={question.frame} {...props} question={question} />
      ) : result ? (
        <Feedback result={result} />
      ) : (
        <p className="quiz-hint" data-testid="quiz-idle">
          {t('quiz.idle')}
        </p>
      )}
    </div>
  );
}
