// The demo runner (electron/main/demo.ts) with fake lab modules and a fake agent: it captures only
// the lab server's port, paces the scenario for a watching person, and stops the capture after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureController } from '../../electron/main/capture-controller.ts';
import { DEFAULT_DEMO_PAUSE_MS, startDemo, type DemoModules } from '../../electron/main/demo.ts';
import { FileGrants } from '../../electron/main/file-grants.ts';
import type { DemoRunOptions } from '../../lab/demo-scenarios.ts';
import { FakeAgent } from './fake-agent.ts';

function setup() {
  const agents: FakeAgent[] = [];
  const capture = new CaptureController({
    launch: (r) => {
      const a = new FakeAgent(r);
      agents.push(a);
      setImmediate(() => a.start());
      return a;
    },
    grants: new FileGrants(),
    newCaptureFile: () => '/tmp/wirestep-test/demo.pcapng',
    defer: (fn) => setImmediate(fn),
  });
  const runs: Array<{ port: number; o: DemoRunOptions | undefined }> = [];
  let closed = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const modules: DemoModules = {
    lab: {
      startLabServer: async () => ({
        port: 40123,
        host: '127.0.0.1',
        close: async () => void (closed++, done()),
      }),
    },
    demos: {
      DEMO_SCENARIOS: new Proxy({} as DemoModules['demos']['DEMO_SCENARIOS'], {
        get: () => async (s: { port: number }, o?: DemoRunOptions) => void runs.push({ port: s.port, o }),
      }),
    },
  };
  const sent: Array<{ channel: string; payload: unknown }> = [];
  const sink = (channel: string, payload: unknown) => void sent.push({ channel, payload });
  return { agents, capture, runs, modules, finished, closed: () => closed, sink, sent };
}

test('the live demo is paced by default (a person sees it fill), and the pause can be set', async () => {
  assert.ok(DEFAULT_DEMO_PAUSE_MS >= 250 && DEFAULT_DEMO_PAUSE_MS <= 400, String(DEFAULT_DEMO_PAUSE_MS));
  for (const [options, expected] of [
    [{}, DEFAULT_DEMO_PAUSE_MS],
    [{ pauseMs: 1200 }, 1200],
    [{ pauseMs: 0 }, 0],
  ] as const) {
    const s = setup();
    const started = await startDemo(s.capture, 'http10-short', s.sink, {
      ...options,
      leadInMs: 0,
      lingerMs: 0,
      loadModules: async () => s.modules,
    });
    await s.finished;
    assert.deepEqual(s.runs, [{ port: 40123, o: { pauseMs: expected } }]);
    assert.equal(s.agents[0]!.request.filter, 'tcp port 40123', 'only the lab server is captured');
    assert.equal(s.agents[0]!.stopCalls, 1, 'the capture stops after the scenario');
    assert.equal(s.closed(), 1);
    assert.equal(started.file.source, 'capture');
  }
});
