// Step-through mode (the "Steps" tab).
export { StepsView, type StepsViewProps } from './steps-view.tsx';
export { StepsView as default } from './steps-view.tsx';
export { stepsOf, analysisOf, factRows, rowsByFrame, sideView, hasBeenOpen, playDelay } from './step-data.ts';
