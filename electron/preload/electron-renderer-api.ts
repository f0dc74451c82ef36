// The two objects from Electron's renderer-side module that the preload uses, as types, so the
// preload runs in plain Node tests with fakes (the `electron` package is not installed here).

export interface IpcRendererEvent {
  readonly senderId?: number;
}

export type IpcRendererListener = (event: IpcRendererEvent, ...args: unknown[]) => void;

export interface IpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcRendererListener): unknown;
  removeListener(channel: string, listener: IpcRendererListener): unknown;
}

export interface ContextBridge {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}
