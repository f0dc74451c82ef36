// toHar on the fixture captures: valid HAR 1.2, one entry per exchange, timings from the frames,
// sizes from the messages, and Chrome's _webSocketMessages on the upgrade entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHar } from '../../core/export/index.ts';
import { validateHar12 } from './har-validate.ts';
import { fixture, model } from './export-fixtures.ts';

test('keep-alive capture: one valid entry per exchange, in time order', () => {
  const m = model(fixture('http11-keepalive-3.pcap'));
  const har = JSON.parse(JSON.stringify(toHar(m)));
  validateHar12(har);
  const exchanges = m.connections.flatMap((c) => c.dissection.http.filter((x) => x.request));
  assert.equal(har.log.entries.length, exchanges.length);
  assert.ok(exchanges.length >= 3);
  const x0 = exchanges[0]!;
  const e0 = har.log.entries[0];
  assert.equal(e0.request.method, x0.method);
  assert.ok(e0.request.url.endsWith(x0.target!), e0.request.url);
  assert.equal(e0.response.status, x0.status);
  assert.equal(e0.request.headersSize, x0.request!.headerBytes);
  assert.equal(e0.response.headersSize, x0.response!.headerBytes);
  assert.equal(e0.response.content.size, x0.response!.bodyBytes);
  assert.deepEqual(
    e0.request.headers.map((h: { name: string }) => h.name),
    x0.request!.headers.map((h) => h.name),
  );
  // The first exchange pays for the handshake; the later ones reuse the connection.
  assert.ok(e0.timings.connect >= 0);
  assert.equal(har.log.entries[1].timings.connect, -1);
  const starts = har.log.entries.map((e: { startedDateTime: string }) => e.startedDateTime);
  assert.deepEqual([...starts].sort(), starts);
  // Timings add up to the total.
  for (const e of har.log.entries) {
    const t = e.timings;
    assert.ok(Math.abs(e.time - (Math.max(t.connect, 0) + t.send + t.wait + t.receive)) < 0.002);
  }
});

test('WebSocket upgrade entry carries _webSocketMessages in Chrome format', () => {
  const m = model(fixture('websocket-close.pcap'));
  const har = JSON.parse(JSON.stringify(toHar(m)));
  validateHar12(har);
  const e = har.log.entries.find((x: { response: { status: number } }) => x.response.status === 101);
  assert.ok(e);
  assert.match(e.request.url, /^ws:\/\//);
  const ws = m.connections.find((c) => c.dissection.websocket)!.dissection.websocket!;
  assert.equal(e._webSocketMessages.length, ws.messages.length);
  assert.deepEqual(e._webSocketMessages[0], {
    type: 'send',
    time: e._webSocketMessages[0].time,
    opcode: 1,
    data: 'hello',
  });
  assert.equal(e._webSocketMessages[1].type, 'receive');
  assert.equal(e._webSocketMessages[1].data, 'echo: hello');
  assert.ok(e._webSocketMessages.some((x: { opcode: number }) => x.opcode === 9));
  assert.ok(
    e._webSocketMessages.some(
      (x: { opcode: number; data: string }) => x.opcode === 8 && x.data.startsWith('1000'),
    ),
  );
  const times = e._webSocketMessages.map((x: { time: number }) => x.time);
  assert.ok(times.every((t: number) => t > 1.7e9));
  assert.deepEqual(
    [...times].sort((a: number, b: number) => a - b),
    times,
  );
});

test('connection filter and a capture with no HTTP', () => {
  const m = model(fixture('http11-pipelining.pcap'));
  assert.equal(toHar(m, { connections: [] }).log.entries.length, 0);
  const all = toHar(m).log.entries.length;
  assert.equal(toHar(m, { connections: [m.connections[0]!.id] }).log.entries.length, all);
  validateHar12(toHar(model(fixture('rst-abort.pcap'))));
});
