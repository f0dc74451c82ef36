/// <reference lib="dom" />
// e2e: the Compare tab (Chromium). Acceptance of issue 5 item 6: for the bundled sample and the
// polling-vs-websocket recording (20 polling requests vs one WebSocket carrying 20 messages), the
// per-category handshake counts and header-byte totals the view shows equal what the built
// `wirestep analyze --json` reports, summed by the `category` each connection has in that JSON.
// Polling costs 20 handshakes, the WebSocket 1. It reads in Chinese. Screenshot compare.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, root, waitForCapture, type App } from './harness.ts';
import { COMPARE_CATEGORIES, type CompareCategory } from '../../core/timeline/compare.ts';

const SAMPLE = join(root, 'samples/wirestep-sample.pcap');
const POLLING = join(root, 'samples/recordings/polling-vs-websocket.pcap');
const CLI = join(root, 'dist/cli.mjs');

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path))
    if (e !== 'node_modules' && e !== 'dist') m = Math.max(m, newest(join(path, e)));
  return m;
}

/**
 * `npm run build` when dist/cli.mjs is missing or older than core/ and cli/. It also builds the
 * renderer, so it runs under the e2e harness's build lock (test/renderer/harness.ts).
 */
function ensureCliBuilt(): void {
  const stale = () =>
    !existsSync(CLI) ||
    statSync(CLI).mtimeMs < Math.max(newest(join(root, 'core')), newest(join(root, 'cli')));
  if (!stale()) return;
  const lock = join(root, 'test-output/.renderer-build.lock');
  mkdirSync(join(root, 'test-output'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 180_000) throw new Error('timed out waiting for the renderer build lock');
      execFileSync('sleep', ['0.2']);
    }
  }
  try {
    if (stale())
      execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  } finally {
    rmdirSync(lock);
  }
}

interface CliConnection {
  id: number;
  category: CompareCategory;
  metrics: { handshakes: number; tcpIpHeaderBytes: number; httpHeaderBytes: number; wsHeaderBytes: number };
}
type Sums = Record<CompareCategory, { handshakes: number; header: number; count: number }>;

