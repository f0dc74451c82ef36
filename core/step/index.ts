// The step stage's public surface.
export { buildSteps, StepCursor } from './step-model.ts';
export { SPEC } from './spec-refs.ts';
export type {
  Bilingual,
  Side,
  SocketCall,
  SocketCallName,
  SpecRef,
  Step,
  StepScope,
  Transition,
} from './types.ts';
export {
  quizQuestion,
  checkAnswer,
  addToScore,
  carryOf,
  flagsOf,
  quizExplainKeys,
  EMPTY_SCORE,
  QUIZ_FLAGS,
  QUIZ_CARRIES,
} from './quiz.ts';
export type {
  QuizAnswer,
  QuizCarry,
  QuizConnection,
  QuizFlag,
  QuizPart,
  QuizPartResult,
  QuizQuestion,
  QuizResult,
  QuizScore,
  QuizValue,
} from './quiz.ts';
