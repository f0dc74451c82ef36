/// <reference lib="dom" />
// e2e: the WebSocket view in the built renderer (Chromium) on websocket-close: every message with
// its direction, the type filter (control frames too), the text filter, a message shown whole with
// the frames and TCP segments that carried it, and a click on a segment selecting that packet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openApp, root, waitForCapture, selectedFrame, type App } from './harness.ts';

const WS_CLOSE = join(root, 'test/fixtures/captures/websocket-close.pcap');
const WS_DEFLATE = join(root, 'test/fixtures/captures/websocket-deflate.pcap');

let app: App;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

const msgRows = () => app.page.locator('[data-testid="ws-list"] [role="row"]');

async function openWs(file: string, name: string) {
  const page = app.page;
  await page.getByTestId('file-input').setInputFiles(file);
  await waitForCapture(page, name);
  await page.locator('[data-testid="overview-lane"].app-websocket').first().click();
  await page.getByTestId('tab-websocket').click();
  await msgRows().first().waitFor();
}

test('websocket-close: the messages with the right directions, types and data', async () => {
  await openWs(WS_CLOSE, 'websocket-close.pcap');
  const rows = await msgRows().evaluateAll((els) =>
    els.map(
      (e) =>
        `${e.querySelector('[role="gridcell"]')!.textContent} ${e.getAttribute('data-type')} ${e.querySelectorAll('[role="gridcell"]')[4]!.textContent}`,
    ),
  );
  assert.deepEqual(rows, [
    '↑ text hello',
    '↓ text echo: hello',
    '↑ text how are you?',
    '↓ text echo: how are you?',
    '↑ ping are you there',
    '↑ text push',
    '↓ pong are you there',
    '↓ text server push 1',
    '↓ text server push 2',
    '↓ text server push 3',
    '↑ close 1000 bye',
    '↓ close 1000 bye',
  ]);
  assert.equal(await app.page.getByTestId('ws-count').textContent(), '12 of 12 messages');
  await app.screenshot('websocket-close-list');
  assert.deepEqual(app.errors, []);
});

test('type filter keeps control frames apart; text filter searches the payloads', async () => {
  const page = app.page;
  await page.getByRole('radio', { name: 'Control' }).click();
  assert.deepEqual(await msgRows().evaluateAll((els) => els.map((e) => e.getAttribute('data-type'))), [
    'ping',
    'pong',
    'close',
    'close',
  ]);
  await page.getByRole('radio', { name: 'Text' }).click();
  assert.equal(await msgRows().count(), 8);
  await page.getByRole('searchbox', { name: 'Filter by text' }).fill('server push');
  assert.equal(await msgRows().count(), 3);
  assert.deepEqual(await msgRows().evaluateAll((els) => els.map((e) => e.getAttribute('data-dir'))), [
    'down',
    'down',
    'down',
  ]);
  await page.getByRole('searchbox', { name: 'Filter by text' }).fill('');
  await page.getByRole('radio', { name: 'All' }).click();
  assert.equal(await msgRows().count(), 12);
});

test('a selected message is shown whole with its WebSocket frames and TCP segments; a segment selects its packet', async () => {
  const page = app.page;
  await msgRows().nth(1).click();
  const detail = page.getByTestId('ws-detail');
  assert.equal(await detail.getByTestId('ws-text').textContent(), 'echo: hello');
  assert.equal(await detail.getByTestId('ws-frames').locator('tbody tr').count(), 1);
  assert.match(
    (await detail.getByTestId('ws-frames').locator('tbody tr td').nth(1).textContent()) ?? '',
    /text/,
  );
  const segs = await detail.getByTestId('ws-segments').locator('button').allTextContents();
  assert.deepEqual(segs, ['#9']);
  await detail.getByTestId('ws-segments').locator('button').first().click();
  assert.equal(await selectedFrame(page), 9);
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="ws-list"] [role="row"].current')?.getAttribute('data-message') ===
      '1',
  );
  // The client's close: code and reason, and hex on demand.
  await msgRows().nth(10).click();
  assert.match((await detail.getByTestId('ws-close-code').textContent()) ?? '', /1000/);
  assert.equal(await detail.getByTestId('ws-text').textContent(), 'bye');
  await detail.getByRole('checkbox', { name: 'Hex' }).check();
  assert.match((await detail.getByTestId('ws-hex').textContent()) ?? '', /^00000000 {2}03 e8 62 79 65/);
  await app.screenshot('websocket-close-detail');
  assert.deepEqual(app.errors, []);
});

test('a packet chosen in the list opens its message in the WebSocket view', async () => {
  const page = app.page;
  await openWs(WS_CLOSE, 'websocket-close.pcap');
  // Frame 9 carries "echo: hello" (see the test above): choose it from the packet list instead.
  await page.locator('[data-testid="packet-row"][data-frame="9"]').click();
  assert.equal(await selectedFrame(page), 9);
  await page.getByTestId('tab-websocket').click();
  const detail = page.getByTestId('ws-detail');
  await detail.getByTestId('ws-text').waitFor();
  assert.equal(await detail.getByTestId('ws-text').textContent(), 'echo: hello');
  assert.equal(
    await page
      .locator('[data-testid="ws-list"] [role="row"][aria-selected="true"]')
      .getAttribute('data-message'),
    '1',
  );
});

test('websocket-deflate: compressed messages are decoded and marked', async () => {
  await openWs(WS_DEFLATE, 'websocket-deflate.pcap');
  const page = app.page;
  assert.ok((await msgRows().count()) > 0);
  await msgRows().first().click();
  const detail = page.getByTestId('ws-detail');
  assert.match((await detail.textContent()) ?? '', /compressed \(permessage-deflate\)/);
  await app.screenshot('websocket-deflate-detail');
});

test('中文: the WebSocket view speaks Chinese', async () => {
  const page = app.page;
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('radio', { name: '控制帧' }).waitFor();
  assert.ok(await page.getByRole('searchbox', { name: '按文本过滤' }).isVisible());
  await app.screenshot('websocket-zh');
  await page.getByRole('button', { name: 'English' }).click();
});
