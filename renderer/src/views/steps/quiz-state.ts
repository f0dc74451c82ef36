// Quiz mode's state in the Steps view: on/off, the open question (about the step after the
// current one), the last checked result and the running score. "Next" asks instead of moving;
// "Check" scores the answer and only then moves the selection to the packet (reveals it).

import { useCallback, useEffect, useState } from 'react';
import {
  EMPTY_SCORE,
  addToScore,
  checkAnswer,
  quizQuestion,
  type QuizAnswer,
  type QuizQuestion,
  type QuizResult,
  type QuizScore,
  type Step,
} from '../../../../core/step/index.ts';
import type { CaptureModel } from '../../model.ts';

/** The question about `step`'s packet, from the model's ladder rows and dissection. */
export function questionFor(model: CaptureModel, step: Step): QuizQuestion | null {
  const tl = model.timeline.connections.find((c) => c.id === step.connection);
  const cm = model.connections.find((c) => c.id === step.connection);
  if (!tl || !cm) return null;
  return quizQuestion(step, { rows: tl.rows, dissection: cm.dissection });
}

export interface QuizState {
  on: boolean;
  question: QuizQuestion | null;
  result: QuizResult | null;
  score: QuizScore;
  toggle(): void;
  /** Opens the question about steps[at + 1]; false when there is no next step. */
  ask(): boolean;
  check(answer: QuizAnswer): void;
  /** Reveals the packet without scoring. */
  skip(): void;
  cancel(): void;
}

export function useQuiz(
  model: CaptureModel,
  steps: readonly Step[],
  at: number,
  go: (i: number) => void,
): QuizState {
  const [on, setOn] = useState(false);
  const [question, setQuestion] = useState<QuizQuestion | null>(null);
  const [result, setResult] = useState<QuizResult | null>(null);
  const [score, setScore] = useState<QuizScore>(EMPTY_SCORE);

  // Another capture or scope: a new quiz.
  useEffect(() => {
    setQuestion(null);
    setResult(null);
  }, [steps]);
  useEffect(() => {
    setScore(EMPTY_SCORE);
  }, [model]);
  // The selection moved elsewhere (packet list, tour, Home/End): the open question no longer fits.
  useEffect(() => {
    if (question && steps[at + 1]?.frame !== question.frame) setQuestion(null);
  }, [at, steps, question]);

  const toggle = useCallback(() => {
    setOn((v) => !v);
    setQuestion(null);
    setResult(null);
  }, []);

  const ask = useCallback(() => {
    const next = steps[at + 1];
    if (!next) return false;
    setResult(null);
    setQuestion(questionFor(model, next));
    return true;
  }, [steps, at, model]);

  const check = useCallback(
    (answer: QuizAnswer) => {
      if (!question) return;
      const r = checkAnswer(question, answer);
      setResult(r);
      setScore((s) => addToScore(s, r));
      setQuestion(null);
      go(question.step);
    },
    [question, go],
  );

  const skip = useCallback(() => {
    if (!question) return;
    setQuestion(null);
    go(question.step);
  }, [question, go]);

  const cancel = useCallback(() => setQuestion(null), []);

  return { on, question, result, score, toggle, ask, check, skip, cancel };
}
