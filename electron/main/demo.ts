// Capture ▸ Run Demo: starts a small HTTP + WebSocket server on loopback (lab/scenarios.ts),
// captures only its port, runs one scripted client, then stops the capture. Real kernel traffic,
// so the app can teach without a capture file or another program. The lab module (and `ws`) is
// loaded on first use, not at start-up.
import type { CaptureStarted, DemoScenario } from '../ipc/channels.ts';
import type { CaptureController, CaptureSink } from './capture-controller.ts';
import type { DemoRunner } from './ipc-handlers.ts';
import type { WebContents } from './electron-api.ts';

type Lab = typeof import('../../lab/scenarios.ts');
type LabServer = Awaited<ReturnType<Lab['startLabServer']>>;

/** Lets the last packets (FIN/ACK, TIME_WAIT's final ACK) reach the agent before it stops. */
const SETTLE_MS = 300;

export const DEMO_SCRIPTS: Record<DemoScenario, (lab: Lab, s: LabServer) => Promise<unknown>> = {
  'http-keepalive': (lab, s) => lab.http11KeepAlive(s, ['/a.txt', '/b.txt']),
  'http-pipelined': (lab, s) => lab.http11Pipelined(s, ['/one', '/two', '/three']),
  'http-reset': (lab, s) => lab.httpReset(s),
  'websocket-chat': (lab, s) => lab.websocketSession(s, { messages: ['hello', 'how are you?'], ping: true }),
  'websocket-fragments': (lab, s) => lab.websocketFragments(s, { parts: ['one ', 'two ', 'three'] }),
};

export function createDemoRunner(
  capture: CaptureController,
  loadLab: () => Promise<Lab> = () => import('../../lab/scenarios.ts'),
): DemoRunner {
  return {
    async run(scenario: DemoScenario, sender: WebContents): Promise<CaptureStarted> {
      const lab = await loadLab();
      const server = await lab.startLabServer('127.0.0.1');
      const sink: CaptureSink = (channel, payload) => {
        if (!sender.isDestroyed()) sender.send(channel, payload);
      };
      let started: CaptureStarted;
      try {
        started = await capture.start({ filter: `tcp port ${server.port}` }, sink);
      } catch (e) {
        await server.close();
        throw e;
      }
      void (async () => {
        try {
          await DEMO_SCRIPTS[scenario](lab, server);
          await new Promise((r) => setTimeout(r, SETTLE_MS));
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
    },
  };
}
