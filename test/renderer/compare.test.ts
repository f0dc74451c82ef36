/// <reference lib="dom" />
// e2e: the Compare tab on the bundled sample (Chromium). Its per-category handshake counts and
// header-byte totals must equal the per-connection `metrics` of `wirestep analyze --json`, summed
// by the same categories; and it reads in Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, root, type App } from './harness.ts';
import { analyzeBytes } from '../../core/analyze.ts';
import { connectionCategory, COMPARE_CATEGORIES, type CompareCategory } from '../../core/timeline/compare.ts';

const SAMPLE = join(root, 'samples/wirestep-sample.pcap');

interface JsonMetrics {
  handshakes: number;
  tcpIpHeaderBytes: number;
  httpHeaderBytes: number;
  wsHeaderBytes: number;
}

/** What the CLI reports, summed per category (categories from the engine's own dissection). */
function expectedFromCli(): Record<CompareCategory, { handshakes: number; header: number; count: number }> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'cli/wirestep.ts'), 'analyze', SAMPLE, '--json'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const doc = JSON.parse(out) as { connections: Array<{ id: number; metrics: JsonMetrics }> };
  const result = analyzeBytes(new Uint8Array(readFileSync(SAMPLE)));
  const sums = Object.fromEntries(
    COMPARE_CATEGORIES.map((c) => [c, { handshakes: 0, header: 0, count: 0 }]),
  ) as Record<CompareCategory, { handshakes: number; header: number; count: number }>;
  for (const c of doc.connections) {
    const d = result.connections.find((x) => x.tcp.id === c.id)!.dissection;
    const s = sums[connectionCategory(d)];
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

let app: App;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

test('Compare tab on the sample: handshakes and header bytes equal `wirestep analyze --json`', async () => {
  const expected = expectedFromCli();
  assert.ok(
    expected['http10-short'].count > 0 &&
      expected['http11-keepalive'].count > 0 &&
      expected.websocket.count > 0,
  );
  const page = app.page;
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('compare-view').waitFor();
  for (const cat of COMPARE_CATEGORIES) {
    const hs = await page.getByTestId(`compare-value-handshakes-${cat}`).textContent();
    assert.equal(number(hs), expected[cat].handshakes, `${cat} handshakes`);
    const bytes = await page.getByTestId(`compare-value-bytes-${cat}`).textContent();
    assert.equal(number(bytes), expected[cat].header, `${cat} header bytes (${bytes})`);
    const listed = await page.getByTestId(`compare-group-${cat}`).getByTestId('compare-connection').count();
    assert.equal(listed, expected[cat].count, `${cat} connections`);
  }
  // Bars scale with the values: the short connections drew more handshakes than the WebSocket.
  const width = (cat: string) =>
    page
      .getByTestId('compare-chart-handshakes')
      .locator('g.compare-bar rect')
      .nth(COMPARE_CATEGORIES.indexOf(cat as CompareCategory))
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
    await zh.screenshot('compare-zh');
    assert.deepEqual(zh.errors, []);
  } finally {
    await zh.close();
  }
});
