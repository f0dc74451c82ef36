/// <reference lib="dom" />
// The renderer's copy of the desktop host API (renderer/src/services/desktop-api.ts) against the
// preload's real one (electron/preload/api.ts, built by preload.ts). Type level: `tsc -p
// tsconfig.json` fails below when WirestepApi stops being assignable to DesktopApi or the shared
// payloads drift. Run time: the preload exposes a function for every member the renderer calls,
// bound to the channel the main process handles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WirestepApi } from '../../electron/preload/api.ts';
import type {
  ExportRequest,
  MenuCommand,
  OpenedFile,
  ReadChunkResponse,
  SaveResult,
} from '../../electron/ipc/channels.ts';
import { createApi } from '../../electron/preload/preload.ts';
import type {
  DesktopApi,
  DesktopChunk,
  DesktopExportRequest,
  DesktopMenuCommand,
  DesktopOpenedFile,
  DesktopSaveResult,
} from '../../renderer/src/services/desktop-api.ts';
import { MAX_CHUNK_BYTES } from '../../renderer/src/services/desktop-api.ts';
import { MAX_CHUNK_BYTES as MAIN_MAX_CHUNK_BYTES } from '../../electron/main/ipc-validate.ts';

// What the preload exposes must be usable wherever the renderer expects its DesktopApi.
export const preloadIsDesktop = (api: WirestepApi): DesktopApi => api;
// Payloads both ways: a field added on one side only fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameOpened: Same<OpenedFile, DesktopOpenedFile> = true;
const sameChunk: Same<ReadChunkResponse, DesktopChunk> = true;
const sameExport: Same<ExportRequest, DesktopExportRequest> = true;
const sameSave: Same<SaveResult, DesktopSaveResult> = true;
// Every host menu command is one the renderer's handler type accepts.
export const commandIsDesktop = (c: MenuCommand): DesktopMenuCommand => c;

/** Every DesktopApi member, checked exhaustively by the Record type. */
const MEMBERS: Record<keyof DesktopApi, string | null> = {
  openFile: 'file:open',
  readChunk: 'file:read-chunk',
  listRecent: 'file:list-recent',
  openRecent: 'file:open-recent',
  saveCapture: 'capture:save-as',
  exportFile: 'file:export',
  onFileOpened: null,
  onMenuCommand: 'menu:command',
};

function fakeIpc() {
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const on: string[] = [];
  return {
    invoked,
    on,
    ipc: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return null;
      },
      on: (channel: string) => void on.push(channel),
      removeListener: () => {},
    },
  };
}

test('the payload types match (checked by tsc; these constants exist only for it)', () => {
  assert.deepEqual([sameOpened, sameChunk, sameExport, sameSave], [true, true, true, true]);
});

test('the renderer and main agree on the largest chunk', () => {
  assert.equal(MAX_CHUNK_BYTES, MAIN_MAX_CHUNK_BYTES);
});

test('the preload exposes every member the renderer uses, on the channel main handles', async () => {
  const f = fakeIpc();
  const api = createApi(f.ipc) as unknown as Record<string, unknown>;
  for (const [name, channel] of Object.entries(MEMBERS)) {
    assert.equal(typeof api[name], 'function', name);
    if (channel === null || name.startsWith('on')) continue;
    await (api[name] as (...a: unknown[]) => Promise<unknown>)('x', 0, 1);
    assert.equal(f.invoked.at(-1)?.channel, channel, name);
  }
  const desktop = createApi(f.ipc) as DesktopApi;
  desktop.onMenuCommand(() => {});
  assert.ok(f.on.includes('menu:command'));
  await desktop.readChunk('id-1', 10, 20);
  assert.deepEqual(f.invoked.at(-1), {
    channel: 'file:read-chunk',
    args: [{ fileId: 'id-1', offset: 10, length: 20 }],
  });
});
