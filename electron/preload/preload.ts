// Builds `window.wirestep` from named methods, each bound to exactly one channel of
// electron/ipc/channels.ts. A function of the injected Electron objects so tests can run it with
// fakes and enumerate what it exposes. Listeners get the payload only, never the IpcRendererEvent
// (its `sender` is the ipcRenderer itself, which would leak the raw API into the page).
import type {
  EventChannel,
  EventChannels,
  InvokeChannel,
  RequestOf,
  ResponseOf,
  StartCaptureRequest,
} from '../ipc/channels.ts';
import { API_KEY, type WirestepApi } from './api.ts';
import type { ContextBridge, IpcRenderer, IpcRendererListener } from './electron-renderer-api.ts';

/** Files opened before the page subscribed (argv, open-file at launch) wait here; bounded. */
export const MAX_BUFFERED_OPENS = 16;

export function createApi(ipc: IpcRenderer): WirestepApi {
  // file:opened can arrive before React has mounted and subscribed: keep those until it does.
  const openListeners = new Set<(file: EventChannels['file:opened']) => void>();
  const buffered: Array<EventChannels['file:opened']> = [];
  ipc.on('file:opened', (_event, payload) => {
    const file = payload as EventChannels['file:opened'];
    if (openListeners.size === 0) {
      if (buffered.length < MAX_BUFFERED_OPENS) buffered.push(file);
    } else for (const l of openListeners) l(file);
  });

  function call<C extends InvokeChannel>(
    channel: C,
    ...request: RequestOf<C> extends void ? [] : [RequestOf<C>]
  ) {
    return ipc.invoke(channel, ...request) as Promise<ResponseOf<C>>;
  }
  function subscribe<C extends EventChannel>(channel: C, listener: (payload: EventChannels[C]) => void) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const wrapped: IpcRendererListener = (_event, payload) => listener(payload as EventChannels[C]);
    ipc.on(channel, wrapped);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      ipc.removeListener(channel, wrapped);
    };
  }
  return {
    openFile: () => call('file:open'),
    readChunk: (fileId, offset, length) => call('file:read-chunk', { fileId, offset, length }),
    listRecent: () => call('file:list-recent'),
    openRecent: (recentId) => call('file:open-recent', { recentId }),
    saveCapture: (fileId, suggestedName) =>
      call('capture:save-as', suggestedName === undefined ? { fileId } : { fileId, suggestedName }),
    exportFile: (request) =>
      call('file:export', { kind: request.kind, suggestedName: request.suggestedName, data: request.data }),
    listInterfaces: () => call('capture:list-interfaces'),
    startCapture: (request = {}) => {
      const r: StartCaptureRequest = {};
      if (request.device !== undefined) r.device = request.device;
      if (request.filter !== undefined) r.filter = request.filter;
      if (request.backend !== undefined) r.backend = request.backend;
      return call('capture:start', r);
    },
    stopCapture: (sessionId) => call('capture:stop', { sessionId }),
    onCaptureRecords: (listener) => subscribe('capture:records', listener),
    onCaptureStatus: (listener) => subscribe('capture:status', listener),
    onFileOpened: (listener) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      openListeners.add(listener);
      for (const file of buffered.splice(0)) listener(file);
      return () => void openListeners.delete(listener);
    },
    onMenuCommand: (listener) => subscribe('menu:command', listener),
    runDemo: (scenario) => call('demo:run', { scenario }),
    openRecording: (scenario) => call('demo:open-recording', { scenario }),
  };
}

export function exposeApi(deps: { contextBridge: ContextBridge; ipcRenderer: IpcRenderer }): WirestepApi {
  const api = createApi(deps.ipcRenderer);
  deps.contextBridge.exposeInMainWorld(API_KEY, api);
  return api;
}
