/// <reference lib="dom" />
// Live capture and the demo lab in Chromium through web mode: the real web server (token, Host and
// Origin guard) with its host API, the real capture agent on loopback (as root), and — for the
// missing permission — the same agent run as user `nobody`, which really lacks CAP_NET_RAW.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureBuilt, launchBrowser, root, screenshotDir, serveDist, waitForCapture } from './harness.ts';
import { childAgentLauncher } from '../../server/agent-launcher.ts';
import { CaptureController } from '../../electron/main/capture-controller.ts';
import { createDemoRunner } from '../../electron/main/demo.ts';
import type { IpcMainInvokeEvent, WebContents } from '../../electron/main/electron-api.ts';
import { nodeFileAccess } from '../../electron/main/file-access.ts';
import { FileGrants } from '../../electron/main/file-grants.ts';
import { createHandlers, registerIpcHandlers } from '../../electron/main/ipc-handlers.ts';
import { recordingFile, recordingsDir } from '../../electron/main/recordings.ts';
import { RecentFiles } from '../../electron/main/recent-files.ts';
import { startWebServer, type WebServer } from '../../server/web-server.ts';
import { DEMO_SCENARIO_NAMES as LAB_NAMES } from '../../lab/demo-scenarios.ts';
import { DEMO_SCENARIO_NAMES as UI_NAMES } from '../../renderer/src/views/capture/demo-scenarios.ts';
import { liveSkip as skip } from '../server/live-support.ts';
import { PcapngWriter } from '../../core/capture-file/pcapng-writer.ts';
import { PcapngExtent } from '../../renderer/src/views/capture/pcapng-extent.ts';
import { initialState, reducer, type AppState } from '../../renderer/src/state/app-state.ts';
import type { CaptureModel } from '../../renderer/src/model.ts';

const servers: WebServer[] = [];
let browser: Browser;
before(async () => {
  ensureBuilt();
  browser = await launchBrowser();
  mkdirSync(screenshotDir, { recursive: true });
});
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

async function openPage(web: WebServer): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(web.url);
  await waitForCapture(page, 'wirestep-sample.pcap');
  return { page, errors };
}

