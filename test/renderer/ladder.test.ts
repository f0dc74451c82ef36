/// <reference lib="dom" />
// e2e: the ladder view in the built renderer (Chromium). The http10-short capture draws SYN,
// SYN-ACK, ACK, GET, 200, FIN in order between two IP:port lanes on loopback; clicking an arrow
// selects its packet; phases collapse; a 100k-packet capture pans within the frame budget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, root, waitForCapture, selectedFrame, type App } from './harness.ts';
import { keepAlivePcap } from './synthetic-capture.ts';

const HTTP10 = join(root, 'test/fixtures/captures/http10-short.pcap');

let app: App;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

async function openLadder(file: string, name: string, lane = 0) {
  const page = app.page;
  await page.getByTestId('file-input').setInputFiles(file);
  await waitForCapture(page, name);
  await page.getByTestId('overview-lane').nth(lane).click();
  await page.getByTestId('tab-ladder').click();
  await page.getByTestId('ladder-svg').locator('g.row').first().waitFor();
}

interface DrawnRow {
  frame: number;
  y: number;
  tcp: string;
  app: string;
  x1: number;
  x2: number;
}

function drawnRows(): Promise<DrawnRow[]> {
  return app.page.evaluate(() =>
    Array.from(document.querySelectorAll<SVGGElement>('[data-testid="ladder-svg"] g.row')).map((g) => {
      const line = g.querySelector('line.arrow')!;
      return {
        frame: Number(g.getAttribute('data-frame')),
        y: Number(line.getAttribute('y1')),
        tcp: g.querySelector('text.tcp')!.textContent ?? '',
        app: g.querySelector('text.app')!.textContent ?? '',
        x1: Number(line.getAttribute('x1')),
        x2: Number(line.getAttribute('x2')),
      };
    }),
  );
}

test('http10-short: IP:port lanes and SYN, SYN-ACK, ACK, GET, 200, FIN in order', async () => {
  await openLadder(HTTP10, 'http10-short.pcap');
  const page = app.page;
  const lanes = await page
    .locator('[data-testid="ladder-svg"] g.lane-head')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
  assert.deepEqual(lanes, ['127.0.0.1:36890', '127.0.0.1:40843']);
  const rows = (await drawnRows()).sort((a, b) => a.y - b.y);
  assert.deepEqual(
    rows.map((r) => r.frame),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  const find = (pred: (r: DrawnRow) => boolean) => rows.findIndex(pred);
  const order = [
    find((r) => r.tcp.startsWith('SYN seq=0')),
    find((r) => r.tcp.startsWith('SYN, ACK')),
    find((r) => r.tcp.startsWith('ACK seq=1 ack=1')),
    find((r) => r.app === 'GET /index.html'),
    find((r) => r.app.startsWith('200 OK')),
    find((r) => r.tcp.startsWith('FIN')),
  ];
  assert.ok(
    order.every((i) => i >= 0),
    JSON.stringify(rows, null, 1),
  );
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
    `out of order: ${order}`,
  );
  // Client → server arrows go right, server → client left.
  assert.ok(rows[0]!.x2 > rows[0]!.x1);
  assert.ok(rows[1]!.x2 < rows[1]!.x1);
  // Phases are drawn as bands.
  const phases = await page
    .locator('[data-testid="ladder-svg"] g.band')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-phase')));
  assert.deepEqual(phases, ['tcp-handshake', 'http-exchange', 'tcp-teardown']);
  // The idle gap between the ACK of the request and the response is squeezed and labelled.
  const gaps = await page.locator('[data-testid="ladder-svg"] g.gap text').allTextContents();
  assert.ok(
    gaps.some((g) => /6\.582 ms idle/.test(g)),
    gaps.join(' | '),
  );
  await app.screenshot('ladder-http10-short');
  assert.deepEqual(app.errors, []);
});

