import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaptureController } from '../../electron/main/capture-controller.ts';
import type { IpcMain, IpcMainInvokeEvent, FileFilter } from '../../electron/main/electron-api.ts';
import { nodeFileAccess } from '../../electron/main/file-access.ts';
import { FileGrants } from '../../electron/main/file-grants.ts';
import {
  checkSender,
  createHandlers,
  grantPath,
  registerIpcHandlers,
  HOW_TO_FIX_MARK,
  type HandlerDeps,
} from '../../electron/main/ipc-handlers.ts';
import { CaptureError } from '../../electron/capture/capture-client.ts';
import { HOW_TO_FIX_MARK as RENDERER_MARK, problemOf } from '../../renderer/src/services/web-api.ts';
import { MAX_CHUNK_BYTES, MAX_EXPORT_BYTES } from '../../electron/main/ipc-validate.ts';
import { RecentFiles } from '../../electron/main/recent-files.ts';
import { recordingFile, recordingsDir } from '../../electron/main/recordings.ts';
import type { DemoScenario, InvokeChannel, OpenedFile } from '../../electron/ipc/channels.ts';
import { DEMO_SCENARIO_NAMES } from '../../lab/demo-scenarios.ts';
import { FakeAgent } from './fake-agent.ts';
import { DEV_LOCATION, FakeWebContents, INDEX_URL, invokeEvent, LOCATION } from './fakes.ts';

