// The main-process end of every renderer request (channels: electron/ipc/channels.ts). Each call
// is checked twice before anything runs: the sender must be the app's own top-level page
// (Electron security checklist #17 — an iframe or a page navigated elsewhere gets nothing), and
// the argument must have exactly the expected shape and bounds. Paths never come from the
// renderer: files are granted ids (file-grants.ts) and save targets come from save dialogs.
import type {
  CaptureInterface,
  DemoScenario,
  ExportKind,
  InvokeChannel,
  OpenedFile,
  ResponseOf,
} from '../ipc/channels.ts';
import { isAppUrl, type AppLocation } from './app-location.ts';
import type { CaptureController } from './capture-controller.ts';
import type { FileFilter, IpcMain, IpcMainInvokeEvent, WebContents } from './electron-api.ts';
import type { FileAccess } from './file-access.ts';
import type { FileGrants } from './file-grants.ts';
import {
  asId,
  asInteger,
  asRecord,
  asString,
  hasControlChars,
  invalid,
  IpcError,
  MAX_CHUNK_BYTES,
  MAX_EXPORT_BYTES,
  MAX_FILTER_CHARS,
  MAX_OFFSET,
  onlyKeys,
  safeFileName,
} from './ipc-validate.ts';
import type { RecentFiles } from './recent-files.ts';

export const CAPTURE_FILTERS: FileFilter[] = [
  { name: 'Captures', extensions: ['pcap', 'pcapng', 'cap', 'dmp'] },
  { name: 'All files', extensions: ['*'] },
];

const TEXT_KINDS: readonly ExportKind[] = ['svg', 'json', 'txt', 'csv', 'html'];
const BINARY_KINDS: readonly ExportKind[] = ['png', 'pcapng'];
const KIND_NAMES: Record<ExportKind, string> = {
  svg: 'SVG image',
  png: 'PNG image',
  json: 'JSON',
  txt: 'Text',
  csv: 'CSV',
  html: 'HTML',
  pcapng: 'pcapng capture',
};
// Spelled out (not imported from lab/, which would load `ws` at start-up); the Record makes `tsc`
// fail when lab/demo-scenarios.ts gains or loses a scenario.
const DEMO_SCENARIO_SET: Record<DemoScenario, true> = {
  'http10-short': true,
  'http11-keepalive': true,
  'polling-vs-websocket': true,
  'websocket-chat': true,
  'short-vs-long': true,
  'http-pipelined': true,
  'http-reset': true,
  'websocket-fragments': true,
  'http10-vs-keepalive': true,
};
export const DEMO_SCENARIOS: readonly DemoScenario[] = Object.keys(DEMO_SCENARIO_SET) as DemoScenario[];

export interface Dialogs {
  /** An open dialog for one capture file; null when cancelled. */
  chooseCapture(): Promise<string | null>;
  chooseSavePath(defaultName: string, filters: FileFilter[]): Promise<string | null>;
}

export interface DemoRunner {
  /** Starts the scenario's capture (filtered to its own traffic) and runs it; stops the capture when done. */
  run(scenario: DemoScenario, sender: WebContents): Promise<ResponseOf<'demo:run'>>;
}

export interface HandlerDeps {
  grants: FileGrants;
  recent: RecentFiles;
  files: FileAccess;
  dialogs: Dialogs;
  capture: CaptureController;
  listInterfaces(): Promise<CaptureInterface[]>;
  demo: DemoRunner;
  /** Where a scenario's bundled recording is (electron/main/recordings.ts); the name is already checked. */
  recordingPath(scenario: DemoScenario): string;
  /** Called after a file was granted (OS recent documents, menu refresh). */
  onOpened?(path: string, file: OpenedFile): void;
}

export type Handler<C extends InvokeChannel> = (sender: WebContents, arg: unknown) => Promise<ResponseOf<C>>;
export type Handlers = { [C in InvokeChannel]: Handler<C> };

/** Grants a user-chosen path (dialog, recent, argv, OS) to the renderer and records it as recent. */
export async function grantPath(
  deps: HandlerDeps,
  path: string,
  source: OpenedFile['source'],
): Promise<OpenedFile> {
  const size = await deps.files.size(path);
  const file = deps.grants.grant(path, size, source);
  if (source !== 'capture') deps.recent.add(path);
  deps.onOpened?.(path, file);
  return file;
}

