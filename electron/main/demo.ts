// Capture ▸ Run Demo (desktop) and the web mode's demo lab: starts a small HTTP + WebSocket server
// on loopback (lab/scenarios.ts), captures only its port, runs one scripted client of the
// DEMO_SCENARIOS table (lab/demo-scenarios.ts, the same table the bundled recordings are made
// from), paced so the overview visibly fills, then stops the capture. Real kernel traffic, so the
// app can teach without a capture file or another program. The lab modules (and `ws`) are loaded
// on first use, not at start-up.
import type { CaptureStarted, DemoScenario } from '../ipc/channels.ts';
import type { CaptureController, CaptureSink } from './capture-controller.ts';
import type { DemoRunner } from './ipc-handlers.ts';
import type { WebContents } from './electron-api.ts';

type Lab = typeof import('../../lab/scenarios.ts');
type Demos = typeof import('../../lab/demo-scenarios.ts');

export interface DemoModules {
  lab: Pick<Lab, 'startLabServer'>;
  demos: Pick<Demos, 'DEMO_SCENARIOS'>;
}

export interface DemoOptions {
  /**
   * Capturing before the first packet and after the last one (the FIN/ACK, TIME_WAIT's final ACK
   * must reach the agent; a watching UI gets at least one refresh while the capture is still live).
   */
  leadInMs?: number;
  lingerMs?: number;
  /**
   * The pause between a scenario's steps (connections, requests, messages), so a person watching
   * sees the overview fill one connection at a time rather than complete in one refresh. The live
   * view re-reads the capture every ≥ 500 ms (renderer/src/state/use-live-capture.ts); long
   * scenarios shorten it to stay within lab/demo-scenarios.ts PACED_BUDGET_MS. 0: unpaced.
   */
  pauseMs?: number;
  loadModules?: () => Promise<DemoModules>;
}

const DEFAULT_LEAD_IN_MS = 300;
const DEFAULT_LINGER_MS = 1000;
export const DEFAULT_DEMO_PAUSE_MS = 400;

const loadDefault = async (): Promise<DemoModules> => ({
  lab: await import('../../lab/scenarios.ts'),
  demos: await import('../../lab/demo-scenarios.ts'),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the capture filtered to a fresh lab server's port, then (in the background) runs the
 * scenario and stops the capture; resolves once the capture runs. A start failure (no capture
 * rights, no loopback device) rejects with the agent's CaptureError and leaves nothing running.
 */
export async function startDemo(
  capture: CaptureController,
  scenario: DemoScenario,
  sink: CaptureSink,
  o: DemoOptions = {},
): Promise<CaptureStarted> {
  const { lab, demos } = await (o.loadModules ?? loadDefault)();
  const script = demos.DEMO_SCENARIOS[scenario];
  const server = await lab.startLabServer('127.0.0.1');
  let started: CaptureStarted;
  try {
    started = await capture.start({ filter: `tcp port ${server.port}` }, sink);
  } catch (e) {
    await server.close();
    throw e;
  }
  void (async () => {
    try {
      await sleep(o.leadInMs ?? DEFAULT_LEAD_IN_MS);
      await script(server, { pauseMs: o.pauseMs ?? DEFAULT_DEMO_PAUSE_MS });
      await sleep(o.lingerMs ?? DEFAULT_LINGER_MS);
    } catch (e) {
      sink('capture:status', {
        sessionId: started.sessionId,
        kind: 'error',
        id: 'demo.failed',
        message: (e as Error).message,
        fatal: false,
      });
    } finally {
      await capture.stop(started.sessionId).catch(() => {});
      await server.close();
    }
  })();
  return started;
}

export function createDemoRunner(capture: CaptureController, o: DemoOptions = {}): DemoRunner {
  return {
    run(scenario: DemoScenario, sender: WebContents): Promise<CaptureStarted> {
      const sink: CaptureSink = (channel, payload) => {
        if (!sender.isDestroyed()) sender.send(channel, payload);
      };
      return startDemo(capture, scenario, sink, o);
    },
  };
}
