import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { capturePathsFromArgv, isCaptureFilePath, runApp, type AppConfig } from '../../electron/main/app.ts';
import type {
  BrowserWindowOptions,
  ElectronMain,
  MenuItemOptions,
} from '../../electron/main/electron-api.ts';
import { nodeFileAccess } from '../../electron/main/file-access.ts';
import type { OpenedFile } from '../../electron/ipc/channels.ts';
import { FakeWebContents, invokeEvent, LOCATION } from './fakes.ts';

test('argv: .pcap/.pcapng only, switches and the executable ignored, resolved against cwd', () => {
  const cwd = '/home/u/work';
  assert.deepEqual(
    capturePathsFromArgv(
      [
        '/opt/Wirestep/wirestep',
        '--no-sandbox',
        '--flag=evil.pcap',
        'a.pcap',
        'notes.txt',
        '/data/B.PCAPNG',
        'dir/c.pcapng',
        'a.pcap',
        '.pcap',
        'x.pcap.gz',
        'y.cap',
      ],
      cwd,
    ),
    [resolve(cwd, 'a.pcap'), resolve('/data/B.PCAPNG'), resolve(cwd, 'dir/c.pcapng')],
  );
  // Unpackaged: argv[1] is the app folder.
  assert.deepEqual(capturePathsFromArgv(['/usr/bin/electron', '.', 'x.pcap'], cwd), [resolve(cwd, 'x.pcap')]);
  // After `--`, a file may start with a dash; file: URLs (some desktop launchers) become paths.
  assert.deepEqual(capturePathsFromArgv(['exe', '--', '-odd.pcap'], cwd), [resolve(cwd, '-odd.pcap')]);
  assert.deepEqual(capturePathsFromArgv(['exe', 'file:///tmp/a%20b.pcap'], cwd), ['/tmp/a b.pcap']);
  assert.deepEqual(capturePathsFromArgv(['only-the-exe.pcap'], cwd), []);
});

test('isCaptureFilePath', () => {
  for (const [p, ok] of [
    ['a.pcap', true],
    ['A.PcapNg', true],
    ['a.pcapng.txt', false],
    ['.pcapng', false],
    ['pcap', false],
    ['a.cap', false],
  ] as const) {
    assert.equal(isCaptureFilePath(p), ok, p);
  }
});

type Listener = (...args: unknown[]) => void;

/** File opens run in the background (fs.stat, then a message): wait for their effect, bounded. */
async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}
const openedCount = (sent: Array<{ channel: string }>) =>
  sent.filter((s) => s.channel === 'file:opened').length;

