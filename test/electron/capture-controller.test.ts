import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureController, MAX_BATCH_BYTES } from '../../electron/main/capture-controller.ts';
import { FileGrants } from '../../electron/main/file-grants.ts';
import { FakeAgent } from './fake-agent.ts';

function setup() {
  const deferred: Array<() => void> = [];
  const agents: FakeAgent[] = [];
  const active: boolean[] = [];
  const sent: Array<{ channel: string; payload: unknown }> = [];
  const c = new CaptureController({
    launch: (r) => {
      const a = new FakeAgent(r);
      agents.push(a);
      return a;
    },
    grants: new FileGrants(),
    newCaptureFile: () => '/tmp/wirestep-test/capture-1.pcapng',
    excludePorts: [5173],
    defer: (fn) => deferred.push(fn),
    onActiveChange: (a) => active.push(a),
  });
  const sink = (channel: string, payload: unknown) => sent.push({ channel, payload });
  return { c, deferred, agents, active, sent, sink };
}

test("the agent is asked for main's output file and the excluded ports", async () => {
  const s = setup();
  const p = s.c.start({ filter: 'tcp' }, s.sink);
  s.agents[0]!.start(113);
  const started = await p;
  assert.deepEqual(s.agents[0]!.request, {
    device: undefined,
    filter: 'tcp',
    backend: undefined,
    excludePorts: [5173],
    outFile: '/tmp/wirestep-test/capture-1.pcapng',
  });
  assert.equal(started.linkType, 113);
  assert.deepEqual(s.active, [true]);
  assert.equal(s.c.active, started.sessionId);
});

test('a batch is flushed early once it holds MAX_BATCH_BYTES', async () => {
  const s = setup();
  const p = s.c.start({}, s.sink);
  s.agents[0]!.start();
  await p;
  const big = 256 * 1024;
  const n = MAX_BATCH_BYTES / big;
  for (let i = 1; i <= n; i++) s.agents[0]!.record(i, big);
  assert.equal(s.sent.length, 1, 'flushed without waiting for the deferred turn');
  assert.equal((s.sent[0]!.payload as { records: unknown[] }).records.length, n);
  s.deferred.splice(0).forEach((f) => f());
  assert.equal(s.sent.length, 1, 'nothing left for the deferred flush');
});

test('status messages come after the records received before them', async () => {
  const s = setup();
  const p = s.c.start({}, s.sink);
  s.agents[0]!.start();
  const { sessionId } = await p;
  s.agents[0]!.record(1);
  s.agents[0]!.emit('stats', {
    received: 1,
    dropped: null,
    droppedSource: 'x',
    truncated: 0,
    parentDropped: 0,
    fileBytes: 1,
    final: false,
  });
  s.agents[0]!.record(2);
  s.agents[0]!.emit('error', { id: 'capture.failed', message: 'gone', fatal: true });
  assert.deepEqual(
    s.sent.map((m) => m.channel),
    ['capture:records', 'capture:status', 'capture:records', 'capture:status'],
  );
  assert.deepEqual(s.sent[1]!.payload, {
    sessionId,
    kind: 'stats',
    received: 1,
    dropped: null,
    truncated: 0,
  });
  assert.equal((s.sent[3]!.payload as { id: string }).id, 'capture.failed');
});

test('stopAll stops the running capture and frees the slot', async () => {
  const s = setup();
  const p = s.c.start({}, s.sink);
  s.agents[0]!.start();
  await p;
  await s.c.stopAll();
  assert.equal(s.agents[0]!.stopCalls, 1);
  assert.equal(s.c.active, null);
  assert.deepEqual(s.active, [true, false]);
  await s.c.stopAll();
  assert.equal(s.agents[0]!.stopCalls, 1);
});
