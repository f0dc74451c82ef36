/// <reference lib="dom" />
// e2e harness for the renderer: builds renderer/dist once when it is missing or older than its
// sources, serves it from a tiny static server on 127.0.0.1 (ephemeral port), launches Debian's
// chromium through playwright-core, and writes screenshots to test-output/screenshots/.
//   const app = await openApp();  …  await app.close();

import { createServer, type Server } from 'node:http';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  rmdirSync,
  statSync,
} from 'node:fs';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { CONTENT_TYPES, buildRenderer, rendererStale } from '../../scripts/renderer-dist.mjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'renderer/dist');
export const screenshotDir = join(root, 'test-output/screenshots');

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const snapshots = join(root, 'test-output/renderer-dist');

/**
 * Builds the renderer if stale and returns a snapshot of renderer/dist to serve. Several spec
 * files run at once and sources may change mid-run (a rebuild empties dist/): each spec serves
 * its own immutable copy, and a lock directory serialises building and copying.
 */
export function ensureBuilt(): string {
  const lock = join(root, 'test-output/.renderer-build.lock');
  mkdirSync(join(root, 'test-output'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another spec is building; a lock older than 2 minutes is left over from a crash.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmdirSync(lock);
      if (Date.now() - started > 120_000) throw new Error('timed out waiting for the renderer build lock');
      sleep(200);
    }
  }
  try {
    if (rendererStale(root) && !buildRenderer(root)) throw new Error('the renderer build failed');
    const stamp = String(Math.floor(statSync(join(dist, 'index.html')).mtimeMs));
    const snap = join(snapshots, stamp);
    if (!existsSync(snap)) {
      cpSync(dist, snap, { recursive: true });
      // Keep the newest few (older ones may still be served by a spec that started earlier).
      const old = readdirSync(snapshots).sort().slice(0, -4);
      for (const d of old) rmSync(join(snapshots, d), { recursive: true, force: true });
    }
    return snap;
  } finally {
    rmdirSync(lock);
  }
}

/** Serves a built renderer directory on 127.0.0.1; resolves with the base URL. */
export function serveDist(dir: string = dist): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () =>
      ok({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }),
    );
  });
}

export interface App {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  url: string;
  /** Console errors and page errors seen so far (a test can assert there were none). */
  errors: string[];
  reload(query?: string): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Builds (if needed), serves and opens the app; waits for the first capture (the sample) unless `query` has nosample. */
export async function openApp(
  options: { query?: string; locale?: string; colorScheme?: 'light' | 'dark' } = {},
): Promise<App> {
  const { url, server } = await serveDist(ensureBuilt());
  const browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1400, height: 860 },
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
  });
  // tsx compiles the tests with esbuild's keepNames, which wraps named functions inside
  // page.evaluate callbacks in a `__name(...)` helper the page does not have.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const app: App = {
    browser,
    context,
    page,
    url,
    errors,
    async reload(query = options.query ?? '') {
      await page.goto(url + (query ? `?${query}` : ''));
      if (!query.includes('nosample')) await waitForCapture(page);
    },
    async screenshot(name) {
      mkdirSync(screenshotDir, { recursive: true });
      const file = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
  await app.reload();
  return app;
}

/** Waits until a capture is fully loaded (status bar has a packet count and no loading bar). */
export async function waitForCapture(page: Page, name?: string): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const label = document.querySelector('[data-testid="capture-name"]')?.textContent ?? '';
      return (
        !document.querySelector('[data-testid="loading"]') &&
        document.querySelectorAll('[data-testid="packet-row"]').length > 0 &&
        (n === null || label === n)
      );
    },
    name ?? null,
    { timeout: 15_000 },
  );
}

/** The frame number of the selected packet row, or null. */
export async function selectedFrame(page: Page): Promise<number | null> {
  const v = await page
    .locator('[data-testid="packet-row"][aria-selected="true"]')
    .getAttribute('data-frame', { timeout: 2000 })
    .catch(() => null);
  return v === null ? null : Number(v);
}