test('clicking an arrow selects its packet; the selection is highlighted', async () => {
  const page = app.page;
  await page.locator('[data-testid="ladder-svg"] g.row[data-frame="4"] line.hit').click();
  assert.equal(await selectedFrame(page), 4);
  assert.equal(
    await page.locator('[data-testid="ladder-svg"] g.row.selected').getAttribute('data-frame'),
    '4',
  );
  // Selecting elsewhere (packet list) moves the highlight.
  await page.locator('[data-testid="packet-row"][data-frame="6"]').click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="ladder-svg"] g.row.selected')?.getAttribute('data-frame') === '6',
  );
});

test('a phase band collapses to one line and expands again', async () => {
  const page = app.page;
  const title = page.locator('[data-testid="ladder-svg"] g.band[data-phase="http-exchange"] text.title');
  assert.equal(await title.getAttribute('aria-expanded'), 'true');
  await title.click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="ladder-svg"] g.row').length === 5,
  );
  const text = await title.textContent();
  assert.match(text ?? '', /5 packets hidden/);
  assert.equal(await title.getAttribute('aria-expanded'), 'false');
  await app.screenshot('ladder-http10-collapsed');
  await title.click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="ladder-svg"] g.row').length === 10,
  );
  // Selecting a packet hidden in a collapsed phase (from the packet list) opens that phase.
  await title.click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="ladder-svg"] g.row').length === 5,
  );
  await page.locator('[data-testid="packet-row"][data-frame="5"]').click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="ladder-svg"] g.row.selected')?.getAttribute('data-frame') === '5',
  );
  assert.equal(await page.locator('[data-testid="ladder-svg"] g.row').count(), 10);
});

