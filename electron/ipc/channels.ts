// The typed channel map between the renderer (through electron/preload) and the main process.
// Types only: the preload and electron/main/ipc-handlers.ts spell the channel names as literals
// checked against these maps, so a renamed or mistyped channel fails `tsc` on both sides.
//
// Trust model (Electron security checklist, items 17 and 20): the renderer never names a path.
// Files reach it as opaque `fileId`s that main granted after a dialog, the recent list, a
// command-line argument or an OS file association; main moves bytes and never parses them.

import type { DemoScenarioName } from '../../lab/demo-scenarios.ts';

/** A file main has granted to the renderer. The path stays in main. */
export interface OpenedFile {
  fileId: string;
  /** Base name, for the title and the tab. */
  name: string;
  size: number;
  /** How it was granted (the renderer may start a live view for 'capture'; 'recording': a bundled demo recording). */
  source: 'dialog' | 'recent' | 'argv' | 'os' | 'capture' | 'recording';
}

export interface RecentEntry {
  /** Stable id of the entry in main's recent list (not the path). */
  recentId: string;
  name: string;
  /** The containing folder, shown as a hint in the menu and the UI. */
  folder: string;
}

export interface ReadChunkRequest {
  fileId: string;
  offset: number;
  /** At most MAX_CHUNK_BYTES (electron/main/ipc-validate.ts). */
  length: number;
}

export interface ReadChunkResponse {
  /** Fewer bytes than asked at the end of the file (or while a live capture file is growing). */
  bytes: Uint8Array;
  /** True when offset + bytes.length reached the file's current end. */
  eof: boolean;
}

export interface SaveCaptureRequest {
  /** The file to copy: an opened file or a live capture's output. */
  fileId: string;
  suggestedName?: string;
}

export type ExportKind = 'svg' | 'png' | 'json' | 'txt' | 'csv' | 'html' | 'pcapng';

export interface ExportRequest {
  kind: ExportKind;
  suggestedName: string;
  /** Text (svg, json, txt, csv, html) or bytes (png, pcapng). */
  data: string | Uint8Array;
}

export interface SaveResult {
  saved: boolean;
  /** Base name of the written file when saved. */
  name?: string;
}

export interface CaptureInterface {
  name: string;
  description?: string;
  loopback: boolean;
}

export interface StartCaptureRequest {
  /** Device name from listInterfaces(); default: loopback. */
  device?: string;
  /** pcap-filter(7) expression; checked by libpcap in the agent. */
  filter?: string;
  /**
   * Who captures: the `cap` addon in the agent (default), or tcpdump/dumpcap read by the agent
   * (kernel timestamps and drop counts; their own capture rights — native-notes/capture-permissions.md).
   */
  backend?: 'cap' | 'tcpdump' | 'dumpcap';
}

export interface CaptureStarted {
  sessionId: string;
  device: string;
  filter: string;
  linkType: number;
  snapLength: number;
  timestampsExact: boolean;
  /** The growing pcapng file, readable with readChunk and savable with saveCapture. */
  file: OpenedFile;
}

export interface CaptureStopped {
  sessionId: string;
  received: number;
  dropped: number | null;
  truncated: number;
  reason: 'requested' | 'parent-gone' | 'backend-exited' | 'error' | 'unknown';
}

/** One packet of a live capture, as the agent copied it. */
export interface CaptureRecord {
  frame: number;
  tsSec: number;
  tsNsec: number;
  originalLength: number;
  timestampApproximate: boolean;
  data: Uint8Array;
}

/** Records are batched (one IPC message per agent flush, not one per packet). */
export interface CaptureRecordsBatch {
  sessionId: string;
  linkType: number;
  records: CaptureRecord[];
}

export type CaptureStatus =
  | { sessionId: string; kind: 'stats'; received: number; dropped: number | null; truncated: number }
  | { sessionId: string; kind: 'error'; id: string; message: string; howToFix?: string; fatal: boolean }
  | ({ kind: 'stopped' } & CaptureStopped);

/** A demo lab scenario: a key of lab/demo-scenarios.ts DEMO_SCENARIOS (same names as the recordings). */
export type DemoScenario = DemoScenarioName;

export interface RunDemoRequest {
  scenario: DemoScenario;
}

/** The bundled recording of a scenario (samples/recordings/<scenario>.pcap), for when capture is not allowed. */
export interface OpenRecordingRequest {
  scenario: DemoScenario;
}

/**
 * Menu items the renderer carries out itself, because it holds the state they need (the current
 * file's id, the chosen interface and filter, the active view).
 */
export type MenuCommand =
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
  | 'help.about';

/** renderer → main, request/response (`ipcRenderer.invoke` / `ipcMain.handle`). */
export interface InvokeChannels {
  'file:open': { request: void; response: OpenedFile | null };
  'file:read-chunk': { request: ReadChunkRequest; response: ReadChunkResponse };
  'file:list-recent': { request: void; response: RecentEntry[] };
  'file:open-recent': { request: { recentId: string }; response: OpenedFile | null };
  'capture:save-as': { request: SaveCaptureRequest; response: SaveResult };
  'file:export': { request: ExportRequest; response: SaveResult };
  'capture:list-interfaces': { request: void; response: CaptureInterface[] };
  'capture:start': { request: StartCaptureRequest; response: CaptureStarted };
  'capture:stop': { request: { sessionId: string }; response: CaptureStopped };
  'demo:run': { request: RunDemoRequest; response: CaptureStarted };
  'demo:open-recording': { request: OpenRecordingRequest; response: OpenedFile };
}

/** main → renderer pushes (`webContents.send` / `ipcRenderer.on`). */
export interface EventChannels {
  'capture:records': CaptureRecordsBatch;
  'capture:status': CaptureStatus;
  'file:opened': OpenedFile;
  'menu:command': MenuCommand;
}

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;
export type RequestOf<C extends InvokeChannel> = InvokeChannels[C]['request'];
export type ResponseOf<C extends InvokeChannel> = InvokeChannels[C]['response'];

/** A handler's failure as the renderer sees it: Electron passes only the Error's message across. */
export type IpcErrorId =
  | 'ipc.sender.forbidden'
  | 'ipc.argument.invalid'
  | 'ipc.file.unknown'
  | 'ipc.size.exceeded'
  | 'ipc.capture.unknown'
  | 'ipc.capture.busy';
