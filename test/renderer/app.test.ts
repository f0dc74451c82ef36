/// <reference lib="dom" />
// End-to-end: the built renderer in Debian's chromium. Opens the bundled sample by default, opens
// captures by file input and by drag-and-drop, moves the selection with N/P, filters the list,
// switches to Chinese, and screenshots each view (light, dark, zh) to test-output/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../core/analyze.ts';
import { openApp, root, waitForCapture, selectedFrame, type App } from './harness.ts';

const SAMPLE = join(root, 'samples/wirestep-sample.pcap');
const HTTP10 = join(root, 'test/fixtures/captures/http10-short.pcap');
const WS_CLOSE = join(root, 'test/fixtures/captures/websocket-close.pcap');

function facts(path: string) {
  const bytes = readFileSync(path);
  const r = analyzeBytes(new Uint8Array(bytes), { rows: true });
  return {
    connections: r.connections.length,
    packets: r.capture.packets,
    apps: r.connections.map((c) => c.dissection.application),
  };
}

let app: App;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

const rows = () => app.page.locator('[data-testid="packet-row"]');

test('the bundled sample opens by default with one overview lane per connection', async () => {
  const f = facts(SAMPLE);
  const page = app.page;
  assert.equal(await page.getByTestId('capture-name').textContent(), 'wirestep-sample.pcap');
  const lanes = page.getByTestId('overview-lane');
  assert.equal(await lanes.count(), f.connections);
  // Lanes are coloured by protocol: the sample has HTTP and WebSocket connections.
  assert.ok((await page.locator('[data-testid="overview-lane"].app-http').count()) > 0);
  assert.equal(
    await page.locator('[data-testid="overview-lane"].app-websocket').count(),
    f.apps.filter((a) => a === 'websocket').length,
  );
  assert.match((await page.getByTestId('statusbar').textContent()) ?? '', new RegExp(`${f.packets} packets`));
  // The WebSocket lane lasts longer than a short HTTP/1.0 lane.
  const widths = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="overview-lane"]')).map((g) => ({
      app: g.getAttribute('class'),
      w: Number(g.querySelector('.lane-bar')!.getAttribute('width')),
    })),
  );
  const ws = Math.max(...widths.filter((x) => x.app!.includes('websocket')).map((x) => x.w));
  const http = Math.min(...widths.filter((x) => x.app!.includes('http')).map((x) => x.w));
  assert.ok(ws > http, `websocket lane ${ws}px should be longer than the shortest http lane ${http}px`);
  await app.screenshot('overview-light');
  assert.deepEqual(app.errors, []);
});

test('clicking an overview lane selects the connection and its first frame', async () => {
  const page = app.page;
  const lane = page.getByTestId('overview-lane').nth(1);
  await lane.click();
  assert.equal(await lane.getAttribute('aria-selected'), 'true');
  const first = await page.evaluate(() =>
    document.querySelector('[data-testid="packet-row"][aria-selected="true"]')?.getAttribute('data-frame'),
  );
  assert.ok(first && Number(first) > 1);
});

test('Ctrl+click adds a connection to the selection', async () => {
  const page = app.page;
  const lanes = page.getByTestId('overview-lane');
  await lanes.nth(0).click();
  await lanes.nth(2).click({ modifiers: ['Control'] });
  assert.equal(await lanes.nth(0).getAttribute('aria-selected'), 'true');
  assert.equal(await lanes.nth(2).getAttribute('aria-selected'), 'true');
  assert.equal(await lanes.nth(1).getAttribute('aria-selected'), 'false');
  await app.screenshot('overview-multi-select');
  await lanes.nth(1).click();
  assert.equal(await lanes.nth(0).getAttribute('aria-selected'), 'false');
});

test('the splitter between the list and the views moves by drag and by keyboard', async () => {
  const page = app.page;
  const sep = page.getByRole('separator');
  const listWidth = () => page.locator('.packets-pane').evaluate((el) => el.getBoundingClientRect().width);
  const w0 = await listWidth();
  await sep.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await sep.getAttribute('aria-valuenow'), '51');
  const box = (await sep.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + 100, { steps: 4 });
  await page.mouse.up();
  const w1 = await listWidth();
  assert.ok(w1 > w0 + 100, `list ${w0} → ${w1}px`);
  await sep.focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowLeft');
  assert.equal(await sep.getAttribute('aria-valuenow'), '20');
  // back to the middle for the screenshots that follow
  for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
});

test('brushing the time axis zooms the overview; reset restores it', async () => {
  const page = app.page;
  const widthOf = () =>
    page.getByTestId('overview-lane').nth(4).locator('.lane-bar').getAttribute('width').then(Number);
  const before = await widthOf();
  const box = (await page.getByTestId('overview-brush').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const reset = page.getByRole('button', { name: 'Reset zoom' });
  await reset.waitFor();
  const zoomed = await widthOf();
  assert.ok(zoomed > before * 2, `zoomed lane ${zoomed}px vs ${before}px`);
  await app.screenshot('overview-zoomed');
  await reset.click();
  assert.equal(await widthOf(), before);
});

test('Ctrl+O opens the file chooser', async () => {
  const page = app.page;
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser', { timeout: 5000 }),
    page.keyboard.press('Control+o'),
  ]);
  assert.ok(chooser);
});

test('N/P and the arrows move the selection within the list', async () => {
  const page = app.page;
  await rows().first().click();
  assert.equal(await selectedFrame(page), 1);
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  assert.equal(await selectedFrame(page), 3);
  await page.keyboard.press('p');
  assert.equal(await selectedFrame(page), 2);
  await page.keyboard.press('ArrowDown');
  assert.equal(await selectedFrame(page), 3);
  await page.keyboard.press('ArrowUp');
  assert.equal(await selectedFrame(page), 2);
});

