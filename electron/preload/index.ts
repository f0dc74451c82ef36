// The preload entry. A sandboxed preload cannot import local files, so this is bundled (with
// preload.ts and api.ts) into one CommonJS file by build/bundle-electron.mjs; `electron` is the
// only module it requires at run time. `require` rather than `import`: the `electron` package
// (and its types) is not installed in development here, and the sandbox's preload wrapper
// provides `require('electron')` whatever the bundler does.
import type { ContextBridge, IpcRenderer } from './electron-renderer-api.ts';
import { exposeApi } from './preload.ts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const electron = require('electron') as { contextBridge: ContextBridge; ipcRenderer: IpcRenderer };
exposeApi({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer });
