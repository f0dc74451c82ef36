/// <reference lib="dom" />
// End-to-end: the built renderer with a fake desktop host (`window.wirestep`, as the Electron
// preload exposes it) injected before the page loads. The fake serves websocket-close.pcap only
// through readChunk, so a capture that shows up got there through the chunk source. Checks Open
// (button, Ctrl+O, menu), a file announced at start-up (command line) instead of the sample, menu
// commands, frame reads for the detail view, and exports written through exportFile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, BrowserContext } from 'playwright-core';
import { analyzeBytes } from '../../core/analyze.ts';
import { openApp, root, waitForCapture, type App } from './harness.ts';

const WS_CLOSE = join(root, 'test/fixtures/captures/websocket-close.pcap');
const NAME = 'websocket-close.pcap';
const bytes = readFileSync(WS_CLOSE);
const PACKETS = analyzeBytes(new Uint8Array(bytes), { rows: true }).capture.packets;

interface FakeOptions {
  b64: string;
  name: string;
  /** Announce the file through onFileOpened as soon as the page subscribes (command line). */
  announce: boolean;
  /** Largest chunk the fake returns per readChunk (forces short reads the source must resume). */
  maxChunk: number;
}

interface FakeLog {
  openFile: number;
  readChunk: Array<[string, number, number]>;
  saveCapture: Array<[string, string | undefined]>;
  exports: Array<{ kind: string; name: string; text: string | null; bytes: number[] | null }>;
  unknownFileIds: string[];
}

/** Runs in the page before the app's scripts: the fake host. */
function installFake(o: FakeOptions): void {
  const bin = atob(o.b64);
  const data = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
  const log: FakeLog = { openFile: 0, readChunk: [], saveCapture: [], exports: [], unknownFileIds: [] };
  const menuListeners = new Set<(c: string) => void>();
  const file = (fileId: string, source: string) => ({ fileId, name: o.name, size: data.length, source });
  const granted = new Set(['dialog-1', 'argv-1']);
  (window as unknown as { __fakeHost: unknown }).__fakeHost = {
    log,
    menu: (c: string) => menuListeners.forEach((l) => l(c)),
  };
  (window as unknown as { wirestep: unknown }).wirestep = {
    openFile: async () => {
      log.openFile++;
      return file('dialog-1', 'dialog');
    },
    readChunk: async (fileId: string, offset: number, length: number) => {
      log.readChunk.push([fileId, offset, length]);
      if (!granted.has(fileId)) {
        log.unknownFileIds.push(fileId);
        throw new Error('ipc.file.unknown');
      }
      const b = data.slice(offset, offset + Math.min(length, o.maxChunk));
      return { bytes: b, eof: offset + b.length >= data.length };
    },
    listRecent: async () => [],
    openRecent: async () => null,
    saveCapture: async (fileId: string, suggestedName?: string) => {
      log.saveCapture.push([fileId, suggestedName]);
      return { saved: true, name: suggestedName };
    },
    exportFile: async (r: { kind: string; suggestedName: string; data: string | Uint8Array }) => {
      log.exports.push({
        kind: r.kind,
        name: r.suggestedName,
        text: typeof r.data === 'string' ? r.data : null,
        bytes: typeof r.data === 'string' ? null : Array.from(r.data),
      });
      return { saved: true, name: r.suggestedName };
    },
    onFileOpened: (l: (f: unknown) => void) => {
      if (o.announce) l(file('argv-1', 'argv'));
      return () => {};
    },
    onMenuCommand: (l: (c: string) => void) => {
      menuListeners.add(l);
      return () => void menuListeners.delete(l);
    },
  };
}

let app: App;
const contexts: BrowserContext[] = [];

before(async () => {
  // Only for its build, server and browser: each test opens its own page with its own fake.
  app = await openApp({ query: 'nosample' });
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await app?.close();
});

async function desktopPage(opts: Partial<FakeOptions> = {}, query = ''): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1400, height: 860 }, locale: 'en-US' });
  contexts.push(context);
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const o: FakeOptions = {
    b64: bytes.toString('base64'),
    name: NAME,
    announce: false,
    maxChunk: 1 << 30,
    ...opts,
  };
  await context.addInitScript(installFake, o);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(app.url + (query ? `?${query}` : ''));
  return page;
}

const fakeLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { __fakeHost: { log: FakeLog } }).__fakeHost.log);
const menu = (page: Page, command: string) =>
  page.evaluate(
    (c) => (window as unknown as { __fakeHost: { menu(c: string): void } }).__fakeHost.menu(c),
    command,
  );
const rows = (page: Page) => page.locator('[data-testid="packet-row"]');

