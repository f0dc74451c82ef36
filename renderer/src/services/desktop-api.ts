// What the desktop host (Electron's preload) offers as `window.wirestep`, as the renderer sees it.
// A copy, not an import: the renderer may not reach into electron/ (lint rule), and the preload's
// api.ts carries a value. test/electron-renderer-contract.ts makes `tsc` fail when the preload's
// WirestepApi stops being assignable to DesktopApi, so the two cannot drift apart silently.
// Members are properties (not methods) so strictFunctionTypes checks listener parameters.
// Types only: no DOM, no Electron.

export interface DesktopOpenedFile {
  /** Opaque id main granted; the path stays in main. */
  fileId: string;
  name: string;
  size: number;
  source: 'dialog' | 'recent' | 'argv' | 'os' | 'capture';
}

export interface DesktopChunk {
  /** Fewer bytes than asked at the end of the file (or while a live capture is growing). */
  bytes: Uint8Array;
  eof: boolean;
}

export interface DesktopRecentEntry {
  recentId: string;
  name: string;
  folder: string;
}

export type DesktopExportKind = 'svg' | 'png' | 'json' | 'txt' | 'csv' | 'html' | 'pcapng';

export interface DesktopExportRequest {
  kind: DesktopExportKind;
  suggestedName: string;
  data: string | Uint8Array;
}

export interface DesktopSaveResult {
  saved: boolean;
  name?: string;
}

/**
 * Menu items the renderer carries out. A superset of the host's MenuCommand: 'file.open' is
 * handled too, should a host forward Open instead of showing the dialog itself.
 */
export type DesktopMenuCommand =
  | 'file.open'
  | 'file.save-as'
  | 'file.export'
  | 'capture.start'
  | 'capture.stop'
  | 'capture.interface'
  | 'capture.filter'
  | 'capture.demo'
  | 'view.ladder'
  | 'view.packets'
  | 'view.http'
  | 'view.websocket'
  | 'view.language'
  | 'help.about'
  // Any later command: ignored by the renderer rather than a type error on the host side.
  | (string & {});

export type DesktopUnsubscribe = () => void;

/** The part of the host API the renderer uses (live capture and demos stay with their owners). */
export interface DesktopApi {
  openFile: () => Promise<DesktopOpenedFile | null>;
  /** Bytes [offset, offset+length) of a granted file; length ≤ MAX_CHUNK_BYTES. */
  readChunk: (fileId: string, offset: number, length: number) => Promise<DesktopChunk>;
  listRecent: () => Promise<DesktopRecentEntry[]>;
  openRecent: (recentId: string) => Promise<DesktopOpenedFile | null>;
  saveCapture: (fileId: string, suggestedName?: string) => Promise<DesktopSaveResult>;
  exportFile: (request: DesktopExportRequest) => Promise<DesktopSaveResult>;
  onFileOpened: (listener: (file: DesktopOpenedFile) => void) => DesktopUnsubscribe;
  onMenuCommand: (listener: (command: DesktopMenuCommand) => void) => DesktopUnsubscribe;
}

/** The host refuses reads above this (electron/main/ipc-validate.ts MAX_CHUNK_BYTES is 8 MiB). */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
