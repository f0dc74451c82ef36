// The subset of Electron's main-process API that Wirestep uses, written out as types so the shell
// can be type-checked and unit-tested in plain Node (the `electron` package is not installed in
// development; its launcher needs Node >= 22.12). Only electron/main/index.ts imports the real
// module and hands it over as an `ElectronMain`. Shapes follow Electron 45's typings; anything not
// listed here is deliberately unused.

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  experimentalFeatures?: boolean;
  enableBlinkFeatures?: string;
  webviewTag?: boolean;
  navigateOnDragDrop?: boolean;
  spellcheck?: boolean;
  devTools?: boolean;
  safeDialogs?: boolean;
}

export interface BrowserWindowOptions {
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  title?: string;
  show?: boolean;
  backgroundColor?: string;
  webPreferences?: WebPreferences;
}

/** The `event` of will-navigate / will-redirect / will-attach-webview. */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface HandlerDetails {
  url: string;
  frameName?: string;
  disposition?: string;
}

export type WindowOpenHandlerResponse = { action: 'deny' } | { action: 'allow' };

export interface WebContents {
  readonly id: number;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableEvent, url: string) => void,
  ): void;
  on(
    event: 'will-attach-webview',
    listener: (
      event: PreventableEvent,
      webPreferences: WebPreferences,
      params: Record<string, string>,
    ) => void,
  ): void;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
}

export interface BrowserWindow {
  readonly webContents: WebContents;
  loadURL(url: string): Promise<void>;
  loadFile(path: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  once(event: 'ready-to-show', listener: () => void): void;
  on(event: 'closed', listener: () => void): void;
}

export interface BrowserWindowConstructor {
  new (options: BrowserWindowOptions): BrowserWindow;
  getAllWindows(): BrowserWindow[];
}

export interface OnHeadersReceivedDetails {
  url: string;
  resourceType?: string;
  responseHeaders?: Record<string, string[]>;
}

export interface HeadersReceivedResponse {
  cancel?: boolean;
  responseHeaders?: Record<string, string | string[]>;
}

export interface PermissionRequestDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
}

export interface Session {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: OnHeadersReceivedDetails,
        callback: (response: HeadersReceivedResponse) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: WebContents,
          permission: string,
          callback: (granted: boolean) => void,
          details: PermissionRequestDetails,
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler:
      ((webContents: WebContents | null, permission: string, requestingOrigin: string) => boolean) | null,
  ): void;
}

/** What `ipcMain.handle` listeners receive as their first argument. */
export interface IpcMainInvokeEvent {
  readonly sender: WebContents;
  /** The frame that sent the message; null once it has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string; readonly origin?: string; readonly parent?: unknown } | null;
}

export interface IpcMain {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface OpenDialogOptions {
  title?: string;
  properties?: Array<'openFile' | 'multiSelections' | 'dontAddToRecent'>;
  filters?: FileFilter[];
}

export interface SaveDialogOptions {
  title?: string;
  defaultPath?: string;
  filters?: FileFilter[];
}

export interface Dialog {
  showOpenDialog(
    window: BrowserWindow,
    options: OpenDialogOptions,
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(
    window: BrowserWindow,
    options: SaveDialogOptions,
  ): Promise<{ canceled: boolean; filePath?: string }>;
  showErrorBox(title: string, content: string): void;
}

export interface MenuItemOptions {
  label?: string;
  id?: string;
  role?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  accelerator?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
  submenu?: MenuItemOptions[];
}

export interface MenuStatic {
  buildFromTemplate(template: MenuItemOptions[]): unknown;
  setApplicationMenu(menu: unknown): void;
}

export interface App {
  readonly isPackaged: boolean;
  getPath(name: 'userData' | 'temp' | 'documents'): string;
  getAppPath(): string;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  whenReady(): Promise<void>;
  addRecentDocument(path: string): void;
  on(event: 'open-file', listener: (event: PreventableEvent, path: string) => void): void;
  on(
    event: 'second-instance',
    listener: (event: PreventableEvent, argv: string[], workingDirectory: string) => void,
  ): void;
  on(event: 'window-all-closed', listener: () => void): void;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): void;
  on(event: 'activate', listener: () => void): void;
  on(event: 'web-contents-created', listener: (event: PreventableEvent, contents: WebContents) => void): void;
}

export interface Shell {
  openExternal(url: string): Promise<void>;
}

/** Electron's utilityProcess child (a Node.js process launched by Chromium's service model). */
export interface UtilityProcessChild {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  on(event: 'spawn', listener: () => void): void;
}

export interface UtilityProcessStatic {
  fork(
    modulePath: string,
    args?: string[],
    options?: {
      serviceName?: string;
      stdio?: 'pipe' | 'ignore' | 'inherit';
      env?: Record<string, string | undefined>;
    },
  ): UtilityProcessChild;
}

/** Everything main needs from `import('electron')`. */
export interface ElectronMain {
  app: App;
  BrowserWindow: BrowserWindowConstructor;
  ipcMain: IpcMain;
  dialog: Dialog;
  Menu: MenuStatic;
  session: { defaultSession: Session };
  shell: Shell;
  utilityProcess: UtilityProcessStatic;
}
