// The app's life cycle: one instance, one main window, files from the command line and the OS,
// the menu, the IPC handlers and the capture agent. Everything Electron is reached through the
// injected `ElectronMain` (electron-api.ts), so this runs under test with fakes.
//
// Files arrive four ways: the open dialog, Open Recent, argv (Linux/Windows file associations run
// `wirestep FILE`; a second launch hands its argv to the first through `second-instance`), and
// macOS's `open-file` event (which can fire before `ready`). All of them end in grantPath() and a
// `file:opened` message; main reads no capture bytes here.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuCommand, OpenedFile } from '../ipc/channels.ts';
import type { AppLocation } from './app-location.ts';
import { CaptureController } from './capture-controller.ts';
import type { LaunchAgent } from './agent-handle.ts';
import { installCsp } from './csp.ts';
import { createDemoRunner } from './demo.ts';
import type { BrowserWindow, ElectronMain } from './electron-api.ts';
import type { FileAccess } from './file-access.ts';
import { FileGrants } from './file-grants.ts';
import {
  CAPTURE_FILTERS,
  createHandlers,
  grantPath,
  registerIpcHandlers,
  type DemoRunner,
  type HandlerDeps,
} from './ipc-handlers.ts';
import { buildMenuTemplate } from './menu.ts';
import { recordingFile } from './recordings.ts';
import { denyAllPermissions, guardWebContents } from './navigation-guards.ts';
import { RecentFiles, type RecentStore } from './recent-files.ts';
import { mainWindowOptions } from './window-options.ts';
import type { CaptureInterface } from '../ipc/channels.ts';

/** The extensions Wirestep registers for and accepts from argv / open-file. */
export const CAPTURE_EXTENSIONS = ['.pcap', '.pcapng'] as const;

export function isCaptureFilePath(p: string): boolean {
  const lower = p.toLowerCase();
  return CAPTURE_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

/**
 * Capture files named on a command line. argv[0] is the executable (and, unpackaged, argv[1] is
 * the app folder); Chromium and the OS may add switches. Only non-switch arguments ending in
 * .pcap/.pcapng count, resolved against the launching process's working directory.
 */
export function capturePathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  let afterDoubleDash = false;
  for (const arg of argv.slice(1)) {
    if (arg === '--' && !afterDoubleDash) {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && arg.startsWith('-')) continue;
    if (!isCaptureFilePath(arg)) continue;
    const path = resolve(cwd, arg.startsWith('file://') ? fileURLToPath(arg) : arg);
    if (!out.includes(path)) out.push(path);
  }
  return out;
}

export interface AppConfig {
  location: AppLocation;
  /** Absolute path of renderer/dist/index.html (loaded with loadFile when there is no dev origin). */
  indexFile: string;
  preloadPath: string;
  argv: readonly string[];
  cwd: string;
  platform: NodeJS.Platform;
  files: FileAccess;
  recentStore: RecentStore;
  launchAgent: LaunchAgent;
  newCaptureFile(): string;
  listInterfaces(): Promise<CaptureInterface[]>;
  excludePorts?: number[];
  /** Replaces the loopback demo (tests). */
  demo?: DemoRunner;
  /** The bundled demo recordings (electron/main/recordings.ts recordingsDir). */
  recordingsDir: string;
}

export interface RunningApp {
  window(): BrowserWindow | null;
  /** Opens a path as if the OS had handed it over (queued until the window has loaded). */
  openPath(path: string, source: OpenedFile['source']): Promise<void>;
  deps: HandlerDeps;
}

