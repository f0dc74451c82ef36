/// <reference lib="dom" />
// End-to-end exports (Debian's chromium, built renderer): every item of the Export menu produces
// a file that parses — SVG as XML with the ladder's arrows, PNG with its signature and size, HAR
// 1.2, the analysis JSON, Mermaid read back, pcapng read by tshark with the connection's packets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../core/analyze.ts';
import { openApp, root, waitForCapture, type App } from './harness.ts';
import { validateHar12 } from '../export/har-validate.ts';
import { parseMermaid } from '../export/mermaid-parse.ts';
import { tsharkAvailable } from '../helpers/tshark.ts';

// The bundled sample (six connections), opened by default.
const CAPTURE = join(root, 'samples/wirestep-sample.pcap');
const outDir = join(root, 'test-output/export-e2e');

let app: App;
const facts = analyzeBytes(new Uint8Array(readFileSync(CAPTURE)), { rows: true });
// One connection of several: the export must hold it and nothing else.
const CONN = 2;
const conn = facts.connections[CONN]!;

before(async () => {
  app = await openApp();
  await waitForCapture(app.page, 'wirestep-sample.pcap');
  assert.ok(facts.connections.length > 2);
  await app.page.getByTestId('overview-lane').nth(CONN).click();
  await app.page.getByTestId('tab-ladder').click();
  await app.page.locator('[data-testid="ladder-svg"]').waitFor();
});
after(async () => {
  await app?.close();
});

async function exportFile(kind: string): Promise<{ name: string; bytes: Buffer }> {
  const page = app.page;
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-menu').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 15_000 }),
    page.getByTestId(`export-${kind}`).click(),
  ]);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

test('SVG: well-formed XML with the ladder drawn and styles inlined', async () => {
  const { name, bytes } = await exportFile('svg');
  assert.equal(name, `wirestep-sample-conn${conn.tcp.id}-ladder.svg`);
  const text = bytes.toString('utf8');
  const check = await app.page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return {
      error: doc.getElementsByTagName('parsererror').length,
      root: doc.documentElement.localName,
      ns: doc.documentElement.namespaceURI,
      paths: doc.querySelectorAll('path, line').length,
      styled: doc.querySelectorAll('[style*="stroke"]').length,
      scripts: doc.querySelectorAll('script, foreignObject').length,
    };
  }, text);
  assert.equal(check.error, 0);
  assert.equal(check.root, 'svg');
  assert.equal(check.ns, 'http://www.w3.org/2000/svg');
  assert.ok(check.paths > 0 && check.styled > 0, JSON.stringify(check));
  assert.equal(check.scripts, 0);
});

test('PNG: a real PNG of the ladder size', async () => {
  const { bytes } = await exportFile('png');
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  assert.ok(width > 200 && height > 100, `${width}x${height}`);
});

test('Mermaid, HAR and analysis JSON of the selected connection', async () => {
  const mmd = await exportFile('mermaid');
  assert.match(mmd.name, /\.mmd$/);
  const parsed = parseMermaid(mmd.bytes.toString('utf8'));
  assert.equal(parsed.arrows.length, conn.tcp.frames.length);
  assert.equal(parsed.participants.get('C'), `${conn.tcp.client.address}:${conn.tcp.client.port}`);

  const har = JSON.parse((await exportFile('har')).bytes.toString('utf8'));
  validateHar12(har);
  assert.equal(har.log.entries.length, conn.dissection.http.filter((x) => x.request).length);
  assert.ok(har.log.entries.every((e: { connection: string }) => e.connection === String(conn.tcp.id)));

  const json = JSON.parse((await exportFile('json')).bytes.toString('utf8'));
  assert.equal(json.schema, 'wirestep.analysis/1');
  assert.equal(json.connections.length, 1);
  assert.deepEqual(json.connections[0].frames, conn.tcp.frames);
});

test('pcapng: tshark reads the selected connection back', async () => {
  const { name, bytes } = await exportFile('pcapng');
  assert.match(name, /\.pcapng$/);
  assert.equal(bytes.readUInt32LE(0), 0x0a0d0d0a);
  const back = analyzeBytes(new Uint8Array(bytes));
  assert.equal(back.capture.packets, conn.tcp.frames.length);
  assert.equal(back.connections.length, 1);
  if (tsharkAvailable()) {
    const t = spawnSync('tshark', ['-n', '-r', join(outDir, name), '-T', 'fields', '-e', 'frame.number'], {
      encoding: 'utf8',
    });
    assert.equal(t.status, 0, t.stderr);
    assert.equal(t.stdout.trim().split('\n').length, conn.tcp.frames.length);
  }
  assert.deepEqual(app.errors, []);
  await app.screenshot('export-menu');
});
