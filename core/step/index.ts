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
