// The named scenarios of the demo lab and of the bundled recordings: one scripted client run per
// name, against a lab server (scenarios.ts). The desktop/web demo runs them while capturing live;
// scripts/make-recordings.ts runs the same ones under tcpdump to make samples/recordings/*.pcap, the
// recordings played when there are no capture rights and the captures the guided tours walk
// through. One table, so the live demo and its recording cannot drift apart.
import * as lab from './scenarios.ts';

export type DemoScenarioName =
  | 'http10-short'
  | 'http11-keepalive'
  | 'polling-vs-websocket'
  | 'websocket-chat'
  | 'short-vs-long'
  | 'http-pipelined'
  | 'http-reset'
  | 'websocket-fragments'
  | 'http10-vs-keepalive';

/** The number of messages the polling-vs-WebSocket comparison moves each way. */
export const COMPARISON_MESSAGES = 20;

/**
 * How a scenario runs. `pauseMs` paces the live demo (electron/main/demo.ts) so a watching person
 * sees connections and messages appear one by one; the recordings and tests run unpaced (0).
 */
export interface DemoRunOptions {
  pauseMs?: number;
}

/** What a paced scenario may add in pauses, so even the longest one stays a short watch. */
export const PACED_BUDGET_MS = 8000;

const messages = (n: number) => Array.from({ length: n }, (_, i) => `message ${i + 1}`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The pause for a scenario of `steps` paced steps: the asked one, shortened to fit the budget. */
export function pauseFor(o: DemoRunOptions | undefined, steps: number): number {
  const asked = Math.max(0, o?.pauseMs ?? 0);
  return Math.min(asked, Math.floor(PACED_BUDGET_MS / steps));
}

export type DemoScript = (s: lab.LabServer, o?: DemoRunOptions) => Promise<unknown>;

export const DEMO_SCENARIOS: Record<DemoScenarioName, DemoScript> = {
  // Three requests, three TCP connections: connect, request, response, close — each time.
  'http10-short': (s, o) => lab.http10Short(s, ['/index.html', '/style.css', '/app.js'], pauseFor(o, 2)),
  // The same three requests on one connection that stays open between them.
  'http11-keepalive': (s, o) =>
    lab.http11KeepAlive(s, ['/index.html', '/style.css', '/app.js'], pauseFor(o, 2)),
  // The same COMPARISON_MESSAGES messages, first by polling (a short connection each), then over
  // one WebSocket (one handshake, then frames only).
  'polling-vs-websocket': async (s, o) => {
    const p = pauseFor(o, 2 * COMPARISON_MESSAGES + 2);
    await lab.httpPolling(s, COMPARISON_MESSAGES, p);
    if (p) await sleep(p);
    await lab.websocketSession(s, { messages: messages(COMPARISON_MESSAGES), pauseMs: p });
  },
  // Upgrade, 101, messages both ways, server push, ping/pong, close handshake.
  'websocket-chat': (s, o) =>
    lab.websocketSession(s, {
      messages: ['hello', 'how are you?'],
      push: true,
      ping: true,
      pauseMs: pauseFor(o, 5),
    }),
  // TCP has no "short" or "long": the same three-way handshake opens an HTTP/1.0 exchange that is
  // closed at once and a WebSocket that stays open for many messages.
  'short-vs-long': async (s, o) => {
    const p = pauseFor(o, 8);
    await lab.http10Short(s, ['/index.html']);
    if (p) await sleep(p);
    await lab.websocketSession(s, { messages: messages(5), push: true, pauseMs: p });
  },
  // All requests written at once (that is the point): not paced.
  'http-pipelined': (s) => lab.http11Pipelined(s, ['/one', '/two', '/three']),
  'http-reset': (s) => lab.httpReset(s),
  // One message sent in fragments at once: not paced.
  'websocket-fragments': (s) => lab.websocketFragments(s, { parts: ['one ', 'two ', 'three'] }),
  // The guided tour's "short connections and the keep-alive fix": the same three requests, first
  // as HTTP/1.0 (three connections), then on one HTTP/1.1 keep-alive connection, in one capture.
  'http10-vs-keepalive': async (s, o) => {
    const paths = ['/index.html', '/style.css', '/app.js'];
    const p = pauseFor(o, 5);
    await lab.http10Short(s, paths, p);
    if (p) await sleep(p);
    await lab.http11KeepAlive(s, paths, p);
  },
};

export const DEMO_SCENARIO_NAMES = Object.keys(DEMO_SCENARIOS) as DemoScenarioName[];

export function isDemoScenario(name: unknown): name is DemoScenarioName {
  return typeof name === 'string' && Object.hasOwn(DEMO_SCENARIOS, name);
}