/** `{ scenario }` naming one of the demo scenarios, nothing else. */
function scenarioOf(arg: unknown, what: string): DemoScenario {
  const rec = asRecord(arg, what);
  onlyKeys(rec, ['scenario'], what);
  const scenario = rec.scenario as DemoScenario;
  if (typeof scenario !== 'string' || !DEMO_SCENARIOS.includes(scenario)) {
    throw invalid('unknown demo scenario');
  }
  return scenario;
}

function noArgument(arg: unknown, what: string): void {
  if (arg !== undefined) throw invalid(`${what} takes no argument`);
}

function withExtension(name: string, ext: string): string {
  return name.toLowerCase().endsWith(`.${ext}`) ? name : `${name}.${ext}`;
}

function send(sender: WebContents) {
  return (channel: string, payload: unknown) => {
    if (!sender.isDestroyed()) sender.send(channel, payload);
  };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    async 'file:open'(_sender, arg) {
      noArgument(arg, 'file:open');
      const path = await deps.dialogs.chooseCapture();
      return path === null ? null : grantPath(deps, path, 'dialog');
    },

    async 'file:read-chunk'(_sender, arg) {
      const rec = asRecord(arg, 'readChunk');
      onlyKeys(rec, ['fileId', 'offset', 'length'], 'readChunk');
      const fileId = asId(rec.fileId, 'fileId');
      const offset = asInteger(rec.offset, 'offset', 0, MAX_OFFSET);
      const length = asInteger(rec.length, 'length', 1, MAX_CHUNK_BYTES);
      const grant = deps.grants.get(fileId);
      if (!grant) throw new IpcError('ipc.file.unknown', 'no such file');
      // The current size, not the granted one: a live capture's file grows while it is read.
      const size = await deps.files.size(grant.path);
      if (offset >= size) return { bytes: new Uint8Array(0), eof: true };
      const bytes = await deps.files.read(grant.path, offset, Math.min(length, size - offset));
      return { bytes, eof: offset + bytes.length >= size };
    },

    async 'file:list-recent'(_sender, arg) {
      noArgument(arg, 'file:list-recent');
      return deps.recent.entries();
    },

    async 'file:open-recent'(_sender, arg) {
      const rec = asRecord(arg, 'openRecent');
      onlyKeys(rec, ['recentId'], 'openRecent');
      const path = deps.recent.resolve(asId(rec.recentId, 'recentId'));
      if (path === undefined) throw new IpcError('ipc.file.unknown', 'not on the recent list');
      try {
        return await grantPath(deps, path, 'recent');
      } catch {
        // Moved or deleted since: drop it from the list rather than keep offering it.
        deps.recent.remove(path);
        return null;
      }
    },

    async 'capture:save-as'(_sender, arg) {
      const rec = asRecord(arg, 'saveCapture');
      onlyKeys(rec, ['fileId', 'suggestedName'], 'saveCapture');
      const grant = deps.grants.get(asId(rec.fileId, 'fileId'));
      if (!grant) throw new IpcError('ipc.file.unknown', 'no such file');
      const ext = grant.file.name.toLowerCase().endsWith('.pcap') ? 'pcap' : 'pcapng';
      const name = safeFileName(rec.suggestedName, 'suggestedName', grant.file.name);
      const target = await deps.dialogs.chooseSavePath(withExtension(name, ext), [
        { name: ext === 'pcap' ? 'pcap capture' : 'pcapng capture', extensions: [ext] },
      ]);
      if (target === null) return { saved: false };
      if (target === grant.path) return { saved: true, name: grant.file.name };
      await deps.files.copy(grant.path, target);
      deps.recent.add(target);
      return { saved: true, name: target.split(/[\\/]/).pop() };
    },

    async 'file:export'(_sender, arg) {
      const rec = asRecord(arg, 'exportFile');
      onlyKeys(rec, ['kind', 'suggestedName', 'data'], 'exportFile');
      const kind = rec.kind as ExportKind;
      if (!TEXT_KINDS.includes(kind) && !BINARY_KINDS.includes(kind)) throw invalid('unknown export kind');
      const data = rec.data;
      if (TEXT_KINDS.includes(kind)) {
        if (typeof data !== 'string') throw invalid(`${kind} export takes text`);
        // UTF-16 units ≤ bytes*1: a cheap upper bound before encoding; UTF-8 is at most 3 bytes per unit.
        if (data.length * 3 > MAX_EXPORT_BYTES) throw new IpcError('ipc.size.exceeded', 'export too large');
      } else {
        if (!(data instanceof Uint8Array)) throw invalid(`${kind} export takes bytes`);
        if (data.byteLength > MAX_EXPORT_BYTES) throw new IpcError('ipc.size.exceeded', 'export too large');
      }
      const name = withExtension(safeFileName(rec.suggestedName, 'suggestedName', `wirestep.${kind}`), kind);
      const target = await deps.dialogs.chooseSavePath(name, [
        { name: KIND_NAMES[kind], extensions: [kind] },
      ]);
      if (target === null) return { saved: false };
      await deps.files.write(target, data as string | Uint8Array);
      return { saved: true, name: target.split(/[\\/]/).pop() };
    },

    async 'capture:list-interfaces'(_sender, arg) {
      noArgument(arg, 'capture:list-interfaces');
      return deps.listInterfaces();
    },

    async 'capture:start'(sender, arg) {
      const rec = asRecord(arg ?? {}, 'startCapture');
      onlyKeys(rec, ['device', 'filter', 'backend'], 'startCapture');
      const device = asString(rec.device, 'device', 256, { optional: true });
      if (device !== undefined && (device === '' || hasControlChars(device)))
        throw invalid('bad device name');
      const filter = asString(rec.filter, 'filter', MAX_FILTER_CHARS, { optional: true });
      const backend = rec.backend;
      if (backend !== undefined && backend !== 'cap' && backend !== 'tcpdump' && backend !== 'dumpcap') {
        throw invalid('unknown capture backend');
      }
      return deps.capture.start({ device, filter, backend }, send(sender));
    },

    async 'capture:stop'(_sender, arg) {
      const rec = asRecord(arg, 'stopCapture');
      onlyKeys(rec, ['sessionId'], 'stopCapture');
      return deps.capture.stop(asId(rec.sessionId, 'sessionId'));
    },

    async 'demo:run'(sender, arg) {
      return deps.demo.run(scenarioOf(arg, 'runDemo'), sender);
    },

    async 'demo:open-recording'(_sender, arg) {
      const scenario = scenarioOf(arg, 'openRecording');
      const path = deps.recordingPath(scenario);
      let size: number;
      try {
        size = await deps.files.size(path);
      } catch {
        throw new IpcError('ipc.file.unknown', `no bundled recording of ${scenario}`);
      }
      // Not a user's file: no recent-list entry, no OS recent document.
      return deps.grants.grant(path, size, 'recording');
    },
  };
}

