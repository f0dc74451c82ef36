/// <reference lib="dom" />
// The desktop chunk source in Node (MessageChannel is global there): the worker half
// (renderer/src/workers/byte-source.ts portSource) asking over a port, the UI half
// (renderer/src/services/desktop-chunks.ts) answering with a fake host's readChunk. Also the
// export kind mapping of services/host.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { portSource } from '../../renderer/src/workers/byte-source.ts';
import { chunkChannel } from '../../renderer/src/services/desktop-chunks.ts';
import { exportKindOf } from '../../renderer/src/services/host.ts';
import type { DesktopApi } from '../../renderer/src/services/desktop-api.ts';

function fakeHost(data: Uint8Array, opts: { maxChunk?: number; fail?: boolean } = {}) {
  const calls: Array<[string, number, number]> = [];
  const api = {
    readChunk: async (fileId: string, offset: number, length: number) => {
      calls.push([fileId, offset, length]);
      if (opts.fail) throw new Error('ipc.file.unknown');
      const bytes = data.slice(offset, offset + Math.min(length, opts.maxChunk ?? length));
      return { bytes, eof: offset + bytes.length >= data.length };
    },
  } as unknown as DesktopApi;
  return { api, calls };
}

const DATA = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) & 0xff);

function source(host: DesktopApi, size = DATA.length) {
  const { ui, worker } = chunkChannel(host, 'file-1');
  const src = portSource('x.pcap', size, worker);
  return { src, close: () => (src.close(), ui.close()) };
}

test('reads ranges through readChunk, clipped to the file', async () => {
  const h = fakeHost(DATA);
  const { src, close } = source(h.api);
  try {
    assert.deepEqual(await src.read(100, 300), DATA.slice(100, 300));
    assert.deepEqual(h.calls, [['file-1', 100, 200]]);
    assert.deepEqual(await src.read(9_990, 20_000), DATA.slice(9_990));
    assert.equal((await src.read(50, 50)).length, 0);
    assert.equal(h.calls.length, 2, 'an empty range asks nothing');
  } finally {
    close();
  }
});

test('short answers are resumed; a file that ends early gives what there is', async () => {
  const h = fakeHost(DATA, { maxChunk: 999 });
  const { src, close } = source(h.api);
  try {
    assert.deepEqual(await src.read(0, DATA.length), DATA);
    assert.equal(h.calls.length, Math.ceil(DATA.length / 999));
  } finally {
    close();
  }
  // The host says 12,000 bytes but the file has 10,000: stop at its end of file.
  const h2 = fakeHost(DATA);
  const s2 = source(h2.api, 12_000);
  try {
    assert.deepEqual(await s2.src.read(9_000, 12_000), DATA.slice(9_000));
  } finally {
    s2.close();
  }
});

test('a host failure rejects the read with its message; a closed source rejects', async () => {
  const { src, close } = source(fakeHost(DATA, { fail: true }).api);
  await assert.rejects(src.read(0, 10), /ipc\.file\.unknown/);
  close();
  await assert.rejects(src.read(0, 10), /closed/);
});

test('large reads are split below the host limit', async () => {
  const big = new Uint8Array(9 * 1024 * 1024);
  big[big.length - 1] = 42;
  const h = fakeHost(big);
  const { src, close } = source(h.api, big.length);
  try {
    const got = await src.read(0, big.length);
    assert.equal(got.length, big.length);
    assert.equal(got[big.length - 1], 42);
    assert.ok(h.calls.length >= 2 && h.calls.every(([, , len]) => len <= 8 * 1024 * 1024));
  } finally {
    close();
  }
});

test('export kinds follow the file name', () => {
  assert.equal(exportKindOf('a-ladder.svg'), 'svg');
  assert.equal(exportKindOf('a-ladder.PNG'), 'png');
  assert.equal(exportKindOf('a.har'), 'json');
  assert.equal(exportKindOf('a-analysis.json'), 'json');
  assert.equal(exportKindOf('a-conn2.pcapng'), 'pcapng');
  assert.equal(exportKindOf('a.mmd'), 'txt');
  assert.equal(exportKindOf('noext'), 'txt');
});
