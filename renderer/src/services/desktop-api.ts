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
  source: 'dialog' | 'recent' | 'argv' | 'os' | 'capture' | 'recording';
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

// ---- Live capture and the demo lab (electron/ipc/channels.ts copies, checked by
// test/renderer/host-contract.test.ts and test/renderer/live-capture.test.ts) ----

export interface DesktopCaptureInterface {
  name: string;
  description?: string;
  loopback: boolean;
}

export type DesktopCaptureBackend = 'cap' | 'tcpdump' | 'dumpcap';

export interface DesktopStartCaptureRequest {
  device?: string;
  filter?: string;
  backend?: DesktopCaptureBackend;
}

export interface DesktopCaptureStarted {
  sessionId: string;
  device: string;
  filter: string;
  linkType: number;
  snapLength: number;
  timestampsExact: boolean;
  /** The growing pcapng file the agent writes. */
  file: DesktopOpenedFile;
}

export interface DesktopCaptureStopped {
  sessionId: string;
  received: number;
  dropped: number | null;
  truncated: number;
  reason: 'requested' | 'parent-gone' | 'backend-exited' | 'error' | 'unknown';
}

export type DesktopCaptureStatus =
  | { sessionId: string; kind: 'stats'; received: number; dropped: number | null; truncated: number }
  | { sessionId: string; kind: 'error'; id: string; message: string; howToFix?: string; fatal: boolean }
  | ({ kind: 'stopped' } & DesktopCaptureStopped);

/**
 * What live capture needs from a host: Electron's preload (`window.wirestep`) or the web mode's
 * HTTP API (web-api.ts). Failures reject with an Error whose message starts with the problem's
 * id (`capture.permission: …`); web mode also sets HostError's fields.
 */
export interface CaptureHostApi {
  readChunk: (fileId: string, offset: number, length: number) => Promise<DesktopChunk>;
  listInterfaces: () => Promise<DesktopCaptureInterface[]>;
  startCapture: (request?: DesktopStartCaptureRequest) => Promise<DesktopCaptureStarted>;
  stopCapture: (sessionId: string) => Promise<DesktopCaptureStopped>;
  runDemo: (scenario: string) => Promise<DesktopCaptureStarted>;
  onCaptureStatus: (listener: (status: DesktopCaptureStatus) => void) => DesktopUnsubscribe;
  /**
   * The bundled recording of a demo scenario, granted (source 'recording'): web mode's
   * api/demo/recording, the desktop preload's openRecording. Optional for older hosts.
   */
  openRecording?: (scenario: string) => Promise<DesktopOpenedFile>;
}

/** A host failure with the structured fields of the capture agent's errors. */
export interface HostError extends Error {
  id?: string;
  howToFix?: string;
  docs?: string;
}