/** Throws unless the message comes from the app's own top-level page. */
export function checkSender(event: IpcMainInvokeEvent, loc: AppLocation): void {
  const frame = event.senderFrame;
  if (!frame || frame.parent || !isAppUrl(frame.url, loc)) {
    throw new IpcError('ipc.sender.forbidden', 'message from a page that is not Wirestep');
  }
}

/** Marks where a rejected invoke's text carries the fix (renderer: services/web-api.ts problemOf). */
export const HOW_TO_FIX_MARK = '\n\nHow to fix:\n';

/**
 * Electron passes only an error's message across invoke, so a capture agent's structured failure
 * (id, message, the exact per-OS fix) travels as `id: message` + HOW_TO_FIX_MARK + fix.
 */
export function withHowToFix(e: unknown): unknown {
  const d = (e as { detail?: { id?: unknown; message?: unknown; howToFix?: unknown } } | null)?.detail;
  if (!d || typeof d.id !== 'string' || typeof d.message !== 'string' || typeof d.howToFix !== 'string')
    return e;
  return new Error(`${d.id}: ${d.message}${HOW_TO_FIX_MARK}${d.howToFix}`);
}

/** Registers every handler behind the sender check. Returns the channel names registered. */
export function registerIpcHandlers(ipcMain: IpcMain, handlers: Handlers, loc: AppLocation): InvokeChannel[] {
  const channels = Object.keys(handlers) as InvokeChannel[];
  for (const channel of channels) {
    const handler = handlers[channel] as Handler<InvokeChannel>;
    ipcMain.handle(channel, async (event, ...args) => {
      checkSender(event, loc);
      if (args.length > 1) throw invalid(`${channel} takes at most one argument`);
      try {
        return await handler(event.sender, args[0]);
      } catch (e) {
        throw withHowToFix(e);
      }
    });
  }
  return channels;
}
