import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { encodeMessage, encodeRecord, FrameDecoder } from '../../electron/capture/frame-codec.ts';
import { UtilityAgent, utilityAgentLauncher } from '../../electron/main/utility-agent.ts';
import type { UtilityProcessChild } from '../../electron/main/electron-api.ts';
import type { CaptureMessage, StartedMessage, StoppedMessage } from '../../electron/ipc/capture-protocol.ts';

/** A utilityProcess child whose agent side the test plays: it decodes what main posts. */
class FakeChild extends EventEmitter implements UtilityProcessChild {
  readonly pid = 4242;
  received: CaptureMessage[] = [];
  killed = 0;
  private readonly decoder = new FrameDecoder((m) => this.received.push(m));
  postMessage(message: unknown): void {
    assert.ok(message instanceof Uint8Array, 'one Uint8Array frame per message');
    this.decoder.push(message);
  }
  kill(): boolean {
    this.killed++;
    this.emit('exit', 9);
    return true;
  }
  fromAgent(frame: Uint8Array, split = false): void {
    if (!split) return void this.emit('message', frame);
    // The port transport sends whole frames, but the decoder must not care.
    for (let i = 0; i < frame.length; i++) this.emit('message', frame.subarray(i, i + 1));
  }
}

const STARTED: StartedMessage = {
  backend: 'cap',
  device: 'lo',
  filter: 'tcp',
  linkType: 1,
  snapLength: 65535,
  timestampsExact: false,
  outFile: '/tmp/x.pcapng',
  pid: 4242,
  execPath: '/opt/Wirestep/wirestep',
};
const STOPPED: StoppedMessage = {
  outFile: '/tmp/x.pcapng',
  reason: 'requested',
  stats: {
    received: 1,
    dropped: null,
    droppedSource: 'cap',
    truncated: 0,
    parentDropped: 0,
    fileBytes: 200,
    final: true,
  },
};

test('forks the bundled agent as a utilityProcess and sends start first', () => {
  const child = new FakeChild();
  const forks: unknown[][] = [];
  const launch = utilityAgentLauncher(
    { fork: (...a) => (forks.push(a), child) },
    '/app/out/electron/capture-agent.mjs',
  );
  launch({ outFile: '/tmp/x.pcapng', filter: 'tcp' });
  assert.equal(forks[0]![0], '/app/out/electron/capture-agent.mjs');
  assert.deepEqual(child.received, [{ type: 'start', body: { outFile: '/tmp/x.pcapng', filter: 'tcp' } }]);
});

test('started → records → stop → stopped, frames split at every byte', async () => {
  const child = new FakeChild();
  const agent = new UtilityAgent(child, { outFile: '/tmp/x.pcapng' });
  const frames: number[] = [];
  agent.on('record', (r) => frames.push(r.frame));
  child.fromAgent(encodeMessage({ type: 'started', body: STARTED }), true);
  assert.deepEqual(await agent.ready, STARTED);
  child.fromAgent(encodeRecord(1, 64, 10, 20, 60, true, new Uint8Array(60)), true);
  child.fromAgent(encodeRecord(2, 200, 10, 30, 60, true, new Uint8Array(60)));
  assert.deepEqual(frames, [1, 2]);
  const stopping = agent.stop();
  assert.deepEqual(child.received.at(-1), { type: 'stop', body: {} });
  child.fromAgent(encodeMessage({ type: 'stopped', body: STOPPED }));
  child.emit('exit', 0);
  assert.deepEqual(await stopping, STOPPED);
  assert.equal(child.killed, 0);
});

test('a structured error before started rejects ready with the error id', async () => {
  const child = new FakeChild();
  const agent = new UtilityAgent(child, { outFile: '/tmp/x.pcapng' });
  child.fromAgent(
    encodeMessage({ type: 'error', body: { id: 'capture.permission', message: 'no rights', fatal: true } }),
  );
  await assert.rejects(
    agent.ready,
    (e: Error & { detail?: { id: string } }) => e.detail?.id === 'capture.permission',
  );
});

test('an agent that exits without stopped reports capture.failed and stopped(null)', async () => {
  const child = new FakeChild();
  const agent = new UtilityAgent(child, { outFile: '/tmp/x.pcapng' });
  child.fromAgent(encodeMessage({ type: 'started', body: STARTED }));
  await agent.ready;
  const errors: string[] = [];
  const stopped: unknown[] = [];
  agent.on('error', (e) => errors.push(e.id));
  agent.on('stopped', (s) => stopped.push(s));
  child.emit('exit', 1);
  assert.deepEqual(errors, ['capture.failed']);
  assert.deepEqual(stopped, [null]);
  assert.equal(await agent.stop(), null, 'stop after exit does not post or wait');
});

test('a corrupt frame kills the agent instead of guessing', async () => {
  const child = new FakeChild();
  const agent = new UtilityAgent(child, { outFile: '/tmp/x.pcapng' });
  const bad = new Uint8Array([2, 0, 0, 0, 99, 0]); // unknown message code 99
  child.fromAgent(bad);
  assert.equal(child.killed, 1);
  await assert.rejects(agent.ready, /capture\.failed/);
});

test('non-binary messages from the child are ignored', () => {
  const child = new FakeChild();
  const agent = new UtilityAgent(child, { outFile: '/tmp/x.pcapng' });
  child.emit('message', 'hello');
  child.emit('message', { data: 1 });
  assert.equal(agent.info, null);
  assert.equal(child.killed, 0);
});
