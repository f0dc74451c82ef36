// Real traffic: the `ws` package (server and client, permessage-deflate on) over 127.0.0.1 through a
// recording TCP proxy; the recorded bytes of both directions go through the HTTP split, the
// handshake checks and the parser, and must give back exactly the messages that were sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { once } from 'node:events';
import { WebSocket, WebSocketServer, type PerMessageDeflateOptions } from 'ws';
import {
  WebSocketParser,
  negotiateExtensions,
  validateHandshake,
  type WsMessage,
} from '../../../core/dissect/websocket/index.ts';

interface Recorded {
  dir: 0 | 1;
  data: Buffer;
}

async function session(
  serverDeflate: PerMessageDeflateOptions | false,
  clientDeflate: PerMessageDeflateOptions | false,
  script: (ws: WebSocket) => Promise<void>,
) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: serverDeflate });
  await once(wss, 'listening');
  wss.on('connection', (sock) => {
    sock.on('message', (data, isBinary) => {
      const text = isBinary ? null : data.toString();
      if (text === 'fragment-please') {
        // A compressed message in three fragments from the server side.
        sock.send('server part one / ', { fin: false });
        sock.send('server part two / ', { fin: false });
        sock.send('server part three', { fin: true });
        return;
      }
      sock.send(data, { binary: isBinary });
    });
  });
  const recorded: Recorded[] = [];
  const closed: Array<Promise<unknown>> = [];
  const proxy = createServer((down: Socket) => {
    const up = connect((wss.address() as AddressInfo).port, '127.0.0.1');
    down.on('data', (b) => {
      recorded.push({ dir: 0, data: Buffer.from(b) });
      up.write(b);
    });
    up.on('data', (b) => {
      recorded.push({ dir: 1, data: Buffer.from(b) });
      down.write(b);
    });
    down.on('end', () => up.end());
    up.on('end', () => down.end());
    closed.push(once(down, 'close'), once(up, 'close'));
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const ws = new WebSocket(`ws://127.0.0.1:${(proxy.address() as AddressInfo).port}/chat`, {
    perMessageDeflate: clientDeflate,
  });
  await once(ws, 'open');
  await script(ws);
  ws.close(1000, 'done');
  await once(ws, 'close');
  await Promise.all(closed);
  proxy.close();
  wss.close();
  return recorded;
}

/** Splits off the HTTP upgrade of each direction and runs the WebSocket parser on the rest. */
function analyze(recorded: Recorded[]) {
  const http = ['', ''];
  const done = [false, false];
  const offsets = [0, 0];
  const chunks: Array<{ dir: 0 | 1; data: Uint8Array; offset: number; frame: number }> = [];
  recorded.forEach(({ dir, data }, i) => {
    let bytes: Uint8Array = data;
    let offset = offsets[dir]!;
    offsets[dir]! += data.length;
    if (!done[dir]) {
      const before = http[dir]!.length;
      http[dir] += data.toString('latin1');
      const end = http[dir]!.indexOf('\r\n\r\n');
      if (end < 0) return;
      done[dir] = true;
      http[dir] = http[dir]!.slice(0, end + 4);
      bytes = data.subarray(end + 4 - before);
      offset += end + 4 - before;
    }
    if (bytes.length) chunks.push({ dir, data: bytes, offset, frame: i + 1 });
  });
  const header = (dir: 0 | 1, name: string) =>
    http[dir]!.split('\r\n')
      .find((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'))
      ?.slice(name.length + 1)
      .trim() ?? null;
  const extensions = negotiateExtensions(
    header(0, 'Sec-WebSocket-Extensions'),
    header(1, 'Sec-WebSocket-Extensions'),
  );
  const handshake = validateHandshake({
    key: header(0, 'Sec-WebSocket-Key'),
    accept: header(1, 'Sec-WebSocket-Accept'),
    version: header(0, 'Sec-WebSocket-Version'),
  });
  const run = (split: number | null) => {
    const p = new WebSocketParser({}, { extensions });
    for (const c of chunks) {
      if (split !== null && c.data.length > 1) {
        const at = 1 + (split % (c.data.length - 1));
        p.push(c.dir, { data: c.data.subarray(0, at), frame: c.frame, offset: c.offset });
        p.push(c.dir, { data: c.data.subarray(at), frame: c.frame, offset: c.offset + at });
      } else p.push(c.dir, { data: c.data, frame: c.frame, offset: c.offset });
    }
    p.finish();
    return p;
  };
  const p = run(null);
  const snap = (x: WebSocketParser) => ({
    frames: x.frames,
    messages: x.messages,
    diagnostics: x.diagnostics,
  });
  for (const split of [1, 7, 100]) assert.deepEqual(snap(run(split)), snap(p), `split ${split}`);
  return { p, extensions, handshake, responseExtensions: header(1, 'Sec-WebSocket-Extensions') };
}

const texts = [
  'hello',
  'héllo wörld — ünïcödé ✓ 𝄞',
  JSON.stringify({
    type: 'update',
    items: Array.from({ length: 50 }, (_, i) => ({ id: i, name: `item ${i}` })),
  }),
  JSON.stringify({
    type: 'update',
    items: Array.from({ length: 50 }, (_, i) => ({ id: i, name: `item ${i}` })),
  }),
  'x'.repeat(70000),
];
const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 13) % 256));

