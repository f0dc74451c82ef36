/// <reference lib="dom" />
// End-to-end: the display filter's byte predicates in Chromium. `frame contains "Upgrade"`,
// `tcp.payload contains …` and hex byte strings list exactly the frames tshark -Y lists for the
// same filter on the same file; a bad byte string is a message (en and zh); on a large capture
// the list says it is searching, and a second filter supersedes the first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, root, waitForCapture, type App } from './harness.ts';
import { keepAlivePcap } from './synthetic-capture.ts';

const CHAT = join(root, 'samples/recordings/websocket-chat.pcap');
const IPV6 = join(root, 'test/fixtures/captures/http10-short-ipv6.pcap');

function tshark(file: string, filter: string): number[] {
  const r = spawnSync('tshark', ['-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map(Number);
}

let app: App;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

async function open(file: string, name: string): Promise<void> {
  await app.page.getByTestId('file-input').setInputFiles(file);
  await waitForCapture(app.page, name);
}

/** The filter input (by role, not label: the label changes with the language). */
const input = () => app.page.getByRole('search').getByRole('textbox');

/** Applies a filter and waits until the list is no longer searching; returns the listed frames. */
async function listed(filter: string): Promise<number[]> {
  const page = app.page;
  await input().fill(filter);
  await input().press('Enter');
  await page.waitForFunction(
    () =>
      !document.querySelector('[data-testid="filter-searching"]') &&
      document.querySelector('[data-testid="filter-count"]') !== null,
  );
  assert.equal(await page.getByTestId('filter-error').count(), 0, `no error for ${filter}`);
  return page
    .locator('[data-testid="packet-row"]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-frame'))).sort((a, b) => a - b));
}

test('byte filters list exactly the frames tshark lists for the same filter', async () => {
  await open(CHAT, 'websocket-chat.pcap');
  for (const filter of [
    'frame contains "Upgrade"',
    'tcp.payload contains "hello"',
    'frame contains 48:54:54:50',
    'tcp.payload contains 81',
    // The ports 40681 → 60094 are in the TCP header: in frame, never in tcp.payload.
    'frame contains 9e:e9:ea:be',
    'tcp.payload contains 9e:e9:ea:be',
    'frame contains "\\r\\nSec-WebSocket-Accept" or tcp.flags.fin == 1',
    'frame matches "websocket-(key|accept)"',
  ]) {
    const want = tshark(CHAT, filter);
    assert.deepEqual(await listed(filter), want, filter);
  }
  const upgrade = tshark(CHAT, 'frame contains "Upgrade"');
  assert.ok(upgrade.length === 2, `tshark finds the request and the 101: ${upgrade.join(',')}`);
  assert.equal(
    await app.page.getByTestId('filter-count').textContent(),
    `${tshark(CHAT, 'frame matches "websocket-(key|accept)"').length} of 24 shown`,
  );
  await app.screenshot('packets-filter-bytes');

  // A byte filter applied to a newly opened capture searches that capture.
  await input().fill('frame contains "HTTP/1.0"');
  await input().press('Enter');
  await open(IPV6, 'http10-short-ipv6.pcap');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="filter-count"]') !== null);
  assert.deepEqual(
    await app.page
      .locator('[data-testid="packet-row"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-frame'))).sort((a, b) => a - b)),
    tshark(IPV6, 'frame contains "HTTP/1.0"'),
  );
  for (const filter of ['frame contains "HTTP/1.0"', 'tcp.payload contains 0d:0a:0d:0a'])
    assert.deepEqual(await listed(filter), tshark(IPV6, filter), filter);
  await app.page.getByRole('button', { name: 'Clear' }).click();
});

test('a bad byte string or escape is a message, in English and Chinese, and the list stays', async () => {
  const page = app.page;
  const shown = await listed('tcp');
  await input().fill('frame contains hello');
  await input().press('Enter');
  const err = page.getByTestId('filter-error');
  assert.match((await err.textContent()) ?? '', /'hello' is not a byte string \(column 16\)/);
  assert.equal(
    await page.locator('[data-testid="packet-row"]').count(),
    shown.length,
    'the list is what it was',
  );
  await input().fill('frame contains "\\q"');
  await input().press('Enter');
  assert.match((await err.textContent()) ?? '', /'\\q' is not a valid escape/);
  await input().fill('tcp.payload contains ""');
  await input().press('Enter');
  assert.match((await err.textContent()) ?? '', /nothing to look for/);
  await app.screenshot('packets-filter-bytes-error');

  await page.getByRole('button', { name: '中文', exact: true }).click();
  await input().fill('frame contains 4:8');
  await input().press('Enter');
  assert.match((await err.textContent()) ?? '', /不是字节串/);
  const help = page.getByTestId('filter-help');
  await help.locator('summary').click();
  assert.match((await page.getByTestId('filter-help-bytes').textContent()) ?? '', /数据包字节/);
  await help.locator('summary').click();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await input().fill('');
  await input().press('Enter');
});

test('the filter help gives the byte forms and what a bare contains means', async () => {
  const page = app.page;
  const help = page.getByTestId('filter-help');
  await help.locator('summary').click();
  const bytes = (await page.getByTestId('filter-help-bytes').textContent()) ?? '';
  assert.match(bytes, /frame contains "Upgrade"/);
  assert.match(bytes, /tcp\.payload contains/);
  assert.match(bytes, /48:54:54:50/);
  const contains = (await page.getByTestId('filter-help-contains').textContent()) ?? '';
  assert.match(contains, /source, destination, protocol and info/);
  await app.screenshot('packets-filter-help');
  await help.locator('summary').click();
});

test('on a large capture the list says it is searching, and a newer filter supersedes the older', async () => {
  const page = app.page;
  const dir = mkdtempSync(join(tmpdir(), 'wirestep-bytes-'));
  const file = join(dir, 'keepalive-60k.pcap');
  // 120,006 packets: a SYN, SYN-ACK, ACK, then GET /item/i and its 200 OK for i < 60000.
  writeFileSync(file, keepAlivePcap(60_000));
  await open(file, 'keepalive-60k.pcap');
  // Record every "searching" text shown, from before the first Enter.
  await page.evaluate(() => {
    const w = window as unknown as { seen: string[] };
    w.seen = [];
    new MutationObserver(() => {
      const s = document.querySelector('[data-testid="filter-searching"]')?.textContent;
      if (s && w.seen[w.seen.length - 1] !== s) w.seen.push(s);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await input().fill('frame contains "200 OK"');
  await input().press('Enter');
  // Frame of GET /item/12345: 3 setup packets, then 2 per exchange.
  const frames = await listed('tcp.payload contains "/item/12345 "');
  assert.deepEqual(frames, [3 + 2 * 12345 + 1]);
  assert.equal(await page.getByTestId('filter-count').textContent(), '1 of 120006 shown');
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  assert.ok(seen.length > 0 && seen.every((s) => /^Searching packet bytes… \d+%$/.test(s)), seen.join(' | '));
});
