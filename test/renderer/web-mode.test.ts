/// <reference lib="dom" />
// Web mode end to end: the real server (token, Host/Origin checks, CSP) serving the built renderer
// to Chromium; the bundled sample opens by default and a capture named at start opens with ?open=.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ensureBuilt, launchBrowser, root, screenshotDir, waitForCapture } from './harness.ts';
import { startWebServer, type WebServer } from '../../server/web-server.ts';

const servers: WebServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

test('web mode serves the app with its token; the sample and a named capture open', async () => {
  const dist = ensureBuilt();
  const capture = join(root, 'test/fixtures/captures/websocket-close.pcap');
  const web = await startWebServer({ root: dist, files: { 'websocket-close.pcap': capture } });
  servers.push(web);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().includes('token=nope')) failed.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      // Failed loads are checked through `failed` (the deliberate refusal below logs one).
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });

    const refused = await page.goto(web.url.replace(/token=\w+/, 'token=nope'));
    assert.equal(refused?.status(), 403);

    await page.goto(web.url);
    await waitForCapture(page, 'wirestep-sample.pcap');
    assert.equal(await page.locator('[data-testid="packet-row"]').first().getAttribute('data-frame'), '1');

    await page.goto(`${web.url}&open=websocket-close.pcap`);
    await waitForCapture(page, 'websocket-close.pcap');
    await page.screenshot({ path: join(screenshotDir, 'web-mode-open.png') });
    assert.deepEqual(errors, [], 'no page errors (CSP violations included)');
    assert.deepEqual(failed, [], 'every resource loads with the token cookie');
  } finally {
    await browser.close();
  }
});
