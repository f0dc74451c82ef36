import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApi, exposeApi, MAX_BUFFERED_OPENS } from '../../electron/preload/preload.ts';
import type { IpcRenderer, IpcRendererListener } from '../../electron/preload/electron-renderer-api.ts';
import type { InvokeChannels, EventChannels } from '../../electron/ipc/channels.ts';
import type { WirestepApi } from '../../electron/preload/api.ts';
import type { CaptureHostApi } from '../../renderer/src/services/desktop-api.ts';

// The renderer's capture bar takes the preload as its capture host (web-api.ts captureHost),
// recording fallback included: `tsc` fails here if the preload lacks a CaptureHostApi member
// (optional ones too) or openRecording's result stops being the renderer's opened file.
type MissingFromPreload = Exclude<keyof CaptureHostApi, keyof WirestepApi>;
export const preloadHasEveryCaptureMember: [MissingFromPreload] extends [never] ? true : false = true;
export const recordingIsOpenedFile = (
  r: ReturnType<WirestepApi['openRecording']>,
): ReturnType<NonNullable<CaptureHostApi['openRecording']>> => r;

class FakeIpcRenderer implements IpcRenderer {
  invoked: Array<{ channel: string; args: unknown[] }> = [];
  listeners = new Map<string, Set<IpcRendererListener>>();
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve(`result of ${channel}`);
  }
  on(channel: string, listener: IpcRendererListener) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: IpcRendererListener) {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, payload: unknown): void {
    for (const l of this.listeners.get(channel) ?? []) l({ senderId: 0 }, payload);
  }
  count(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

const EXPECTED_KEYS = [
  'exportFile',
  'listInterfaces',
  'listRecent',
  'onCaptureRecords',
  'onCaptureStatus',
  'onFileOpened',
  'onMenuCommand',
  'openFile',
  'openRecent',
  'openRecording',
  'readChunk',
  'runDemo',
  'saveCapture',
  'startCapture',
  'stopCapture',
];

test('exposes exactly the named API under window.wirestep, nothing generic', () => {
  const exposed: Array<[string, unknown]> = [];
  exposeApi({
    contextBridge: { exposeInMainWorld: (k, api) => exposed.push([k, api]) },
    ipcRenderer: new FakeIpcRenderer(),
  });
  assert.equal(exposed.length, 1);
  const [key, api] = exposed[0]!;
  assert.equal(key, 'wirestep');
  const keys = Object.keys(api as object).sort();
  assert.deepEqual(keys, EXPECTED_KEYS);
  for (const k of keys) assert.equal(typeof (api as Record<string, unknown>)[k], 'function', k);
  for (const banned of [
    'invoke',
    'send',
    'sendSync',
    'on',
    'once',
    'ipcRenderer',
    'removeListener',
    'postMessage',
  ]) {
    assert.equal(banned in (api as object), false, banned);
  }
  assert.equal(Object.getPrototypeOf(api), Object.prototype, 'no inherited methods beyond Object');
});

test('each request method maps to one channel with a fixed argument shape', async () => {
  const ipc = new FakeIpcRenderer();
  const api = createApi(ipc);
  const calls: Array<[() => Promise<unknown>, keyof InvokeChannels, unknown[]]> = [
    [() => api.openFile(), 'file:open', []],
    [() => api.readChunk('id1', 10, 20), 'file:read-chunk', [{ fileId: 'id1', offset: 10, length: 20 }]],
    [() => api.listRecent(), 'file:list-recent', []],
    [() => api.openRecent('r1'), 'file:open-recent', [{ recentId: 'r1' }]],
    [() => api.saveCapture('id1'), 'capture:save-as', [{ fileId: 'id1' }]],
    [
      () => api.saveCapture('id1', 'x.pcapng'),
      'capture:save-as',
      [{ fileId: 'id1', suggestedName: 'x.pcapng' }],
    ],
    [
      () => api.exportFile({ kind: 'svg', suggestedName: 'l', data: '<svg/>' }),
      'file:export',
      [{ kind: 'svg', suggestedName: 'l', data: '<svg/>' }],
    ],
    [() => api.listInterfaces(), 'capture:list-interfaces', []],
    [() => api.startCapture(), 'capture:start', [{}]],
    [
      () => api.startCapture({ device: 'lo', filter: 'tcp' }),
      'capture:start',
      [{ device: 'lo', filter: 'tcp' }],
    ],
    [() => api.startCapture({ backend: 'tcpdump' }), 'capture:start', [{ backend: 'tcpdump' }]],
    [() => api.stopCapture('s1'), 'capture:stop', [{ sessionId: 's1' }]],
    [() => api.runDemo('websocket-chat'), 'demo:run', [{ scenario: 'websocket-chat' }]],
    [() => api.openRecording('http10-short'), 'demo:open-recording', [{ scenario: 'http10-short' }]],
  ];
  for (const [call, channel, args] of calls) {
    ipc.invoked = [];
    assert.equal(await call(), `result of ${channel}`);
    assert.deepEqual(ipc.invoked, [{ channel, args }], channel);
  }
});

test('extra fields a page smuggles into a request object are not forwarded', async () => {
  const ipc = new FakeIpcRenderer();
  const api = createApi(ipc);
  await api.exportFile({ kind: 'json', suggestedName: 'a', data: '{}', path: '/etc/passwd' } as never);
  await api.startCapture({ device: 'lo', outFile: '/etc/shadow' } as never);
  assert.deepEqual(
    ipc.invoked.map((c) => c.args[0]),
    [{ kind: 'json', suggestedName: 'a', data: '{}' }, { device: 'lo' }],
  );
});

test('subscriptions deliver the payload only and unsubscribe exactly once', () => {
  const ipc = new FakeIpcRenderer();
  const api = createApi(ipc);
  const subs: Array<[keyof EventChannels, (l: (p: unknown) => void) => () => void]> = [
    ['capture:records', (l) => api.onCaptureRecords(l)],
    ['capture:status', (l) => api.onCaptureStatus(l)],
    ['menu:command', (l) => api.onMenuCommand(l)],
  ];
  for (const [channel, subscribe] of subs) {
    const got: unknown[][] = [];
    const unsubscribe = subscribe((...args: unknown[]) => got.push(args));
    assert.equal(ipc.count(channel), 1, channel);
    ipc.emit(channel, { x: 1 });
    assert.deepEqual(got, [[{ x: 1 }]], `${channel}: payload only, no IpcRendererEvent`);
    unsubscribe();
    unsubscribe();
    assert.equal(ipc.count(channel), 0, channel);
    ipc.emit(channel, { x: 2 });
    assert.equal(got.length, 1);
  }
  assert.throws(() => api.onCaptureRecords('not a function' as never), TypeError);
});

test('files opened before the page subscribes are buffered (bounded) and delivered once', () => {
  const ipc = new FakeIpcRenderer();
  const api = createApi(ipc);
  for (let i = 0; i < MAX_BUFFERED_OPENS + 5; i++) ipc.emit('file:opened', { fileId: `f${i}` });
  const got: string[] = [];
  const unsubscribe = api.onFileOpened((f) => got.push(f.fileId));
  assert.equal(got.length, MAX_BUFFERED_OPENS);
  assert.equal(got[0], 'f0');
  ipc.emit('file:opened', { fileId: 'late' });
  assert.equal(got.at(-1), 'late');
  unsubscribe();
  ipc.emit('file:opened', { fileId: 'after' });
  assert.equal(got.at(-1), 'late');
  const again: string[] = [];
  api.onFileOpened((f) => again.push(f.fileId));
  assert.deepEqual(again, ['after']);
});