/** No stack trace in what the user sees. */
function assertNoStack(text: string): void {
  assert.doesNotMatch(text, /\n\s*at [\w.<]+ \(|\.ts:\d+:\d+|Error: .*\n/);
}

/** A pcapng file as the agent writes it: SHB, IDB, then EPBs; and where each block ends. */
function growingFile(): { bytes: Uint8Array; ends: number[] } {
  const w = new PcapngWriter();
  const blocks = [w.header({ application: 'test' }), w.addInterface({ linkType: 1 }).bytes];
  for (let i = 0; i < 40; i++) {
    blocks.push(
      w.packet({ interfaceId: 0, tsSec: i, tsNsec: 0, data: new Uint8Array(20 + ((i * 37) % 1500)) }),
    );
  }
  const ends: number[] = [];
  let at = 0;
  for (const b of blocks) ends.push((at += b.length));
  return { bytes: new Uint8Array(Buffer.concat(blocks)), ends };
}

test('PcapngExtent: the live file is read up to its last complete block, whatever was written', async () => {
  const { bytes, ends } = growingFile();
  for (let cut = 0; cut <= bytes.length; cut += 7) {
    const ext = new PcapngExtent(async (o, n) => {
      const b = bytes.subarray(o, Math.min(cut, o + n));
      return { bytes: b, eof: o + b.length >= cut };
    });
    const expected = ends.filter((e) => e <= cut).at(-1) ?? 0;
    assert.equal(await ext.advance(), expected, `cut at ${cut}`);
  }
});

test('PcapngExtent: incremental as the file grows, reading only the new bytes; blocks over 1 MiB too', async () => {
  const { bytes, ends } = growingFile();
  let size = 0;
  const reads: number[] = [];
  const ext = new PcapngExtent(async (o, n) => {
    reads.push(o);
    const b = bytes.subarray(o, Math.min(size, o + n));
    return { bytes: b, eof: o + b.length >= size };
  });
  for (const grow of [30, ends[3]! + 5, ends[10]!, bytes.length]) {
    size = grow;
    const expected = ends.filter((e) => e <= size).at(-1) ?? 0;
    const before = ext.size;
    const first = reads.length;
    assert.equal(await ext.advance(), expected);
    assert.equal(reads[first], before, 'reading resumes at the last complete block');
  }
  // A 2 MiB block (longer than one read) is still found whole.
  const big = new Uint8Array(2 * 1024 * 1024);
  const dv = new DataView(big.buffer);
  dv.setUint32(0, 0x0a0d0d0a, true);
  dv.setUint32(4, 28, true);
  dv.setUint32(8, 0x1a2b3c4d, true);
  dv.setUint32(24, 28, true);
  dv.setUint32(28, 0x00000bad, true);
  dv.setUint32(32, big.length - 28, true);
  dv.setUint32(big.length - 4, big.length - 28, true);
  const whole = new PcapngExtent(async (o, n) => ({
    bytes: big.subarray(o, o + n),
    eof: o + n >= big.length,
  }));
  assert.equal(await whole.advance(), big.length);
});

function model(packets: number, connections: number): CaptureModel {
  return {
    name: 'capture.pcapng',
    packets: Array.from({ length: packets }, (_, i) => ({ frame: i + 1, connection: 0 })),
    connections: Array.from({ length: connections }, (_, id) => ({ id })),
  } as unknown as CaptureModel;
}

test('reducer: a live re-read keeps the model, selection and view until the new model is in', () => {
  let s: AppState = reducer(initialState(), { type: 'done', model: model(10, 2) });
  s = reducer(s, { type: 'select-connection', connection: 1, frame: 7 });
  const shown = s.model;
  s = reducer(s, { type: 'load-start', name: 'capture.pcapng', total: 999, keep: true });
  assert.equal(s.refreshing, true);
  assert.equal(s.loading, null, 'no progress bar over a live view');
  assert.equal(s.model, shown);
  s = reducer(s, { type: 'partial', model: model(3, 1) });
  assert.equal(s.model, shown, 'a partial re-read does not blank the view');
  s = reducer(s, { type: 'done', model: model(20, 3) });
  assert.equal(s.refreshing, false);
  assert.equal(s.model!.packets.length, 20);
  assert.equal(s.selectedFrame, 7);
  assert.deepEqual(s.selectedConnections, [1]);
  // A failed re-read ends the refresh (the next one may start); dismissing an error does not.
  s = reducer(s, { type: 'load-start', name: 'capture.pcapng', total: 999, keep: true });
  s = reducer(s, { type: 'error', error: null });
  assert.equal(s.refreshing, true);
  s = reducer(s, { type: 'error', error: { message: 'x' } });
  assert.equal(s.refreshing, false);
  // A live view that started empty selects the first packet once there is one.
  let e: AppState = reducer(initialState(), { type: 'done', model: model(0, 0) });
  assert.equal(e.selectedFrame, null);
  e = reducer(e, { type: 'load-start', name: 'capture.pcapng', total: 999, keep: true });
  e = reducer(e, { type: 'done', model: model(4, 1) });
  assert.equal(e.selectedFrame, 1);
  assert.deepEqual(e.selectedConnections, [0]);
  // Without a model to keep, `keep` is an ordinary load.
  const fresh = reducer(initialState(), { type: 'load-start', name: 'c', total: 1, keep: true });
  assert.ok(fresh.loading);
  assert.ok(!fresh.refreshing);
});

test('the UI lists exactly the demo scenarios of lab/demo-scenarios.ts', () => {
  assert.deepEqual([...UI_NAMES].sort(), [...LAB_NAMES].sort());
});

test('demo scenario: one click, the overview fills while live, then steppable', { skip }, async () => {
  const dist = ensureBuilt();
  // A lead-in and a linger long enough for a re-read on either side of the traffic, and pauses
  // between the three connections longer than the live view's re-read interval even on a loaded
  // machine (max(500 ms, 2 × the last read)), so each step of the filling is on screen.
  const web = await startWebServer({
    root: dist,
    api: { demo: { leadInMs: 1200, lingerMs: 2500, pauseMs: 1500 } },
  });
  servers.push(web);
  const { page, errors } = await openPage(web);
  await page.getByTestId('capture-bar').waitFor();
  // Loopback is the default interface.
  assert.equal(await page.getByTestId('capture-interface').inputValue(), 'lo');

  await page.getByTestId('demo-http10-short').click();
  await page.getByTestId('live-indicator').waitFor({ timeout: 10_000 });
  type Sample = { live: boolean; lanes: number; name: string };
  const samples: Sample[] = [];
  let shot = false;
  // Sample the page until the capture stops by itself (bounded: the scenario takes ~7 s).
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const s = await page.evaluate(() => ({
      live: !!document.querySelector('[data-testid="live-indicator"]'),
      lanes: document.querySelectorAll('[data-testid="overview-lane"]').length,
      name: document.querySelector('[data-testid="capture-name"]')?.textContent ?? '',
    }));
    samples.push(s);
    if (s.live && /^capture-/.test(s.name) && s.lanes >= 3 && !shot) {
      await page.screenshot({ path: join(screenshotDir, 'live-capture-demo.png') });
      shot = true;
    }
    if (!s.live && samples.some((x) => x.live)) break;
    await page.waitForTimeout(50);
  }
  const liveOnCapture = samples.filter((s) => s.live && /^capture-.*\.pcapng$/.test(s.name));
  const trace = () =>
    JSON.stringify(samples.map((s) => `${s.live ? 'L' : '-'}${s.lanes}`).filter((x, i, a) => x !== a[i - 1]));
  assert.ok(liveOnCapture.length > 0, 'the live capture file was shown while capturing');
  const first = liveOnCapture[0]!.lanes;
  const most = Math.max(...liveOnCapture.map((s) => s.lanes));
  assert.equal(first, 0, `the live view started empty: ${trace()}`);
  // It fills visibly: a lane count between none and all three is on screen, live, before all three are.
  const firstFull = liveOnCapture.findIndex((s) => s.lanes >= 3);
  const partial = liveOnCapture.findIndex((s) => s.lanes > 0 && s.lanes < 3);
  assert.ok(
    partial >= 0 && (firstFull < 0 || partial < firstFull),
    `1 or 2 lanes shown while live: ${trace()}`,
  );
  // Whether the last connection shows up before or only after the stop depends on how fast a
  // re-read is on this machine (the throttle is 2 × the last read); the final re-read below has all.
  assert.ok(most >= 1, `the overview grew while live: ${trace()}`);
  assert.ok(!samples.at(-1)!.live, 'the capture stopped by itself after the scenario');

  // The final re-read (after stop) has everything: 3 connections, each a handshake + exchange + close.
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="overview-lane"]').length === 3,
    undefined,
    { timeout: 10_000 },
  );
  const received = Number(await page.getByTestId('capture-counters').getAttribute('data-received'));
  assert.ok(received >= 3 * 8, `received counter: ${received}`);
  assert.match((await page.getByTestId('capture-counters').textContent()) ?? '', /received/);
  await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'));
  const rows = await page.locator('[data-testid="packet-row"]').count();
  assert.ok(rows >= 24, `packet rows: ${rows}`);

  // Step through it: Steps tab, N and P move frame by frame.
  await page.getByTestId('tab-steps').click();
  await page.locator('body').click({ position: { x: 5, y: 890 } });
  await page.keyboard.press('Home');
  const position = () => page.getByTestId('step-position').textContent();
  await page.waitForFunction(() =>
    /frame 1\b/.test(document.querySelector('[data-testid="step-position"]')?.textContent ?? ''),
  );
  await page.keyboard.press('n');
  await page.waitForFunction(() =>
    /frame 2\b/.test(document.querySelector('[data-testid="step-position"]')?.textContent ?? ''),
  );
  await page.keyboard.press('n');
  await page.keyboard.press('p');
  await page.waitForFunction(() =>
    /frame 2\b/.test(document.querySelector('[data-testid="step-position"]')?.textContent ?? ''),
  );
  assert.match((await position()) ?? '', /frame 2\b/);
  await page.screenshot({ path: join(screenshotDir, 'live-capture-steps.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("a bad BPF filter shows libpcap's own message, no stack trace", { skip }, async () => {
  const dist = ensureBuilt();
  const web = await startWebServer({ root: dist });
  servers.push(web);
  const { page, errors } = await openPage(web);
  await page.getByTestId('capture-filter').fill('tcp port');
  await page.getByTestId('capture-start').click();
  const problem = page.getByTestId('capture-problem');
  await problem.waitFor({ timeout: 10_000 });
  assert.equal(await problem.getAttribute('data-problem'), 'capture.filter.invalid');
  assert.match(
    (await page.getByTestId('capture-problem-headline').textContent()) ?? '',
    /filter is not valid/,
  );
  assert.equal(
    await page.getByTestId('capture-problem-message').textContent(),
    "can't parse filter expression: syntax error",
  );
  assertNoStack((await problem.textContent()) ?? '');
  // Nothing is running: Start is offered again, the sample is still shown.
  await page.getByTestId('capture-start').waitFor();
  assert.equal(await page.getByTestId('capture-name').textContent(), 'wirestep-sample.pcap');
  await page.screenshot({ path: join(screenshotDir, 'live-capture-bad-filter.png') });

  // A valid filter: Ctrl+E starts a plain capture (a live, empty file), Ctrl+E stops it.
  await page.getByTestId('capture-filter').fill('tcp port 9');
  await page.keyboard.press('Control+e');
  await page.getByTestId('live-indicator').waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('capture-problem').count(), 0, 'the old problem is gone');
  await page.waitForFunction(() =>
    /^capture-.*\.pcapng$/.test(document.querySelector('[data-testid="capture-name"]')?.textContent ?? ''),
  );
  await page.keyboard.press('Control+e');
  await page.getByTestId('capture-start').waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('live-indicator').count(), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('without capture rights: how to grant them, and the demo plays its recording', { skip }, async () => {
  const dist = ensureBuilt();
  // The real agent, run as nobody: opening the packet socket fails with EPERM.
  const web = await startWebServer({ root: dist, api: { agent: { uid: 65534, gid: 65534 } } });
  servers.push(web);
  const { page, errors } = await openPage(web);
  await page.getByTestId('capture-start').click();
  const problem = page.getByTestId('capture-problem');
  await problem.waitFor({ timeout: 15_000 });
  // Twice in many runs on a loaded machine the agent failed another way before reaching the
  // device (capture.failed; cause not found). Say what it was, then try once more: the check is
  // about the permission message, which the second start must give.
  if ((await problem.getAttribute('data-problem')) === 'capture.failed') {
    console.error(`first start as nobody: ${await problem.textContent()}`);
    await page.getByTestId('capture-start').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="capture-problem"]')?.getAttribute('data-problem') !==
        'capture.failed',
      undefined,
      { timeout: 15_000 },
    );
  }
  assert.equal(await problem.getAttribute('data-problem'), 'capture.permission');
  assert.match((await page.getByTestId('capture-problem-headline').textContent()) ?? '', /may not capture/);
  const howTo = (await page.getByTestId('capture-howto').textContent()) ?? '';
  assert.match(howTo, /setcap cap_net_raw,cap_net_admin=eip/);
  assertNoStack((await problem.textContent()) ?? '');
  assert.ok(await page.getByTestId('capture-fallback-open').isVisible());
  assert.ok(await page.getByTestId('capture-fallback-recording').isVisible());
  await page.screenshot({ path: join(screenshotDir, 'live-capture-permission.png') });

  // The demo lab without rights: the same scenario, recorded, and said so.
  await page.getByTestId('demo-websocket-chat').click();
  await page.getByTestId('recording-note').waitFor({ timeout: 15_000 });
  await waitForCapture(page, 'websocket-chat.pcap');
  assert.match((await page.getByTestId('recording-note').textContent()) ?? '', /Recording, not live/);
  assert.equal(await page.getByTestId('live-indicator').count(), 0);
  assert.equal(await page.locator('[data-testid="overview-lane"]').count(), 1);
  await page.screenshot({ path: join(screenshotDir, 'live-capture-recording.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});

// ---- The desktop host: the real preload (bundled as Electron loads it) in the page, the real main
// handlers (sender check, argument checks, grants, demo runner, capture controller) in this process,
// joined by a binding in place of Electron's IPC. Only the transport is a stand-in.

/** electron/preload/index.ts bundled the way build/bundle-electron.mjs bundles it (CommonJS, one file). */
async function preloadBundle(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [join(root, 'electron/preload/index.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'browser',
    target: 'chrome140',
    external: ['electron'],
    logLevel: 'warning',
  });
  return out.outputFiles[0]!.text;
}

/** Runs in the page before the app: Electron's preload environment, IPC through the binding. */
function preloadEnvironment(): string {
  return `(() => {
    const listeners = new Map();
    const decode = (v) => {
      if (v && typeof v === 'object') {
        if (typeof v.__b64 === 'string') {
          const bin = atob(v.__b64);
          const out = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
          return out;
        }
        for (const k of Object.keys(v)) v[k] = decode(v[k]);
      }
      return v;
    };
    window.__desktopEmit = (channel, payload) => {
      for (const l of listeners.get(channel) ?? []) l({ senderId: 0 }, decode(payload));
    };
    const ipcRenderer = {
      invoke: async (channel, ...args) => decode(await window.__desktopInvoke(channel, args)),
      on(channel, l) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel).add(l);
        return this;
      },
      removeListener(channel, l) {
        listeners.get(channel)?.delete(l);
        return this;
      },
    };
    const contextBridge = { exposeInMainWorld: (key, api) => { window[key] = Object.freeze(api); } };
    const require = (id) => {
      if (id !== 'electron') throw new Error('a sandboxed preload cannot require ' + id);
      return { contextBridge, ipcRenderer };
    };
    const module = { exports: {} };
    const exports = module.exports;
    void exports;
    void require;
    /*PRELOAD*/
  })();`;
}

/** Structured-clone stand-in for the binding (JSON): bytes as base64. */
function encode(v: unknown): unknown {
  if (v instanceof Uint8Array) return { __b64: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}

test(
  'desktop without capture rights: the demo plays its bundled recording through the preload',
  { skip },
  async () => {
    const { url, server } = await serveDist(ensureBuilt());
    const location = { indexUrl: 'file:///nowhere/index.html', devOrigin: new URL(url).origin };
    const capDir = mkdtempSync(join(tmpdir(), 'wirestep-desktop-e2e-'));
    const grants = new FileGrants();
    const grantedSources: string[] = [];
    const grant = grants.grant.bind(grants);
    grants.grant = (path, size, source) => (grantedSources.push(source), grant(path, size, source));
    // The real agent run as nobody: a real missing CAP_NET_RAW.
    const capture = new CaptureController({
      launch: childAgentLauncher({ uid: 65534, gid: 65534 }),
      grants,
      newCaptureFile: () => join(capDir, 'capture-1.pcapng'),
    });
    const recordingsAsked: string[] = [];
    const handlers = createHandlers({
      grants,
      recent: new RecentFiles({ load: () => null, save() {} }),
      files: nodeFileAccess,
      dialogs: { chooseCapture: async () => null, chooseSavePath: async () => null },
      capture,
      listInterfaces: async () => [{ name: 'lo', loopback: true }],
      demo: createDemoRunner(capture),
      recordingPath: (s) => {
        recordingsAsked.push(s);
        return recordingFile(recordingsDir({ isPackaged: false, appPath: root }), s);
      },
    });
    const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    registerIpcHandlers(
      { handle: (c, l) => void registered.set(c, l), removeHandler: (c) => void registered.delete(c) },
      handlers,
      location,
    );

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    try {
      await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const sender = {
        id: 1,
        getURL: () => page.url(),
        send: (channel: string, payload: unknown) =>
          void page
            .evaluate(
              ({ c, p }) =>
                (window as unknown as { __desktopEmit(c: string, p: unknown): void }).__desktopEmit(c, p),
              { c: channel, p: encode(payload) },
            )
            .catch(() => {}),
        isDestroyed: () => page.isClosed(),
        on() {},
        setWindowOpenHandler() {},
      } as unknown as WebContents;
      await page.exposeBinding('__desktopInvoke', async (source, channel: string, args: unknown[]) => {
        const frame = source.frame;
        const event: IpcMainInvokeEvent = {
          sender,
          senderFrame: { url: frame.url(), parent: frame.parentFrame() },
        };
        const handler = registered.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        try {
          return encode(await handler(event, ...args));
        } catch (e) {
          // What Electron's invoke rejects with in the page.
          throw new Error(`Error invoking remote method '${channel}': ${String(e)}`, { cause: e });
        }
      });
      await context.addInitScript({
        content: preloadEnvironment().replace('/*PRELOAD*/', await preloadBundle()),
      });
      await page.goto(url);

      // The capture bar is there because the preload offers capture; clicking a demo fails for lack of rights…
      await page.getByTestId('capture-bar').waitFor({ timeout: 15_000 });
      const hasOpenRecording = await page.evaluate(
        () => typeof (window as unknown as { wirestep: { openRecording?: unknown } }).wirestep.openRecording,
      );
      assert.equal(hasOpenRecording, 'function');
      await page.getByTestId('demo-websocket-chat').click();
      // …and the same scenario, recorded, is played and said to be a recording.
      await page.getByTestId('recording-note').waitFor({ timeout: 20_000 });
      await waitForCapture(page, 'websocket-chat.pcap');
      assert.match((await page.getByTestId('recording-note').textContent()) ?? '', /Recording, not live/);
      const problem = page.getByTestId('capture-problem');
      assert.equal(await problem.getAttribute('data-problem'), 'capture.permission');
      assertNoStack((await problem.textContent()) ?? '');
      assert.ok(await page.getByTestId('capture-fallback-recording').isVisible());
      assert.equal(await page.getByTestId('live-indicator').count(), 0);
      assert.equal(await page.locator('[data-testid="overview-lane"]').count(), 1);
      // Main looked the scenario up and granted its file as a recording; the page named no path.
      assert.deepEqual(recordingsAsked, ['websocket-chat']);
      assert.ok(grantedSources.includes('recording'), grantedSources.join());
      await page.screenshot({ path: join(screenshotDir, 'live-capture-desktop-recording.png') });

      // A plain capture without rights: the problem's button offers the default recording, and plays it.
      await page.getByTestId('capture-start').click();
      await page.waitForFunction(
        () =>
          !document.querySelector('[data-testid="recording-note"]') &&
          document.querySelector('[data-testid="capture-problem"]')?.getAttribute('data-problem') ===
            'capture.permission',
        undefined,
        { timeout: 20_000 },
      );
      await page.getByTestId('capture-fallback-recording').click();
      await page.getByTestId('recording-note').waitFor({ timeout: 20_000 });
      await waitForCapture(page, 'http11-keepalive.pcap');
      assert.deepEqual(recordingsAsked, ['websocket-chat', 'http11-keepalive']);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await capture.stopAll().catch(() => {});
      await new Promise<void>((ok) => server.close(() => ok()));
      rmSync(capDir, { recursive: true, force: true });
    }
  },
);