const dir = mkdtempSync(join(tmpdir(), 'wirestep-ipc-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const capturePath = join(dir, 'a.pcap');
const CAPTURE = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
writeFileSync(capturePath, CAPTURE);

function setup(o: { open?: string | null; save?: string | null } = {}) {
  const saved: Array<{ name: string; filters: FileFilter[] }> = [];
  let memory: string[] | null = null;
  const agents: FakeAgent[] = [];
  const grants = new FileGrants();
  const capture = new CaptureController({
    launch: (req) => {
      const a = new FakeAgent(req);
      agents.push(a);
      return a;
    },
    grants,
    newCaptureFile: () => join(dir, 'live.pcapng'),
    defer: (fn) => setImmediate(fn),
  });
  const deps: HandlerDeps = {
    grants,
    recent: new RecentFiles({ load: () => memory, save: (p) => (memory = [...p]) }),
    files: nodeFileAccess,
    capture,
    dialogs: {
      chooseCapture: async () => (o.open === undefined ? capturePath : o.open),
      chooseSavePath: async (name, filters) => {
        saved.push({ name, filters });
        return o.save === undefined ? null : o.save;
      },
    },
    listInterfaces: async () => [{ name: 'lo', loopback: true }],
    demo: { run: async () => assert.fail('demo not expected') },
    recordingPath: (scenario: DemoScenario) => recordingFile(RECORDINGS, scenario),
  };
  return { deps, handlers: createHandlers(deps), saved, agents, recentMemory: () => memory };
}

/** A fake ipcMain that calls registered handlers like Electron does. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipc: IpcMain = {
    handle: (c, l) => void handlers.set(c, l),
    removeHandler: (c) => void handlers.delete(c),
  };
  return {
    ipc,
    handlers,
    invoke: (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) =>
      Promise.resolve().then(() => handlers.get(channel)!(event, ...args)),
  };
}

const wc = new FakeWebContents();
// The repository's bundled recordings, found the way an unpackaged app finds them.
const RECORDINGS = recordingsDir({
  isPackaged: false,
  appPath: fileURLToPath(new URL('../..', import.meta.url)),
});

test('every channel of the map is registered', () => {
  const { handlers } = setup();
  const ipc = fakeIpcMain();
  const channels = registerIpcHandlers(ipc.ipc, handlers, LOCATION);
  const expected: InvokeChannel[] = [
    'file:open',
    'file:read-chunk',
    'file:list-recent',
    'file:open-recent',
    'capture:save-as',
    'file:export',
    'capture:list-interfaces',
    'capture:start',
    'capture:stop',
    'demo:run',
    'demo:open-recording',
  ];
  assert.deepEqual([...channels].sort(), [...expected].sort());
  assert.deepEqual([...ipc.handlers.keys()].sort(), [...expected].sort());
});

test('a foreign sender is rejected with ipc.sender.forbidden before the handler runs', async () => {
  const { handlers, deps } = setup();
  let dialogs = 0;
  deps.dialogs.chooseCapture = async () => {
    dialogs++;
    return capturePath;
  };
  const ipc = fakeIpcMain();
  registerIpcHandlers(ipc.ipc, handlers, LOCATION);
  const foreign = [
    'https://evil.example/',
    'file:///home/u/Downloads/evil.html',
    'http://127.0.0.1:5173/', // a dev origin, but this is a packaged run
    'about:blank',
    'data:text/html,x',
  ];
  for (const url of foreign) {
    await assert.rejects(ipc.invoke('file:open', invokeEvent(url)), /^Error: ipc\.sender\.forbidden/, url);
  }
  await assert.rejects(ipc.invoke('file:open', invokeEvent(null)), /ipc\.sender\.forbidden/);
  // The app's page inside an iframe (a subframe) is not the app.
  await assert.rejects(
    ipc.invoke('file:open', invokeEvent(INDEX_URL, wc, { url: INDEX_URL })),
    /ipc\.sender\.forbidden/,
  );
  assert.equal(dialogs, 0);
  const ok = (await ipc.invoke('file:open', invokeEvent(INDEX_URL))) as { name: string };
  assert.equal(ok.name, 'a.pcap');
  assert.equal(dialogs, 1);
});

test('the dev server origin is a valid sender only when configured', () => {
  assert.doesNotThrow(() => checkSender(invokeEvent('http://127.0.0.1:5173/'), DEV_LOCATION));
  assert.throws(() => checkSender(invokeEvent('http://127.0.0.1:5173/'), LOCATION), /ipc\.sender\.forbidden/);
  assert.throws(
    () => checkSender(invokeEvent('http://127.0.0.1:9999/'), DEV_LOCATION),
    /ipc\.sender\.forbidden/,
  );
});

test('more than one argument is rejected', async () => {
  const { handlers } = setup();
  const ipc = fakeIpcMain();
  registerIpcHandlers(ipc.ipc, handlers, LOCATION);
  await assert.rejects(
    ipc.invoke('file:list-recent', invokeEvent(INDEX_URL), undefined, 'x'),
    /ipc\.argument\.invalid/,
  );
});

test('open dialog → granted id → chunks, bounded and clamped at the end of the file', async () => {
  const { handlers, recentMemory } = setup();
  const file = (await handlers['file:open'](wc, undefined))!;
  assert.equal(file.size, 1000);
  assert.equal(file.source, 'dialog');
  assert.match(file.fileId, /^[A-Za-z0-9_-]+$/);
  assert.ok(!JSON.stringify(file).includes(dir), 'the path never reaches the renderer');
  assert.deepEqual(recentMemory(), [capturePath]);

  const a = await handlers['file:read-chunk'](wc, { fileId: file.fileId, offset: 0, length: 10 });
  assert.deepEqual([...a.bytes], [...CAPTURE.subarray(0, 10)]);
  assert.equal(a.eof, false);
  const b = await handlers['file:read-chunk'](wc, { fileId: file.fileId, offset: 990, length: 100 });
  assert.deepEqual([...b.bytes], [...CAPTURE.subarray(990)]);
  assert.equal(b.eof, true);
  const c = await handlers['file:read-chunk'](wc, { fileId: file.fileId, offset: 5000, length: 100 });
  assert.equal(c.bytes.length, 0);
  assert.equal(c.eof, true);
});

test('cancelled dialogs grant nothing', async () => {
  const { handlers, deps } = setup({ open: null });
  assert.equal(await handlers['file:open'](wc, undefined), null);
  assert.equal(deps.grants.size, 0);
});

test('readChunk rejects bad arguments with stable ids', async () => {
  const { handlers } = setup();
  const { fileId } = (await handlers['file:open'](wc, undefined))!;
  const bad: Array<[unknown, RegExp]> = [
    [undefined, /ipc\.argument\.invalid/],
    [null, /ipc\.argument\.invalid/],
    ['x', /ipc\.argument\.invalid/],
    [[fileId, 0, 10], /ipc\.argument\.invalid/],
    [{ fileId, offset: 0 }, /ipc\.argument\.invalid/],
    [{ fileId, offset: -1, length: 10 }, /ipc\.size\.exceeded/],
    [{ fileId, offset: 1.5, length: 10 }, /ipc\.argument\.invalid/],
    [{ fileId, offset: '0', length: 10 }, /ipc\.argument\.invalid/],
    [{ fileId, offset: 0, length: 0 }, /ipc\.size\.exceeded/],
    [{ fileId, offset: 0, length: MAX_CHUNK_BYTES + 1 }, /ipc\.size\.exceeded/],
    [{ fileId, offset: 2 ** 60, length: 10 }, /ipc\.argument\.invalid/],
    [{ fileId, offset: 0, length: 10, path: '/etc/passwd' }, /ipc\.argument\.invalid/],
    [{ fileId: '/etc/passwd', offset: 0, length: 10 }, /ipc\.argument\.invalid/],
    [{ fileId: '../../etc', offset: 0, length: 10 }, /ipc\.argument\.invalid/],
    [{ fileId: 'AAAAAAAAAAAAAAAA', offset: 0, length: 10 }, /ipc\.file\.unknown/],
  ];
  for (const [arg, id] of bad) {
    await assert.rejects(handlers['file:read-chunk'](wc, arg), id, JSON.stringify(arg));
  }
});

test('argument-less channels reject an argument', async () => {
  const { handlers } = setup();
  for (const c of ['file:open', 'file:list-recent', 'capture:list-interfaces'] as const) {
    await assert.rejects(handlers[c](wc, { path: '/etc/passwd' }), /ipc\.argument\.invalid/, c);
  }
});

test('open recent: only ids on the list; a vanished file leaves the list', async () => {
  const { handlers, deps } = setup();
  await handlers['file:open'](wc, undefined);
  const [entry] = await handlers['file:list-recent'](wc, undefined);
  assert.equal(entry!.name, 'a.pcap');
  assert.equal(entry!.folder, dir);
  const f = await handlers['file:open-recent'](wc, { recentId: entry!.recentId });
  assert.equal(f!.source, 'recent');
  await assert.rejects(handlers['file:open-recent'](wc, { recentId: 'notonthelist' }), /ipc\.file\.unknown/);
  await assert.rejects(handlers['file:open-recent'](wc, { recentId: capturePath }), /ipc\.argument\.invalid/);

  deps.recent.add(join(dir, 'gone.pcapng'));
  const gone = (await handlers['file:list-recent'](wc, undefined))[0]!;
  assert.equal(await handlers['file:open-recent'](wc, { recentId: gone.recentId }), null);
  assert.equal((await handlers['file:list-recent'](wc, undefined)).length, 1);
});

test('grantPath refuses directories (and so FIFOs/devices never block main)', async () => {
  const { deps } = setup();
  await assert.rejects(grantPath(deps, dir, 'argv'), /not a regular file/);
});

test('save capture as: dialog default name, copy to the chosen path', async () => {
  const target = join(dir, 'copy.pcap');
  const { handlers, saved } = setup({ save: target });
  const { fileId } = (await handlers['file:open'](wc, undefined))!;
  const r = await handlers['capture:save-as'](wc, { fileId, suggestedName: '../../evil/name' });
  assert.deepEqual(r, { saved: true, name: 'copy.pcap' });
  assert.deepEqual(readFileSync(target), Buffer.from(CAPTURE));
  assert.equal(saved[0]!.name, '_.._evil_name.pcap');
  assert.ok(!saved[0]!.name.includes('/'));
  await assert.rejects(handlers['capture:save-as'](wc, { fileId: 'nope' }), /ipc\.file\.unknown/);
  await assert.rejects(handlers['capture:save-as'](wc, { fileId, to: '/tmp/x' }), /ipc\.argument\.invalid/);
});

test('export: kind decides text or bytes, name sanitised, size bounded, cancel writes nothing', async () => {
  const target = join(dir, 'ladder.svg');
  const { handlers, saved } = setup({ save: target });
  const r = await handlers['file:export'](wc, { kind: 'svg', suggestedName: 'ladder', data: '<svg/>' });
  assert.deepEqual(r, { saved: true, name: 'ladder.svg' });
  assert.equal(readFileSync(target, 'utf8'), '<svg/>');
  assert.equal(saved[0]!.name, 'ladder.svg');
  assert.deepEqual(saved[0]!.filters, [{ name: 'SVG image', extensions: ['svg'] }]);

  const png = join(dir, 'x.png');
  const h2 = setup({ save: png }).handlers;
  await h2['file:export'](wc, {
    kind: 'png',
    suggestedName: 'x.png',
    data: new Uint8Array([137, 80, 78, 71]),
  });
  assert.deepEqual([...readFileSync(png)], [137, 80, 78, 71]);

  const bad: Array<[unknown, RegExp]> = [
    [{ kind: 'exe', suggestedName: 'a', data: 'x' }, /ipc\.argument\.invalid/],
    [{ kind: 'svg', suggestedName: 'a', data: new Uint8Array(1) }, /ipc\.argument\.invalid/],
    [{ kind: 'png', suggestedName: 'a', data: 'text' }, /ipc\.argument\.invalid/],
    [{ kind: 'json', suggestedName: 'a', data: 'x', path: '/etc/x' }, /ipc\.argument\.invalid/],
    [{ kind: 'json', suggestedName: 'a'.repeat(300), data: 'x' }, /ipc\.size\.exceeded/],
    [
      { kind: 'json', suggestedName: 'a', data: 'x'.repeat(Math.ceil(MAX_EXPORT_BYTES / 3) + 1) },
      /ipc\.size\.exceeded/,
    ],
  ];
  for (const [arg, id] of bad) await assert.rejects(h2['file:export'](wc, arg), id);

  const cancelled = setup({ save: null });
  assert.deepEqual(
    await cancelled.handlers['file:export'](wc, { kind: 'txt', suggestedName: 'a', data: 'x' }),
    {
      saved: false,
    },
  );
});

test('capture start/stop: validated, one at a time, records batched to the sender', async () => {
  const { handlers, agents } = setup();
  const sender = new FakeWebContents();
  for (const [arg, id] of [
    [{ device: '' }, /ipc\.argument\.invalid/],
    [{ device: 'lo\n' }, /ipc\.argument\.invalid/],
    [{ filter: 'x'.repeat(5000) }, /ipc\.size\.exceeded/],
    [{ filter: 42 }, /ipc\.argument\.invalid/],
    [{ outFile: '/etc/shadow' }, /ipc\.argument\.invalid/],
    [{ backend: '/bin/sh' }, /ipc\.argument\.invalid/],
  ] as Array<[unknown, RegExp]>) {
    await assert.rejects(handlers['capture:start'](sender, arg), id, JSON.stringify(arg));
  }
  assert.equal(agents.length, 0);

  const pending = handlers['capture:start'](sender, { device: 'lo', filter: 'tcp port 80' });
  await new Promise((r) => setImmediate(r));
  assert.equal(agents.length, 1);
  assert.equal(
    agents[0]!.request.outFile,
    join(dir, 'live.pcapng'),
    "the output path is main's, not the renderer's",
  );
  agents[0]!.start(1);
  const started = await pending;
  assert.equal(started.device, 'lo');
  assert.equal(started.file.source, 'capture');
  await assert.rejects(handlers['capture:start'](sender, {}), /ipc\.capture\.busy/);

  agents[0]!.record(1);
  agents[0]!.record(2);
  agents[0]!.record(3);
  assert.equal(sender.sent.length, 0, 'batched, not sent per packet');
  await new Promise((r) => setImmediate(r));
  assert.equal(sender.sent.length, 1);
  const batch = sender.sent[0]!;
  assert.equal(batch.channel, 'capture:records');
  const payload = batch.args[0] as { sessionId: string; records: Array<{ frame: number }> };
  assert.equal(payload.sessionId, started.sessionId);
  assert.deepEqual(
    payload.records.map((r) => r.frame),
    [1, 2, 3],
  );

  await assert.rejects(handlers['capture:stop'](sender, { sessionId: 'other' }), /ipc\.capture\.unknown/);
  const stopped = await handlers['capture:stop'](sender, { sessionId: started.sessionId });
  assert.equal(stopped.received, 3);
  assert.equal(stopped.reason, 'requested');
  assert.equal(sender.sent.at(-1)!.channel, 'capture:status');
  assert.equal((sender.sent.at(-1)!.args[0] as { kind: string }).kind, 'stopped');
});

test('a capture that fails to start frees the slot and rejects', async () => {
  const { handlers, agents } = setup();
  const p = handlers['capture:start'](wc, {});
  await new Promise((r) => setImmediate(r));
  agents[0]!.reject(new Error('capture.permission: no rights'));
  await assert.rejects(p, /capture\.permission/);
  const p2 = handlers['capture:start'](wc, {});
  await new Promise((r) => setImmediate(r));
  agents[1]!.start();
  await p2;
});

test('demo: only known scenarios', async () => {
  const { deps } = setup();
  let ran = '';
  const h = createHandlers({ ...deps, demo: { run: async (s) => ((ran = s), { sessionId: 'x' } as never) } });
  await h['demo:run'](wc, { scenario: 'websocket-chat' });
  assert.equal(ran, 'websocket-chat');
  await assert.rejects(h['demo:run'](wc, { scenario: 'rm -rf' }), /ipc\.argument\.invalid/);
  await assert.rejects(h['demo:run'](wc, { scenario: 'http-reset', port: 22 }), /ipc\.argument\.invalid/);
});

test('open recording: the bundled file of a known scenario, granted as a recording, read by id', async () => {
  const { deps, handlers, recentMemory } = setup();
  const asked: string[] = [];
  const h = createHandlers({
    ...deps,
    recordingPath: (s) => (asked.push(s), recordingFile(RECORDINGS, s)),
  });
  const ipc = fakeIpcMain();
  registerIpcHandlers(ipc.ipc, h, LOCATION);
  const file = (await ipc.invoke('demo:open-recording', invokeEvent(INDEX_URL), {
    scenario: 'websocket-chat',
  })) as OpenedFile;
  const path = join(RECORDINGS, 'websocket-chat.pcap');
  assert.deepEqual(asked, ['websocket-chat']);
  assert.equal(file.source, 'recording');
  assert.equal(file.name, 'websocket-chat.pcap');
  assert.equal(file.size, statSync(path).size);
  assert.equal(deps.grants.get(file.fileId)?.path, path);
  // Readable like any granted file, by id only.
  const head = await handlers['file:read-chunk'](wc, { fileId: file.fileId, offset: 0, length: 64 });
  assert.deepEqual(head.bytes, new Uint8Array(readFileSync(path).subarray(0, 64)));
  // Not the user's file: the recent list is untouched.
  assert.equal(recentMemory(), null);
  assert.deepEqual(deps.recent.entries(), []);
});

test('open recording: unknown scenarios, extra fields and foreign senders are refused', async () => {
  const { deps } = setup();
  const asked: string[] = [];
  const h = createHandlers({ ...deps, recordingPath: (s) => (asked.push(s), recordingFile(RECORDINGS, s)) });
  const ipc = fakeIpcMain();
  registerIpcHandlers(ipc.ipc, h, LOCATION);
  const grantsBefore = deps.grants.size;
  for (const arg of [
    { scenario: '../../../etc/passwd' },
    { scenario: 'nope' },
    { scenario: 'http10-short.pcap' },
    { scenario: 'toString' },
    { scenario: 42 },
    { scenario: ['http10-short'] },
    { scenario: 'http10-short', path: '/etc/shadow' },
    {},
    'http10-short',
    null,
    undefined,
  ]) {
    await assert.rejects(
      ipc.invoke('demo:open-recording', invokeEvent(INDEX_URL), arg),
      /^Error: ipc\.argument\.invalid/,
      JSON.stringify(arg),
    );
  }
  for (const url of ['https://evil.example/', 'file:///tmp/evil.html', null]) {
    await assert.rejects(
      ipc.invoke('demo:open-recording', invokeEvent(url), { scenario: 'http10-short' }),
      /^Error: ipc\.sender\.forbidden/,
      String(url),
    );
  }
  await assert.rejects(
    ipc.invoke('demo:open-recording', invokeEvent(INDEX_URL, wc, { url: INDEX_URL }), {
      scenario: 'http10-short',
    }),
    /ipc\.sender\.forbidden/,
    'a subframe',
  );
  assert.deepEqual(asked, [], 'nothing was looked up');
  assert.equal(deps.grants.size, grantsBefore, 'nothing was granted');
});

test('open recording: a missing file is ipc.file.unknown, and grants nothing', async () => {
  const { deps } = setup();
  const h = createHandlers({ ...deps, recordingPath: (s) => recordingFile(join(dir, 'no-such-folder'), s) });
  await assert.rejects(
    h['demo:open-recording'](wc, { scenario: 'http-reset' }),
    /^Error: ipc\.file\.unknown/,
  );
  assert.equal(deps.grants.size, 0);
});

test('every demo scenario has its bundled recording (what the desktop plays without capture rights)', () => {
  for (const name of DEMO_SCENARIO_NAMES) {
    const st = statSync(recordingFile(RECORDINGS, name));
    assert.ok(st.isFile() && st.size > 24, name);
  }
});

test('a capture that fails to start rejects with its id, message and the exact fix in the text', async () => {
  const { handlers, agents } = setup();
  const ipc = fakeIpcMain();
  registerIpcHandlers(ipc.ipc, handlers, LOCATION);
  const started = ipc.invoke('capture:start', invokeEvent(INDEX_URL), {});
  await new Promise((r) => setImmediate(r));
  const fix = 'sudo setcap cap_net_raw,cap_net_admin=eip /usr/bin/node';
  agents[0]!.reject(
    new CaptureError({
      id: 'capture.permission',
      message: 'socket: Operation not permitted',
      howToFix: fix,
      fatal: true,
    }),
  );
  const e = await started.then(
    () => assert.fail('should reject'),
    (x: unknown) => x as Error,
  );
  assert.equal(e.message, `capture.permission: socket: Operation not permitted${HOW_TO_FIX_MARK}${fix}`);
  // The renderer reads the three parts back (the marks must be the same text on both sides).
  assert.equal(RENDERER_MARK, HOW_TO_FIX_MARK);
  assert.deepEqual(problemOf(e), {
    id: 'capture.permission',
    message: 'socket: Operation not permitted',
    howToFix: fix,
  });
  // Errors without a fix pass through as they were.
  assert.deepEqual(problemOf(new Error('ipc.capture.busy: a capture is already running')), {
    id: 'ipc.capture.busy',
    message: 'a capture is already running',
  });
});