function fakeElectron(o: { lock?: boolean } = {}) {
  const appEvents = new Map<string, Listener[]>();
  const windows: FakeWindow[] = [];
  const menus: MenuItemOptions[][] = [];
  const recentDocs: string[] = [];
  const errors: string[] = [];
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  let quits = 0;
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  class FakeWindow {
    webContents = new FakeWebContents();
    loaded: string[] = [];
    shown = false;
    focused = 0;
    constructor(readonly options: BrowserWindowOptions) {
      windows.push(this);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    async loadFile(path: string) {
      this.loaded.push(path);
    }
    show() {
      this.shown = true;
    }
    focus() {
      this.focused++;
    }
    restore() {}
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    once(_e: string, l: () => void) {
      l();
    }
    on() {}
    static getAllWindows() {
      return windows;
    }
  }

  const electron = {
    app: {
      isPackaged: true,
      getPath: () => tmpdir(),
      getAppPath: () => '/app',
      requestSingleInstanceLock: () => o.lock ?? true,
      quit: () => void quits++,
      whenReady: () => ready,
      addRecentDocument: (p: string) => void recentDocs.push(p),
      on: (event: string, l: Listener) => void appEvents.set(event, [...(appEvents.get(event) ?? []), l]),
    },
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: (c: string, l: (event: unknown, ...args: unknown[]) => unknown) => void ipcHandlers.set(c, l),
      removeHandler() {},
    },
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showErrorBox: (title: string, body: string) => void errors.push(`${title}: ${body}`),
    },
    Menu: {
      buildFromTemplate: (t: MenuItemOptions[]) => t,
      setApplicationMenu: (m: unknown) => void menus.push(m as MenuItemOptions[]),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived() {} },
        setPermissionRequestHandler() {},
        setPermissionCheckHandler() {},
      },
    },
    shell: { openExternal: async () => {} },
    utilityProcess: { fork: () => assert.fail('no capture in this test') },
  } as unknown as ElectronMain;

  const emit = (event: string, ...args: unknown[]) => {
    let prevented = false;
    for (const l of appEvents.get(event) ?? []) l({ preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  };
  return {
    electron,
    windows,
    menus,
    recentDocs,
    errors,
    emit,
    resolveReady,
    quits: () => quits,
    appEvents,
    ipcHandlers,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'wirestep-app-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const a = join(dir, 'a.pcap');
const b = join(dir, 'b.pcapng');
writeFileSync(a, new Uint8Array(24));
writeFileSync(b, new Uint8Array(28));
const recordings = join(dir, 'recordings');
mkdirSync(recordings);
writeFileSync(join(recordings, 'http10-short.pcap'), new Uint8Array(40));

function config(argv: string[]): AppConfig {
  return {
    location: { indexUrl: pathToFileURL('/app/renderer/dist/index.html').href },
    indexFile: '/app/renderer/dist/index.html',
    preloadPath: '/app/out/electron/preload.cjs',
    argv,
    cwd: dir,
    platform: 'linux',
    files: nodeFileAccess,
    recentStore: { load: () => null, save() {} },
    launchAgent: () => assert.fail('no capture in this test'),
    newCaptureFile: () => join(dir, 'c.pcapng'),
    listInterfaces: async () => [],
    demo: { run: async () => assert.fail('no demo') },
    recordingsDir: recordings,
  };
}

test('a second instance quits at once and opens no window', async () => {
  const f = fakeElectron({ lock: false });
  assert.equal(await runApp(f.electron, config(['exe', 'a.pcap'])), null);
  assert.equal(f.quits(), 1);
  assert.equal(f.windows.length, 0);
});

test('argv files and a macOS open-file before ready are opened once the window has loaded', async () => {
  const f = fakeElectron();
  const running = runApp(f.electron, config(['exe', 'a.pcap', 'readme.txt']));
  // open-file arrives before `ready` (macOS launch by double-click); a non-capture file is ignored.
  assert.equal(f.emit('open-file', b), true, 'open-file must be preventDefault()ed');
  f.emit('open-file', join(dir, 'notes.txt'));
  f.resolveReady();
  const app = (await running)!;
  const win = f.windows[0]!;
  await waitFor(() => openedCount(win.webContents.sent) >= 2);
  assert.deepEqual(win.loaded, ['/app/renderer/dist/index.html']);
  assert.equal(win.shown, true);
  assert.equal(win.options.webPreferences!.sandbox, true);
  const opened = win.webContents.sent
    .filter((s) => s.channel === 'file:opened')
    .map((s) => s.args[0] as { name: string; source: string });
  assert.deepEqual(
    opened.map((o) => [o.name, o.source]),
    [
      ['a.pcap', 'argv'],
      ['b.pcapng', 'os'],
    ],
  );
  assert.deepEqual(f.recentDocs, [a, b]);
  // The menu was rebuilt with the recent files.
  const file = f.menus.at(-1)!.find((m) => m.label === 'File')!;
  const recent = file.submenu!.find((i) => i.id === 'file.open-recent')!;
  assert.deepEqual(
    recent.submenu!.filter((i) => i.id?.startsWith('recent:')).map((i) => i.label),
    ['b.pcapng', 'a.pcap'],
  );
  assert.ok(app.window());
});

test('a second launch hands its files to the first instance and focuses it', async () => {
  const f = fakeElectron();
  const p = runApp(f.electron, config(['exe']));
  f.resolveReady();
  await p;
  f.emit('second-instance', ['exe', '--some-switch', 'b.pcapng', 'x.txt'], dir);
  const win = f.windows[0]!;
  await waitFor(() => openedCount(win.webContents.sent) >= 1);
  assert.equal(win.focused, 1);
  const opened = win.webContents.sent.filter((s) => s.channel === 'file:opened');
  assert.deepEqual(
    opened.map((s) => (s.args[0] as { name: string }).name),
    ['b.pcapng'],
  );
});

test('a file that cannot be opened shows an error box instead of crashing', async () => {
  const f = fakeElectron();
  const p = runApp(f.electron, config(['exe', 'missing.pcap']));
  f.resolveReady();
  await p;
  await waitFor(() => f.errors.length > 0);
  assert.equal(f.errors.length, 1);
  assert.match(f.errors[0]!, /missing\.pcap/);
});

test('menu commands go to the window; guards are attached to every new web contents', async () => {
  const f = fakeElectron();
  const p = runApp(f.electron, { ...config(['exe']), location: LOCATION });
  f.resolveReady();
  await p;
  const capture = f.menus.at(-1)!.find((m) => m.label === 'Capture')!;
  capture.submenu!.find((i) => i.id === 'capture.filter')!.click!();
  assert.deepEqual(f.windows[0]!.webContents.sent.at(-1), {
    channel: 'menu:command',
    args: ['capture.filter'],
  });
  const contents = new FakeWebContents();
  f.emit('web-contents-created', contents);
  assert.equal(contents.fire('will-navigate', 'https://evil.example/'), true);
  assert.deepEqual(contents.openHandler!({ url: 'https://example.com' }), { action: 'deny' });
});

test("the app's demo:open-recording grants the recording from its recordings folder, not as a recent file", async () => {
  const f = fakeElectron();
  const p = runApp(f.electron, { ...config(['exe']), location: LOCATION });
  f.resolveReady();
  const app = (await p)!;
  const handler = f.ipcHandlers.get('demo:open-recording')!;
  assert.ok(handler, 'registered');
  const file = (await handler(invokeEvent(LOCATION.indexUrl), { scenario: 'http10-short' })) as OpenedFile;
  assert.deepEqual(
    { name: file.name, size: file.size, source: file.source },
    { name: 'http10-short.pcap', size: 40, source: 'recording' },
  );
  assert.equal(app.deps.grants.get(file.fileId)?.path, join(recordings, 'http10-short.pcap'));
  assert.deepEqual(f.recentDocs, [], 'no OS recent document');
  assert.deepEqual(app.deps.recent.entries(), []);
  // Sender checked here too.
  await assert.rejects(
    Promise.resolve().then(() => handler(invokeEvent('https://evil.example/'), { scenario: 'http10-short' })),
    /ipc\.sender\.forbidden/,
  );
});
