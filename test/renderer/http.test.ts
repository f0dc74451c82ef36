/// <reference lib="dom" />
// e2e: the HTTP view in the built renderer (Chromium): the exchanges of a keep-alive connection
// with method, target, status, sizes and timing bars whose phases follow the wire; an expanded
// exchange names the packets bounding each phase, and clicking one selects it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openApp, root, waitForCapture, selectedFrame, type App } from './harness.ts';

const KEEPALIVE = join(root, 'test/fixtures/captures/http11-keepalive-3.pcap');
const HTTP10 = join(root, 'test/fixtures/captures/http10-short.pcap');

let app: App;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

async function openHttp(file: string, name: string) {
  const page = app.page;
  await page.getByTestId('file-input').setInputFiles(file);
  await waitForCapture(page, name);
  await page.getByTestId('overview-lane').first().click();
  await page.getByTestId('tab-http').click();
  await page.getByTestId('http-row').first().waitFor();
}

test('http11-keepalive-3: three exchanges, connect only on the first, close only on the last', async () => {
  await openHttp(KEEPALIVE, 'http11-keepalive-3.pcap');
  const page = app.page;
  const rows = page.getByTestId('http-row');
  assert.equal(await rows.count(), 3);
  const cells = await rows.evaluateAll((els) =>
    els.map((e) => Array.from(e.querySelectorAll('td')).map((td) => td.textContent)),
  );
  for (const c of cells) {
    assert.equal(c[1], 'GET');
    assert.match(c[3] ?? '', /^200/);
    assert.match(c[4] ?? '', /^\d+ B$/);
  }
  const phases = await rows.evaluateAll((els) =>
    els.map((e) =>
      Array.from(e.querySelectorAll('[data-testid="http-bar"] [data-phase]'))
        .map((p) => p.getAttribute('data-phase'))
        .join(','),
    ),
  );
  assert.equal(phases[0]!.split(',')[0], 'connect');
  assert.ok(!phases[1]!.includes('connect') && !phases[1]!.includes('close'));
  assert.ok(phases[2]!.endsWith('close'));
  // Bars share one time scale: each exchange starts further right.
  const lefts = await rows.evaluateAll((els) =>
    els.map((e) =>
      parseFloat((e.querySelector('[data-testid="http-bar"] [data-phase]') as HTMLElement).style.left),
    ),
  );
  assert.ok(lefts[0]! < lefts[1]! && lefts[1]! < lefts[2]!, lefts.join(' '));
  await app.screenshot('http-keepalive');
  assert.deepEqual(app.errors, []);
});

test('an expanded exchange lists its phases between packets; a packet button selects it', async () => {
  await openHttp(HTTP10, 'http10-short.pcap');
  const page = app.page;
  await page.getByTestId('http-row').first().click();
  const detail = page.getByTestId('http-detail');
  await detail.waitFor();
  const phases = await detail.locator('tr[data-phase]').evaluateAll((els) =>
    els.map(
      (e) =>
        `${e.getAttribute('data-phase')} ${Array.from(e.querySelectorAll('button'))
          .map((b) => b.textContent)
          .join('→')}`,
    ),
  );
  assert.deepEqual(phases, [
    'connect #1→#3',
    'sent #4→#4',
    'waiting #4→#6',
    'receiving #6→#8',
    'close #8→#10',
  ]);
  await detail.locator('tr[data-phase="waiting"] button').nth(1).click();
  assert.equal(await selectedFrame(page), 6);
  await app.screenshot('http-http10-detail');
  assert.deepEqual(app.errors, []);
});