test('Open goes through the host: the capture is read with readChunk and shows every packet', async () => {
  assert.equal(PACKETS, 24);
  const page = await desktopPage();
  await waitForCapture(page, 'wirestep-sample.pcap');
  const before = await fakeLog(page);
  assert.equal(before.openFile, 0);
  assert.equal(before.readChunk.length, 0, 'the sample is a browser File, not a host file');

  await page.getByTestId('open-button').click();
  await waitForCapture(page, NAME);
  assert.equal(await rows(page).count(), 24);
  assert.match((await page.getByTestId('statusbar').textContent()) ?? '', /\b24\b/);
  const log = await fakeLog(page);
  assert.equal(log.openFile, 1);
  assert.ok(log.readChunk.length > 0);
  assert.ok(log.readChunk.every(([id]) => id === 'dialog-1'));
  assert.equal(log.readChunk[0]![1], 0, 'reading starts at the file start');
  assert.ok(
    log.readChunk.every(([, , len]) => len <= 8 * 1024 * 1024),
    'no read above the host limit',
  );
  assert.equal(await page.locator('[data-testid="overview-lane"].app-websocket').count(), 1);

  // Selecting a packet re-reads its bytes from the host for the detail view.
  const reads = log.readChunk.length;
  await rows(page).nth(5).click();
  await page.getByTestId('tab-detail').click();
  await page.waitForFunction(
    (n) => (window as unknown as { __fakeHost: { log: FakeLog } }).__fakeHost.log.readChunk.length > n,
    reads,
  );
  assert.deepEqual((page as Page & { errors?: string[] }).errors, []);

  // Ctrl+O asks the host too.
  await page
    .locator('body')
    .click({ position: { x: 5, y: 5 } })
    .catch(() => {});
  await page.keyboard.press('Control+o');
  await page.waitForFunction(
    () => (window as unknown as { __fakeHost: { log: FakeLog } }).__fakeHost.log.openFile === 2,
  );
  await waitForCapture(page, NAME);
});

test('short chunks from the host are resumed until the file is read', async () => {
  const page = await desktopPage({ maxChunk: 1000 }, 'nosample');
  await page.getByTestId('open-button').click();
  await waitForCapture(page, NAME);
  assert.equal(await rows(page).count(), 24);
  const log = await fakeLog(page);
  assert.ok(log.readChunk.length >= Math.ceil(bytes.length / 1000));
  assert.deepEqual(log.unknownFileIds, []);
});

test('a file the host announces at start-up opens instead of the sample', async () => {
  const page = await desktopPage({ announce: true });
  await waitForCapture(page, NAME);
  assert.equal(await rows(page).count(), 24);
  // The sample must not replace it once its fetch completes.
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('capture-name').textContent(), NAME);
  const log = await fakeLog(page);
  assert.equal(log.openFile, 0);
  assert.ok(log.readChunk.length > 0 && log.readChunk.every(([id]) => id === 'argv-1'));
});

test('menu commands: open, save-as, export, views and language', async () => {
  const page = await desktopPage({}, 'nosample');
  await menu(page, 'file.open');
  await waitForCapture(page, NAME);
  assert.equal((await fakeLog(page)).openFile, 1);

  await menu(page, 'file.save-as');
  await page.waitForFunction(
    () => (window as unknown as { __fakeHost: { log: FakeLog } }).__fakeHost.log.saveCapture.length === 1,
  );
  assert.deepEqual((await fakeLog(page)).saveCapture, [['dialog-1', NAME]]);

  await menu(page, 'view.http');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="tab-http"]')?.getAttribute('aria-selected') === 'true',
  );
  await menu(page, 'view.ladder');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="tab-ladder"]')?.getAttribute('aria-selected') === 'true',
  );

  await menu(page, 'file.export');
  await page.getByTestId('export-menu').waitFor();

  await menu(page, 'view.language');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await menu(page, 'view.language');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  // A command the renderer does not know is ignored.
  await menu(page, 'capture.start');
  assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
});

test('exports are written through the host exportFile (text and bytes)', async () => {
  const page = await desktopPage({}, 'nosample');
  await page.getByTestId('open-button').click();
  await waitForCapture(page, NAME);

  await page.getByTestId('export-button').click();
  await page.getByTestId('export-json').click();
  await page.waitForFunction(
    () => (window as unknown as { __fakeHost: { log: FakeLog } }).__fakeHost.log.exports.length === 1,
  );
  const json = (await fakeLog(page)).exports[0]!;
  assert.equal(json.kind, 'json');
  assert.match(json.name, /^websocket-close.*\.json$/);
  assert.ok(json.text !== null);
  assert.equal(typeof JSON.parse(json.text!), 'object');

  // pcapng: frame bytes come from the host file through readChunk, the result goes back as bytes.
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-pcapng').click();
  await page.waitForFunction(
    () => (window as unknown as { __fakeHost: { log: FakeLog } }).__fakeHost.log.exports.length === 2,
  );
  const pcapng = (await fakeLog(page)).exports[1]!;
  assert.equal(pcapng.kind, 'pcapng');
  assert.match(pcapng.name, /\.pcapng$/);
  assert.ok(pcapng.bytes !== null);
  assert.deepEqual(pcapng.bytes!.slice(0, 4), [0x0a, 0x0d, 0x0d, 0x0a], 'section header block');
  const back = analyzeBytes(new Uint8Array(pcapng.bytes!), { rows: true });
  assert.equal(back.capture.packets, 24);
});