/** Returns null when another instance already runs (this one quits and hands over its argv). */
export async function runApp(electron: ElectronMain, config: AppConfig): Promise<RunningApp | null> {
  const { app } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  let win: BrowserWindow | null = null;
  let loaded = false;
  let menuState = { capturing: false };
  const queue: Array<{ path: string; source: OpenedFile['source'] }> = capturePathsFromArgv(
    config.argv,
    config.cwd,
  ).map((path) => ({ path, source: 'argv' as const }));

  // Registered before `ready`: macOS delivers a double-clicked file to a starting app right away.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (isCaptureFilePath(path)) void openPath(path, 'os');
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const path of capturePathsFromArgv(argv, workingDirectory)) void openPath(path, 'argv');
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, {
      location: config.location,
      openExternal: (url) => electron.shell.openExternal(url),
    }),
  );

  await app.whenReady();
  const session = electron.session.defaultSession;
  installCsp(session);
  denyAllPermissions(session);

  const grants = new FileGrants();
  const recent = new RecentFiles(config.recentStore);
  const capture = new CaptureController({
    launch: config.launchAgent,
    grants,
    newCaptureFile: config.newCaptureFile,
    excludePorts: config.excludePorts,
    onActiveChange: (active) => {
      menuState = { capturing: active };
      refreshMenu();
    },
  });
  const deps: HandlerDeps = {
    grants,
    recent,
    files: config.files,
    capture,
    listInterfaces: config.listInterfaces,
    demo: config.demo ?? createDemoRunner(capture),
    recordingPath: (scenario) => recordingFile(config.recordingsDir, scenario),
    dialogs: {
      async chooseCapture() {
        if (!win) return null;
        const r = await electron.dialog.showOpenDialog(win, {
          title: 'Open Capture',
          properties: ['openFile'],
          filters: CAPTURE_FILTERS,
        });
        return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]!;
      },
      async chooseSavePath(defaultName, filters) {
        if (!win) return null;
        const r = await electron.dialog.showSaveDialog(win, { defaultPath: defaultName, filters });
        return r.canceled || !r.filePath ? null : r.filePath;
      },
    },
    onOpened(path, file) {
      if (file.source !== 'capture') app.addRecentDocument(path);
      refreshMenu();
    },
  };
  registerIpcHandlers(electron.ipcMain, createHandlers(deps), config.location);

  function send(channel: 'file:opened' | 'menu:command', payload: OpenedFile | MenuCommand): void {
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(channel, payload);
  }

  async function openPath(path: string, source: OpenedFile['source']): Promise<void> {
    if (!win || !loaded) {
      queue.push({ path, source });
      return;
    }
    try {
      send('file:opened', await grantPath(deps, path, source));
    } catch (e) {
      electron.dialog.showErrorBox('Cannot open capture', `${path}\n\n${(e as Error).message}`);
    }
  }

  function refreshMenu(): void {
    const template = buildMenuTemplate(
      {
        open: () =>
          void deps.dialogs.chooseCapture().then((p) => (p === null ? undefined : openPath(p, 'dialog'))),
        openRecent: (id) => {
          const p = recent.resolve(id);
          if (p !== undefined) void openPath(p, 'recent');
        },
        clearRecent: () => {
          recent.clear();
          refreshMenu();
        },
        command: (c) => send('menu:command', c),
      },
      {
        platform: config.platform,
        recent: recent.entries(),
        capturing: menuState.capturing,
        devTools: !app.isPackaged,
      },
    );
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));
  }

  async function createWindow(): Promise<void> {
    const w = new electron.BrowserWindow(
      mainWindowOptions(config.preloadPath, { devTools: !app.isPackaged }),
    );
    win = w;
    loaded = false;
    w.once('ready-to-show', () => w.show());
    w.on('closed', () => {
      if (win === w) win = null;
    });
    if (config.location.devOrigin) await w.loadURL(`${config.location.devOrigin}/`);
    else await w.loadFile(config.indexFile);
    loaded = true;
    // The preload buffers file:opened until the renderer subscribes, so sending now is safe.
    for (const item of queue.splice(0)) await openPath(item.path, item.source);
  }

  refreshMenu();
  app.on('activate', () => {
    if (!win) void createWindow();
  });
  app.on('window-all-closed', () => {
    if (config.platform !== 'darwin') app.quit();
  });
  // A running agent gets to flush and close its pcapng (footer and statistics written) first.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || capture.active === null) return;
    event.preventDefault();
    quitting = true;
    void capture
      .stopAll()
      .catch(() => {})
      .finally(() => app.quit());
  });
  await createWindow();

  return { window: () => win, openPath, deps };
}
