// The demo scenarios' pacing (lab/demo-scenarios.ts, lab/scenarios.ts): real loopback traffic
// through a counting TCP relay, so the test sees when each connection opens. Unpaced by default
// (the recordings and tours depend on that traffic); paced, the steps are spread out for a person
// watching the live demo, and even the longest scenario stays short.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { startLabServer, type LabServer } from '../../lab/scenarios.ts';
import { DEMO_SCENARIOS, PACED_BUDGET_MS, pauseFor } from '../../lab/demo-scenarios.ts';

const open: Array<{ close(): Promise<void> }> = [];
after(async () => {
  for (const o of open) await o.close();
});

/** A relay in front of the lab server that notes when each client connection arrives. */
async function relayed(): Promise<{ server: LabServer; connects: number[] }> {
  const lab = await startLabServer('127.0.0.1');
  const connects: number[] = [];
  const relay: Server = createServer((client) => {
    connects.push(performance.now());
    const upstream = connect({ host: lab.host, port: lab.port });
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  const port = (relay.address() as AddressInfo).port;
  const closeAll = async () => {
    relay.close();
    await lab.close();
  };
  open.push({ close: closeAll });
  return { server: { port, host: '127.0.0.1', close: closeAll }, connects };
}

test('pauseFor: unpaced unless asked; a long scenario shortens its pause to fit the budget', () => {
  assert.equal(pauseFor(undefined, 2), 0);
  assert.equal(pauseFor({}, 2), 0);
  assert.equal(pauseFor({ pauseMs: -5 }, 2), 0);
  assert.equal(pauseFor({ pauseMs: 400 }, 2), 400);
  assert.equal(pauseFor({ pauseMs: 400 }, 42), Math.floor(PACED_BUDGET_MS / 42));
  assert.ok(pauseFor({ pauseMs: 10_000 }, 5) * 5 <= PACED_BUDGET_MS);
});

test('http10-short paced: three connections, one at a time, a pause apart', async () => {
  const { server, connects } = await relayed();
  await DEMO_SCENARIOS['http10-short'](server, { pauseMs: 300 });
  assert.equal(connects.length, 3);
  for (let i = 1; i < 3; i++) {
    // Timers never fire early; a little slack for the clock's granularity.
    assert.ok(connects[i]! - connects[i - 1]! >= 290, `gap ${i}: ${connects[i]! - connects[i - 1]!} ms`);
  }
});

test('http11-keepalive paced: still one connection (the pauses stay below the keep-alive timeout)', async () => {
  const { server, connects } = await relayed();
  const t0 = performance.now();
  await DEMO_SCENARIOS['http11-keepalive'](server, { pauseMs: 300 });
  assert.equal(connects.length, 1);
  assert.ok(performance.now() - t0 >= 590, 'two pauses between three requests');
});

test('the longest paced scenario (polling vs WebSocket, 20 messages each way) stays a short watch', async () => {
  const { server, connects } = await relayed();
  const t0 = performance.now();
  await DEMO_SCENARIOS['polling-vs-websocket'](server, { pauseMs: 400 });
  const took = performance.now() - t0;
  assert.equal(connects.length, 21, '20 polls and one WebSocket');
  assert.ok(took >= PACED_BUDGET_MS * 0.8, `paced: ${Math.round(took)} ms`);
  // The budget plus the traffic itself, with room for a loaded machine.
  assert.ok(took < PACED_BUDGET_MS + 6000, `under ~10 s unloaded: ${Math.round(took)} ms`);
});

test('unpaced (the recordings, tours and tests): the same connections with no waits', async () => {
  const { server, connects } = await relayed();
  const t0 = performance.now();
  await DEMO_SCENARIOS['http10-short'](server);
  await DEMO_SCENARIOS['websocket-chat'](server);
  assert.equal(connects.length, 4);
  // No pause of the paced kind (each would be ≥ 250 ms): generous for a loaded machine.
  assert.ok(performance.now() - t0 < 2500, `${Math.round(performance.now() - t0)} ms`);
});