test('the filter narrows the list, N moves within it, and a bad expression is rejected with a message', async () => {
  const page = app.page;
  const total = await page.getByTestId('filter-count').textContent();
  await page.keyboard.press('/');
  const input = page.getByRole('textbox', { name: 'Display filter' });
  assert.equal(await input.evaluate((el) => el === document.activeElement), true);
  await input.fill('http');
  await input.press('Enter');
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('[data-testid="packet-row"] .c-proto')).every(
      (e) => e.textContent === 'HTTP',
    ),
  );
  const protos = await page.locator('[data-testid="packet-row"] .c-proto').allTextContents();
  assert.ok(protos.length > 0 && protos.length < 40, `${protos.length} http rows`);
  const frames = (
    await rows().evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-frame'))))
  ).sort((a, b) => a - b);
  // N moves to the next *shown* packet.
  await rows().first().click();
  await page.keyboard.press('n');
  assert.equal(await selectedFrame(page), frames[1]);

  const shown = await page.getByTestId('filter-count').textContent();
  await input.fill('tcp.prot == 80');
  await input.press('Enter');
  const err = page.getByTestId('filter-error');
  assert.equal(await err.textContent(), "unknown field 'tcp.prot' at column 1");
  assert.equal(
    await page.getByTestId('filter-count').textContent(),
    shown,
    'a bad filter leaves the list as it was',
  );
  await app.screenshot('packets-filter-error');

  await input.fill('tcp.port == 1 or (tcp.flags.syn and !tcp.flags.ack)');
  await input.press('Enter');
  assert.equal(await err.count(), 0);
  const syns = await rows().evaluateAll((els) => els.map((e) => e.querySelector('.c-info')!.textContent));
  assert.ok(syns.length > 0 && syns.every((s) => s!.includes('[SYN]')), syns.join('\n'));

  await page.getByRole('button', { name: 'Clear' }).click();
  assert.equal(await page.getByTestId('filter-count').textContent(), total);
});

test('a capture opens by file input', async () => {
  const f = facts(HTTP10);
  const page = app.page;
  await page.getByTestId('file-input').setInputFiles(HTTP10);
  await waitForCapture(page, 'http10-short.pcap');
  assert.equal(await rows().count(), f.packets);
  assert.equal(await page.getByTestId('overview-lane').count(), f.connections);
  assert.match((await rows().nth(0).locator('.c-info').textContent()) ?? '', /\[SYN\] Seq=0/);
  const infos = await rows().locator('.c-info').allTextContents();
  assert.ok(
    infos.some((s) => s.startsWith('GET /')),
    infos.join('\n'),
  );
  await app.screenshot('file-input-http10');
});

test('a capture opens by drag-and-drop', async () => {
  const f = facts(WS_CLOSE);
  const page = app.page;
  const bytes = Array.from(readFileSync(WS_CLOSE));
  await page.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'websocket-close.pcap'));
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await waitForCapture(page, 'websocket-close.pcap');
  assert.equal(await rows().count(), f.packets);
  assert.equal(await page.locator('[data-testid="overview-lane"].app-websocket').count(), 1);
  const protos = await rows().locator('.c-proto').allTextContents();
  assert.ok(protos.includes('WebSocket'));
});

test('each view in light and dark, and the UI in 中文', async () => {
  const page = app.page;
  await page.getByRole('button', { name: 'Sample' }).click();
  await waitForCapture(page, 'wirestep-sample.pcap');
  // Pick the WebSocket connection so every tab has something to show.
  await page.locator('[data-testid="overview-lane"].app-websocket').first().click();
  for (const tab of ['ladder', 'websocket', 'http', 'detail']) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.waitForTimeout(150);
    await app.screenshot(`view-${tab}-light`);
  }
  await page.getByTestId('tab-ladder').click();
  await page.getByTestId('theme-toggle').click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.waitForTimeout(100);
  await app.screenshot('view-ladder-dark');
  await page.getByTestId('tab-detail').click();
  await app.screenshot('view-detail-dark');
  await page.getByTestId('theme-toggle').click();

  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('columnheader', { name: '序号' }).waitFor();
  assert.equal(await page.getByTestId('tab-ladder').textContent(), '时序图');
  assert.ok(await page.getByRole('textbox', { name: '显示过滤器' }).isVisible());
  assert.match((await page.getByTestId('statusbar').textContent()) ?? '', /个数据包/);
  await page.getByTestId('tab-ladder').click();
  await app.screenshot('view-ladder-zh');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('columnheader', { name: 'No.' }).waitFor();
  assert.deepEqual(app.errors, []);
});

test('a broken capture shows the engine error with its byte offset, never a stack', async () => {
  const page = app.page;
  // http10-short.pcap with its last record cut in half: the reader stops there.
  const whole = readFileSync(HTTP10);
  const cut = whole.subarray(0, whole.length - 20);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'cut.pcap', mimeType: 'application/octet-stream', buffer: Buffer.from(cut) });
  const banner = page.getByTestId('error-banner');
  await banner.waitFor();
  const text = (await banner.textContent()) ?? '';
  assert.match(text, /pcap\.record\.truncated/);
  assert.match(text, /byte offset \d+/);
  assert.doesNotMatch(text, /\bat \w+ \(|\.ts:\d+/);
  // The packets before the cut are still listed.
  await waitForCapture(page, 'cut.pcap');
  assert.equal(await rows().count(), facts(HTTP10).packets - 1);
  await app.screenshot('error-banner');
  await page.getByRole('button', { name: 'Dismiss' }).click();
});