/** What the built CLI reports, summed per the category it gives each connection. */
function expectedFromCli(file: string): Sums {
  const out = execFileSync(process.execPath, [join(root, 'bin/wirestep.mjs'), 'analyze', file, '--json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const doc = JSON.parse(out) as { schema: string; connections: CliConnection[] };
  assert.equal(doc.schema, 'wirestep.analysis/1');
  const sums = Object.fromEntries(
    COMPARE_CATEGORIES.map((c) => [c, { handshakes: 0, header: 0, count: 0 }]),
  ) as Sums;
  for (const c of doc.connections) {
    const s = sums[c.category];
    assert.ok(s, `category ${c.category}`);
    s.handshakes += c.metrics.handshakes;
    s.header += c.metrics.tcpIpHeaderBytes + c.metrics.httpHeaderBytes + c.metrics.wsHeaderBytes;
    s.count++;
  }
  return sums;
}

function number(text: string | null): number {
  const m = /[\d,]+/.exec(text ?? '');
  assert.ok(m, `no number in ${JSON.stringify(text)}`);
  return Number(m[0].replace(/,/g, ''));
}

/** The Compare view's numbers per category, read from the page. */
async function shown(app: App): Promise<Sums> {
  const page = app.page;
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('compare-view').waitFor();
  const out = {} as Sums;
  for (const cat of COMPARE_CATEGORIES) {
    out[cat] = {
      handshakes: number(await page.getByTestId(`compare-value-handshakes-${cat}`).textContent()),
      header: number(await page.getByTestId(`compare-value-bytes-${cat}`).textContent()),
      count: await page.getByTestId(`compare-group-${cat}`).getByTestId('compare-connection').count(),
    };
  }
  return out;
}

let app: App;
before(async () => {
  ensureCliBuilt();
  app = await openApp();
});
after(async () => {
  await app?.close();
});

test('Compare tab on the sample: handshakes and header bytes equal the built `wirestep analyze --json`', async () => {
  const expected = expectedFromCli(SAMPLE);
  assert.ok(
    expected['http10-short'].count > 0 &&
      expected['http11-keepalive'].count > 0 &&
      expected.websocket.count > 0,
  );
  assert.deepEqual(await shown(app), expected);
  const page = app.page;
  // Bars scale with the values: the short connections drew more handshakes than the WebSocket.
  const width = (cat: CompareCategory) =>
    page
      .getByTestId('compare-chart-handshakes')
      .locator('g.compare-bar rect')
      .nth(COMPARE_CATEGORIES.indexOf(cat))
      .getAttribute('width')
      .then(Number);
  assert.ok((await width('http10-short')) > (await width('websocket')));
  // A listed connection selects its first packet.
  await page.getByTestId('compare-group-websocket').getByRole('button').first().click();
  await page.locator('[data-testid="packet-row"][aria-selected="true"]').waitFor();
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('compare-view').waitFor();
  await page.getByTestId('compare-view').evaluate((el) => el.scrollTo(0, 0));
  await app.screenshot('compare-light');
  assert.deepEqual(app.errors, []);
});

test('polling vs WebSocket recording: 20 handshakes for polling, 1 for the WebSocket, as the CLI says', async () => {
  const expected = expectedFromCli(POLLING);
  assert.equal(expected.polling.count, 20);
  assert.equal(expected.polling.handshakes, 20);
  assert.equal(expected.websocket.handshakes, 1);
  const page = app.page;
  await page.getByTestId('file-input').setInputFiles(POLLING);
  await waitForCapture(page, 'polling-vs-websocket.pcap');
  const view = await shown(app);
  assert.deepEqual(view, expected);
  assert.equal(await page.getByTestId('compare-value-handshakes-polling').textContent(), '20');
  assert.equal(await page.getByTestId('compare-value-handshakes-websocket').textContent(), '1');
  assert.ok(view.polling.header > 3 * view.websocket.header, 'polling pays far more header bytes');
  assert.match(
    (await page.getByTestId('compare-group-polling').locator('h4').textContent()) ?? '',
    /Polling — 20 connections, 20 messages/,
  );
  assert.match((await page.getByTestId('compare-polling-rule').textContent()) ?? '', /at least 3 times/);
  // For the README: the charts and their legend whole (a wide, tall viewport; the view alone).
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 2000, height: 1400 });
  await page.getByTestId('compare-view').evaluate((el) => el.scrollTo(0, 0));
  await page.waitForTimeout(300); // the charts re-measure their width
  const box = (await page.getByTestId('compare-view').boundingBox())!;
  const legend = (await page.locator('.compare-legend').boundingBox())!;
  await page.screenshot({
    path: join(root, 'test-output/screenshots/compare.png'),
    clip: { x: box.x, y: box.y, width: box.width, height: legend.y + legend.height + 12 - box.y },
  });
  await page.setViewportSize(size);
  assert.deepEqual(app.errors, []);
});

test('Compare tab in Chinese', async () => {
  const zh = await openApp({ locale: 'zh-CN' });
  try {
    const page = zh.page;
    await page.getByTestId('tab-compare').click();
    assert.equal((await page.getByTestId('tab-compare').textContent())?.trim(), '对比');
    await page.getByTestId('compare-view').waitFor();
    const caption = await page.getByTestId('compare-chart-handshakes').locator('figcaption').textContent();
    assert.equal(caption, 'TCP 握手次数');
    const bytes = await page.getByTestId('compare-value-bytes-http10-short').textContent();
    assert.match(bytes ?? '', /^头部 [\d,]+ B \+ 载荷 [\d,]+ B$/);
    assert.match(
      (await page.getByTestId('compare-group-polling').locator('h4').textContent()) ?? '',
      /^轮询/,
    );
    await zh.screenshot('compare-zh');
    assert.deepEqual(zh.errors, []);
  } finally {
    await zh.close();
  }
});
