/// <reference lib="dom" />
// End-to-end (Debian's chromium, built renderer): the detail tab shows the selected frame's layer
// tree; clicking a field highlights exactly its bytes in the hex view, and clicking a byte selects
// the innermost field holding it (opening the tree down to it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openApp, root, waitForCapture, type App } from './harness.ts';

const WS_CLOSE = join(root, 'test/fixtures/captures/websocket-close.pcap');

let app: App;
before(async () => {
  app = await openApp();
  await app.page.getByTestId('file-input').setInputFiles(WS_CLOSE);
  await waitForCapture(app.page, 'websocket-close.pcap');
});
after(async () => {
  await app?.close();
});

async function showFrame(frame: number): Promise<void> {
  const page = app.page;
  await page.locator(`[data-testid="packet-row"][data-frame="${frame}"]`).click();
  await page.getByTestId('tab-detail').click();
  await page.locator(`[data-testid="field"][data-key="frame"]`).waitFor();
  await page.waitForFunction(
    (f) =>
      document
        .querySelector('[data-testid="field"][data-key="frame"] .wd-label')
        ?.textContent?.startsWith(`Frame ${f}:`),
    frame,
  );
}

const highlighted = () =>
  app.page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="hex-byte"].in-field')).map((e) => [
      Number(e.getAttribute('data-offset')),
      e.textContent,
    ]),
  );

test('clicking a field highlights its bytes', async () => {
  const page = app.page;
  await showFrame(8);
  // Layers start collapsed; open WebSocket and pick the masking key.
  const layer = page.locator('[data-testid="field"][data-key="websocket#0"]');
  assert.equal(await layer.getAttribute('aria-expanded'), 'false');
  await layer.locator('> .wd-line .wd-twisty').click();
  assert.equal(await layer.getAttribute('aria-expanded'), 'true');
  await page.locator('[data-testid="field"][data-key="websocket#0.masking_key"] > .wd-line').click();
  assert.equal(
    await page
      .locator('[data-testid="field"][data-key="websocket#0.masking_key"]')
      .getAttribute('aria-selected'),
    'true',
  );
  assert.deepEqual(await highlighted(), [
    [68, '23'],
    [69, '15'],
    [70, 'd2'],
    [71, 'c8'],
  ]);
  // The decoded text is shown for the masked payload.
  await page.locator('[data-testid="field"][data-key="websocket#0.payload"] > .wd-line .wd-twisty').click();
  assert.match(
    (await page.locator('[data-testid="field"][data-key="websocket#0.text"]').textContent()) ?? '',
    /Text: hello/,
  );
  await app.screenshot('detail-field-selected');
});

test('clicking a byte selects the innermost field and opens the tree to it', async () => {
  const page = app.page;
  await showFrame(4);
  // Byte 27 is inside the IPv4 source address [26, 30).
  await page.locator('[data-testid="hex-byte"][data-offset="27"]').click();
  const sel = page.locator('[data-testid="field"][aria-selected="true"]');
  assert.equal(await sel.getAttribute('data-key'), 'ip.src');
  assert.equal(
    await page.locator('[data-testid="field"][data-key="ip"]').getAttribute('aria-expanded'),
    'true',
  );
  assert.deepEqual(
    (await highlighted()).map(([o]) => o),
    [26, 27, 28, 29],
  );
  // A byte of the HTTP request line: the method.
  await page.locator('[data-testid="hex-byte"][data-offset="67"]').click();
  assert.equal(await sel.getAttribute('data-key'), 'http#0.request.method');
  assert.deepEqual(
    (await highlighted()).map(([, t]) => t),
    ['47', '45', '54'],
  );
  await app.screenshot('detail-byte-selected');
  assert.deepEqual(app.errors, []);
});

test('a 60 KB frame: the hex view keeps only the rows in view in the DOM', async () => {
  const page = app.page;
  // One Ethernet/IPv4/TCP packet with a 60,000-byte payload, as a pcap.
  const payload = Buffer.alloc(60000, 0x41);
  const tcpHeader = Buffer.from('c0000050010203040a0b0c0d5018faf000000000', 'hex');
  const ipHeader = Buffer.from('450000000000400040060000c0a800017f000001', 'hex');
  ipHeader.writeUInt16BE(20 + 20 + payload.length, 2);
  const frame = Buffer.concat([
    Buffer.from('020000000001020000000002' + '0800', 'hex'),
    ipHeader,
    tcpHeader,
    payload,
  ]);
  const fileHeader = Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex');
  const rec = Buffer.alloc(16);
  rec.writeUInt32LE(1700000000, 0);
  rec.writeUInt32LE(frame.length, 8);
  rec.writeUInt32LE(frame.length, 12);
  await page.getByTestId('file-input').setInputFiles({
    name: 'big.pcap',
    mimeType: 'application/octet-stream',
    buffer: Buffer.concat([fileHeader, rec, frame]),
  });
  await waitForCapture(page, 'big.pcap');
  await showFrame(1);
  const hex = page.getByTestId('hex-view');
  const count = () => page.locator('[data-testid="hex-byte"]').count();
  assert.ok((await count()) < 16 * 100, `${await count()} byte cells in the DOM`);
  await hex.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = page.locator(`[data-testid="hex-byte"][data-offset="${frame.length - 1}"]`);
  await last.waitFor();
  assert.ok((await count()) < 16 * 100);
  await last.click();
  assert.equal(
    await page.locator('[data-testid="field"][aria-selected="true"]').getAttribute('data-key'),
    'data',
  );
  assert.deepEqual(app.errors, []);
});

test('keyboard: arrows move the selection in the tree', async () => {
  const page = app.page;
  await showFrame(1);
  await page.locator('[data-testid="field"][data-key="eth"] > .wd-line').click();
  await page.getByTestId('field-tree').press('ArrowDown');
  assert.equal(
    await page.locator('[data-testid="field"][aria-selected="true"]').getAttribute('data-key'),
    'ip',
  );
  await page.getByTestId('field-tree').press('ArrowRight');
  assert.equal(
    await page.locator('[data-testid="field"][data-key="ip"]').getAttribute('aria-expanded'),
    'true',
  );
});