async function script(ws: WebSocket): Promise<void> {
  const replies: Array<Promise<unknown>> = [];
  const expect = () => replies.push(once(ws, 'message'));
  for (const t of texts) {
    expect();
    ws.send(t);
    await replies.at(-1);
  }
  expect();
  ws.send(binary);
  await replies.at(-1);
  // A client message in fragments (ws compresses each with a sync flush; RSV1 on the first only).
  expect();
  ws.send('client fragment A, ', { fin: false });
  ws.send('client fragment B, ', { fin: false });
  ws.send('client fragment C', { fin: true });
  await replies.at(-1);
  expect();
  ws.send('fragment-please');
  await replies.at(-1);
  ws.ping('are you there');
  await once(ws, 'pong');
}

function check(messages: WsMessage[], compressed: boolean) {
  const data = (from: string) =>
    messages.filter((m) => m.from === from && (m.type === 'text' || m.type === 'binary'));
  const sent = [
    ...texts,
    binary,
    'client fragment A, client fragment B, client fragment C',
    'fragment-please',
  ];
  const echoed = [
    ...texts,
    binary,
    'client fragment A, client fragment B, client fragment C',
    'server part one / server part two / server part three',
  ];
  const value = (m: WsMessage) => (m.type === 'text' ? m.text : Buffer.from(m.data!));
  assert.deepEqual(data('client').map(value), sent);
  assert.deepEqual(data('server').map(value), echoed);
  for (const m of [...data('client'), ...data('server')]) {
    assert.equal(m.compressed, compressed);
    assert.equal(m.incomplete, false);
  }
  assert.equal(data('client')[6]!.frames.length, 3);
  assert.equal(data('server')[7]!.frames.length, 3);
  const control = messages
    .filter((m) => m.type !== 'text' && m.type !== 'binary')
    .map((m) => [m.from, m.type, m.text, m.code]);
  assert.deepEqual(control, [
    ['client', 'ping', 'are you there', null],
    ['server', 'pong', 'are you there', null],
    ['client', 'close', 'done', 1000],
    ['server', 'close', 'done', 1000],
  ]);
}

test('ws with permessage-deflate and context takeover', async () => {
  const recorded = await session({ threshold: 0 }, { threshold: 0 }, script);
  const { p, extensions, handshake } = analyze(recorded);
  assert.equal(handshake.acceptValid, true);
  assert.deepEqual(handshake.diagnostics, []);
  assert.deepEqual(extensions.permessageDeflate, {
    serverNoContextTakeover: false,
    clientNoContextTakeover: false,
    serverMaxWindowBits: 15,
    clientMaxWindowBits: 15,
  });
  assert.deepEqual(p.diagnostics, []);
  check(p.messages, true);
  // The repeated JSON text compresses to far less the second time (context takeover).
  const json = p.messages.filter((m) => m.from === 'client' && m.text === texts[2]);
  assert.ok(
    json[1]!.wireLength < json[0]!.wireLength / 4,
    `${json[0]!.wireLength} then ${json[1]!.wireLength}`,
  );
});

test('ws with no_context_takeover both ways and 10-bit windows', async () => {
  const deflate = {
    threshold: 0,
    serverNoContextTakeover: true,
    clientNoContextTakeover: true,
    serverMaxWindowBits: 10,
    clientMaxWindowBits: 10,
  };
  const recorded = await session(deflate, { threshold: 0, clientMaxWindowBits: 10 }, script);
  const { p, extensions, responseExtensions } = analyze(recorded);
  assert.deepEqual(
    extensions.permessageDeflate,
    {
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
      serverMaxWindowBits: 10,
      clientMaxWindowBits: 10,
    },
    responseExtensions ?? '',
  );
  assert.deepEqual(p.diagnostics, []);
  check(p.messages, true);
  const json = p.messages.filter((m) => m.from === 'client' && m.text === texts[2]);
  assert.equal(json[1]!.wireLength, json[0]!.wireLength, 'no context: same size both times');
});

test('ws without compression', async () => {
  const recorded = await session(false, false, script);
  const { p, extensions } = analyze(recorded);
  assert.equal(extensions.permessageDeflate, null);
  assert.deepEqual(p.diagnostics, []);
  check(p.messages, false);
  assert.ok(p.frames.some((f) => f.lengthForm === 64) && p.frames.some((f) => f.lengthForm === 16));
});
