export { CaptureBar, type CaptureBarProps } from './capture-bar.tsx';
export { DEMO_SCENARIO_NAMES, type DemoScenarioName } from './demo-scenarios.ts';
