// The demo lab's scenarios as the UI lists them: the keys of lab/demo-scenarios.ts DEMO_SCENARIOS
// (which the renderer cannot import: it loads Node's networking). test/renderer/live-capture.test.ts
// checks the two lists are the same; names and descriptions are in capture.<lang>.json.
export const DEMO_SCENARIO_NAMES = [
  'http10-short',
  'http11-keepalive',
  'http10-vs-keepalive',
  'polling-vs-websocket',
  'websocket-chat',
  'short-vs-long',
  'http-pipelined',
  'http-reset',
  'websocket-fragments',
] as const;

export type DemoScenarioName = (typeof DEMO_SCENARIO_NAMES)[number];
