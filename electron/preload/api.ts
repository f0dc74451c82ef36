// The renderer's contract with the desktop host: what `window.wirestep` offers. Named methods
// only — no generic invoke/send and no raw ipcRenderer (Electron security checklist #20) — so a
// compromised renderer can do exactly these things and nothing else. renderer/services/ may import
// this file's types (type-only) to describe the host.
import type {
  CaptureInterface,
  CaptureRecordsBatch,
  CaptureStarted,
  CaptureStatus,
  CaptureStopped,
  DemoScenario,
  ExportRequest,
  MenuCommand,
  OpenedFile,
  ReadChunkResponse,
  RecentEntry,
  SaveResult,
  StartCaptureRequest,
} from '../ipc/channels.ts';

export type Unsubscribe = () => void;

export interface WirestepApi {
  /** Shows the open dialog; null when cancelled. */
  openFile(): Promise<OpenedFile | null>;
  /** Bytes [offset, offset+length) of a granted file (length ≤ 8 MiB). */
  readChunk(fileId: string, offset: number, length: number): Promise<ReadChunkResponse>;
  listRecent(): Promise<RecentEntry[]>;
  openRecent(recentId: string): Promise<OpenedFile | null>;
  /** Save dialog, then copies the granted file (an opened capture or a live capture's pcapng). */
  saveCapture(fileId: string, suggestedName?: string): Promise<SaveResult>;
  /** Save dialog, then writes `data`. */
  exportFile(request: ExportRequest): Promise<SaveResult>;
  listInterfaces(): Promise<CaptureInterface[]>;
  startCapture(request?: StartCaptureRequest): Promise<CaptureStarted>;
  stopCapture(sessionId: string): Promise<CaptureStopped>;
  /** Live records, batched. Returns the unsubscribe function. */
  onCaptureRecords(listener: (batch: CaptureRecordsBatch) => void): Unsubscribe;
  onCaptureStatus(listener: (status: CaptureStatus) => void): Unsubscribe;
  /** Files opened by the menu, the command line or the OS (double-click, drag onto the dock icon). */
  onFileOpened(listener: (file: OpenedFile) => void): Unsubscribe;
  /** Menu items the renderer carries out itself (focus the filter, switch views, ...). */
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
  /** Runs a loopback demo scenario while capturing only its traffic. */
  runDemo(scenario: DemoScenario): Promise<CaptureStarted>;
  /**
   * Grants the bundled recording of a demo scenario (source 'recording'): what the demo lab plays
   * when there are no capture rights. Read it with readChunk like any opened file.
   */
  openRecording(scenario: DemoScenario): Promise<OpenedFile>;
}

/** The global name under which the preload exposes the API. */
export const API_KEY = 'wirestep';