test('the ladder SVG is self-contained: its <style> travels with it', async () => {
  const page = app.page;
  const css = await page.evaluate(
    () => document.querySelector('[data-testid="ladder-svg"] > style')?.textContent ?? '',
  );
  assert.match(css, /\.wl \.arrow/);
  assert.match(css, /var\(--fg, #/); // fallbacks, no app stylesheet needed
});

test('sample: the ladder of the WebSocket connection labels its frames', async () => {
  // (Several connections in one ladder: the app selects one at a time for now, so the shared
  // lanes are covered by the layout unit test.)
  const page = app.page;
  await page.getByRole('button', { name: 'Sample' }).click();
  await waitForCapture(page, 'wirestep-sample.pcap');
  await page.getByTestId('overview-lane').nth(4).click();
  await page.getByTestId('tab-ladder').click();
  await page.getByTestId('ladder-svg').locator('g.row').first().waitFor();
  const apps = await page.locator('[data-testid="ladder-svg"] g.row text.app').allTextContents();
  assert.ok(
    apps.some((a) => a.startsWith('WS ')),
    apps.join(' | '),
  );
  await app.screenshot('ladder-sample-websocket');
});

test('100k packets: only the rows in view are in the DOM and a pan/zoom frame stays within 20 ms', async () => {
  const dir = join(root, 'test-output/r2');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'synthetic-100k.pcap');
  writeFileSync(file, keepAlivePcap(50_000));
  const page = app.page;
  await page.getByTestId('file-input').setInputFiles(file);
  await page.waitForFunction(
    () =>
      !document.querySelector('[data-testid="loading"]') &&
      document.querySelector('[data-testid="capture-name"]')?.textContent === 'synthetic-100k.pcap',
    null,
    { timeout: 60_000 },
  );
  await page.getByTestId('overview-lane').nth(0).click();
  await page.getByTestId('tab-ladder').click();
  await page.getByTestId('ladder-svg').locator('g.row').first().waitFor({ timeout: 30_000 });

  const result = await page.evaluate(async () => {
    const svg = document.querySelector<SVGSVGElement>('[data-testid="ladder-svg"]')!;
    const box = svg.getBoundingClientRect();
    const times: number[] = [];
    const counts: number[] = [];
    const step = (init: WheelEventInit) => {
      const t0 = performance.now();
      svg.dispatchEvent(
        new WheelEvent('wheel', {
          bubbles: true,
          cancelable: true,
          clientX: box.left + 300,
          clientY: box.top + 200,
          ...init,
        }),
      );
      // Force style and layout so their cost is counted, not just the script.
      void svg.querySelector('g.row')?.getBoundingClientRect();
      times.push(performance.now() - t0);
      counts.push(svg.querySelectorAll('g.row').length);
    };
    for (let i = 0; i < 150; i++) step({ deltaY: 173 });
    for (let i = 0; i < 50; i++) step({ deltaY: 400 });
    step({ deltaY: 2_000_000 }); // a jump deep into the capture: every row in view is new
    const frames = Array.from(svg.querySelectorAll('g.row')).map((g) => Number(g.getAttribute('data-frame')));
    // Ctrl+wheel zooms (d3-zoom: factor 2^(-deltaY × 0.02) per event): in, then far out, then pan
    // while zoomed out (bare arrows, more rows in view).
    for (let i = 0; i < 20; i++) step({ deltaY: -10, ctrlKey: true });
    for (let i = 0; i < 80; i++) step({ deltaY: 10, ctrlKey: true });
    for (let i = 0; i < 50; i++) step({ deltaY: 300 });
    const sorted = [...times].sort((a, b) => a - b);
    return {
      median: sorted[sorted.length >> 1]!,
      p95: sorted[Math.floor(sorted.length * 0.95)]!,
      max: sorted[sorted.length - 1]!,
      maxRows: Math.max(...counts),
      lastFrame: Math.max(0, ...frames),
      denseArrows: Array.from(svg.querySelectorAll('g.dense path')).reduce(
        (n, p) => n + (p.getAttribute('d')?.match(/M/g)?.length ?? 0),
        0,
      ),
    };
  });
  console.log(
    `ladder 100k packets: pan/zoom frame median ${result.median.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms, max ${result.max.toFixed(2)} ms; ` +
      `at most ${result.maxRows} row elements in the DOM, ${result.denseArrows} bare arrows when zoomed out`,
  );
  await app.screenshot('ladder-100k');
  assert.ok(result.maxRows < 400, `virtualised: ${result.maxRows} rows in the DOM`);
  assert.ok(
    result.denseArrows > 20 && result.denseArrows < 5000,
    `zoomed out: ${result.denseArrows} bare arrows`,
  );
  assert.ok(result.lastFrame > 10_000, `panned deep into the capture (frame ${result.lastFrame})`);
  assert.ok(result.p95 <= 20, `p95 frame time ${result.p95.toFixed(2)} ms > 20 ms`);
  assert.deepEqual(app.errors, []);
});

test('many connections: client ports merge into one lane per host, and the toolbar splits them again', async () => {
  const page = app.page;
  await page
    .getByTestId('file-input')
    .setInputFiles(join(root, 'samples/recordings/polling-vs-websocket.pcap'));
  await waitForCapture(page, 'polling-vs-websocket.pcap');
  const lanes = page.getByTestId('overview-lane');
  await lanes.nth(0).click();
  for (let i = 1; i < 8; i++) await lanes.nth(i).click({ modifiers: ['Control'] });
  await page.getByTestId('tab-ladder').click();
  const heads = page.locator('[data-testid="ladder-svg"] g.lane-head');
  await page.getByTestId('ladder-svg').locator('g.row').first().waitFor();
  // Eight polling connections: 9 endpoint lanes, above the merge threshold → 2 lanes.
  const merge = page.getByTestId('ladder-merge-clients');
  assert.equal(await merge.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await heads.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-lane'))), [
    '127.0.0.1:*',
    await heads.nth(1).getAttribute('data-lane'),
  ]);
  assert.match((await heads.nth(0).locator('text.role').textContent()) ?? '', /clients \(8 ports\)/);
  const rows = await drawnRows();
  assert.ok(rows.length > 0);
  // Every arrow drawn (rows in view) runs between the two lanes.
  const xs = new Set(rows.flatMap((r) => [Math.round(r.x1), Math.round(r.x2)]));
  assert.ok(xs.size <= 4, `arrows end on two lanes (got x = ${[...xs].join(', ')})`);
  await app.screenshot('ladder-merged-clients');
  await merge.click();
  assert.equal(await merge.getAttribute('aria-pressed'), 'false');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="ladder-svg"] g.lane-head').length === 9,
  );
});
