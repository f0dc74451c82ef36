// The worker's download-while-analysing source (workers/url-source.ts): reads wait for the bytes
// they ask for, slices cross the body's chunks (and the Blobs read bytes are parked in) exactly,
// HTTP errors name the capture, a body of unknown length is taken whole, and closing aborts the
// download.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { urlSource } from '../../../renderer/src/workers/url-source.ts';

const body = new Uint8Array(300_000).map((_, i) => (i * 7 + (i >> 8)) & 255);
/** Responses held open until released (the streaming case). */
const held: ServerResponse[] = [];

const server = createServer((req, res) => {
  if (req.url === '/missing') {
    res.writeHead(404).end('not found');
  } else if (req.url === '/whole') {
    // No content-length: chunked.
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.write(body.subarray(0, 1000));
    res.end(body.subarray(1000));
  } else {
    // Streams the first 100 kB now, the rest when released.
    res.writeHead(200, { 'content-length': String(body.length) });
    for (let at = 0; at < 100_000; at += 7_000) res.write(body.subarray(at, Math.min(at + 7_000, 100_000)));
    held.push(res);
  }
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(() => {
  for (const r of held) r.destroy();
  server.close();
});

test('reads wait for their bytes and match the body exactly across chunks', async () => {
  const src = await urlSource('cap.pcap', `${base}/stream`);
  assert.equal(src.name, 'cap.pcap');
  assert.equal(src.size, body.length);
  assert.deepEqual(await src.read(0, 50_000), body.subarray(0, 50_000));
  let late = false;
  const pending = src.read(90_000, 250_000).then((b) => ((late = true), b));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(late, false, 'a read past what arrived waits');
  held.pop()!.end(body.subarray(100_000));
  assert.deepEqual(await pending, body.subarray(90_000, 250_000));
  // Clipped at the end; odd offsets inside and across chunks; a copy each time.
  assert.deepEqual(await src.read(299_990, 400_000), body.subarray(299_990));
  assert.deepEqual(await src.read(6_999, 7_001), body.subarray(6_999, 7_001));
  // Bytes read past are parked in Blobs: a read across parked and held bytes is whole.
  assert.deepEqual(await src.read(1, 300_000), body.subarray(1, 300_000));
  const a = await src.read(10, 20);
  a[0] = a[0]! ^ 255;
  assert.deepEqual(await src.read(10, 20), body.subarray(10, 20));
  assert.equal((await src.read(5, 5)).length, 0);
  src.close();
});

test('closing aborts the download and fails waiting reads', async () => {
  const src = await urlSource('cap.pcap', `${base}/stream`);
  const waiting = src.read(0, body.length);
  src.close();
  await assert.rejects(waiting, /closed/);
  await assert.rejects(src.read(0, 10), /closed/);
  held.pop()?.destroy();
});

test('an HTTP error names the capture; a body without a length is read whole', async () => {
  await assert.rejects(urlSource('gone.pcap', `${base}/missing`), { message: 'gone.pcap: HTTP 404' });
  const src = await urlSource('whole.pcap', `${base}/whole`);
  assert.equal(src.size, body.length);
  assert.deepEqual(await src.read(123, 4567), body.subarray(123, 4567));
});
