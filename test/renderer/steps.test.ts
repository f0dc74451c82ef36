/// <reference lib="dom" />
// End-to-end: the Steps tab in Chromium on http10-short.pcap (opened by the file input). Steps with
// N, the buttons, Home/End: the selected packet row follows each step, the annotation changes and
// quotes the numbers shown in the facts table, both RFC 9293 diagrams highlight the right state
// (client SYN-SENT after step 1; the server, which closes first, TIME-WAIT at the end), spec links
// open safely, socket calls are marked inferred, and 中文 shows the Chinese annotation. Screenshots
// of the tab mid-way and of the state machines (light, zh, dark).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../core/analyze.ts';
import { buildSteps } from '../../core/step/index.ts';
import { openApp, root, waitForCapture, selectedFrame, type App } from './harness.ts';

const HTTP10 = join(root, 'test/fixtures/captures/http10-short.pcap');
const STEPS = buildSteps(analyzeBytes(new Uint8Array(readFileSync(HTTP10)), { rows: true }));

let app: App;
before(async () => {
  app = await openApp({ query: 'nosample' });
  await app.page.getByTestId('file-input').setInputFiles(HTTP10);
  await waitForCapture(app.page, 'http10-short.pcap');
  await app.page.getByTestId('tab-steps').click();
  await app.page.getByTestId('steps-view').waitFor();
});
after(async () => {
  await app?.close();
});

const text = (id: string) =>
  app.page
    .getByTestId(id)
    .textContent()
    .then((s) => s ?? '');
const current = (side: string) => app.page.getByTestId(`state-diagram-${side}`).getAttribute('data-current');
async function fact(key: string): Promise<string | null> {
  const cell = app.page.locator(`[data-testid="step-facts"] [data-fact="${key}"] dd`).first();
  return (await cell.count()) ? await cell.textContent() : null;
}
/** Both diagrams whole: a tall viewport for the shot, then back. */
async function machinesShot(name: string): Promise<void> {
  const page = app.page;
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 2000 });
  await page.waitForTimeout(1000); // let the edge animation finish
  await page
    .getByTestId('state-machines')
    .screenshot({ path: join(root, `test-output/screenshots/${name}.png`) });
  await page.setViewportSize(size);
}
/** Waits until the step position names this frame (React has rendered the step). */
async function atFrame(frame: number): Promise<void> {
  await app.page.waitForFunction(
    (f) =>
      document.querySelector('[data-testid="step-position"]')?.textContent?.includes(`frame ${f}`) ||
      document.querySelector('[data-testid="step-position"]')?.textContent?.includes(`第 ${f} 帧`),
    frame,
    { timeout: 5000 },
  );
}

test('the Steps tab starts at the selected packet; Home goes to step 1: the client SYN', async () => {
  const page = app.page;
  assert.equal(await page.getByTestId('tab-steps').textContent(), 'Steps');
  await page.keyboard.press('Home');
  await atFrame(1);
  assert.equal(await selectedFrame(page), 1);
  assert.match(await text('step-position'), /Step 1 of 10/);
  assert.match(await text('step-title'), /SYN/);
  // The ISN in the facts table is the packet's sequence number, and the annotation quotes it.
  const isn = await fact('isn');
  assert.equal(isn, String(STEPS[0]!.facts.isn));
  assert.equal(await fact('seq'), isn);
  assert.ok((await text('step-text')).includes(isn!), 'annotation quotes the ISN');
  assert.equal(await current('client'), 'SYN-SENT');
  assert.equal(await current('server'), 'SYN-RECEIVED');
  // The transition taken is drawn (and highlighted) on the client's diagram.
  assert.equal(
    await page.locator('[data-testid="state-diagram-client"] g.edge.taken').getAttribute('data-edge'),
    'active-open',
  );
  // Socket calls: the client connect()s, the server listen()s; all inferred.
  const client = page.getByTestId('socket-client');
  assert.ok((await client.locator('li[data-call="connect"]').count()) === 1);
  assert.ok((await page.getByTestId('socket-server').locator('li[data-call="listen"]').count()) === 1);
  assert.match((await client.textContent()) ?? '', /inferred/);
});

test('N and the buttons step: the selected row, the annotation and its numbers change together', async () => {
  const page = app.page;
  let prevText = await text('step-text');
  for (let i = 1; i < 4; i++) {
    if (i % 2) await page.keyboard.press('n');
    else await page.getByTestId('step-next').click();
    const s = STEPS[i]!;
    await atFrame(s.frame);
    assert.equal(await selectedFrame(page), s.frame, `step ${i + 1} selects frame ${s.frame}`);
    const now = await text('step-text');
    assert.notEqual(now, prevText, 'the annotation changes');
    assert.equal(now, s.annotation.en);
    prevText = now;
    // Every number the step quotes is in the facts table and in the annotation.
    for (const [k, v] of Object.entries(s.facts)) {
      assert.equal(await fact(k), String(v), `fact ${k}`);
      assert.ok(now.includes(String(v)), `annotation quotes ${k}=${v}`);
    }
  }
  // Step 2 was the SYN-ACK: its ack is the client's ISN + 1; step 3 made both ESTABLISHED.
  assert.equal(Number(STEPS[1]!.facts.ack), Number(STEPS[0]!.facts.isn) + 1);
  await page.getByTestId('step-prev').click();
  await atFrame(3);
  assert.equal(await current('client'), 'ESTABLISHED');
  assert.equal(await current('server'), 'ESTABLISHED');
  await page.keyboard.press('p');
  await atFrame(2);
  assert.equal(await current('client'), 'ESTABLISHED');
  assert.equal(await current('server'), 'SYN-RECEIVED');
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  await atFrame(5);
  // Data step: the relative sequence number quoted matches the facts table.
  await page.keyboard.press('p');
  await atFrame(4);
  assert.ok((await text('step-text')).includes(`relative sequence ${await fact('relSeq')}`));
  await app.screenshot('steps-midway-light');
  await machinesShot('steps-state-machines-light');
});

test('spec links open in a new tab without an opener', async () => {
  const links = app.page.locator('[data-testid="step-why"] a');
  assert.ok((await links.count()) > 0);
  for (const a of await links.all()) {
    assert.equal(await a.getAttribute('target'), '_blank');
    assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
    assert.match(
      (await a.getAttribute('href')) ?? '',
      /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-/,
    );
  }
});

test('End: the server closed first and ends in TIME-WAIT; the client in CLOSED', async () => {
  const page = app.page;
  await page.keyboard.press('End');
  const last = STEPS[STEPS.length - 1]!;
  await atFrame(last.frame);
  assert.equal(await selectedFrame(page), last.frame);
  assert.equal(await current('server'), 'TIME-WAIT');
  assert.equal(await current('client'), 'CLOSED-END');
  assert.match(await text('step-position'), /Step 10 of 10/);
  assert.equal(await page.getByTestId('step-next').isDisabled(), true);
  // The previous step: the client's FIN moved the server FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT.
  await page.getByTestId('step-prev').click();
  await atFrame(STEPS[STEPS.length - 2]!.frame);
  const taken = await page
    .locator('[data-testid="state-diagram-server"] g.edge.taken')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-edge')));
  assert.deepEqual(taken.sort(), ['fw1-ack', 'fw2-fin']);
  await page.getByTestId('step-first').click();
  await atFrame(1);
});

test('play advances one step per second and space pauses', async () => {
  const page = app.page;
  await page.keyboard.press('Home');
  await atFrame(1);
  await page.keyboard.press(' ');
  assert.equal(await page.getByTestId('step-play').getAttribute('aria-pressed'), 'true');
  await atFrame(2);
  await page.keyboard.press(' ');
  assert.equal(await page.getByTestId('step-play').getAttribute('aria-pressed'), 'false');
  const at = await selectedFrame(page);
  await page.waitForTimeout(1300);
  assert.equal(await selectedFrame(page), at, 'paused: no further steps');
});

test('中文: the Chinese annotation and state-diagram labels', async () => {
  const page = app.page;
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByTestId('step-first').click();
  await atFrame(1);
  const zh = await text('step-text');
  assert.match(zh, /[\u4e00-\u9fff]/);
  assert.equal(zh, STEPS[0]!.annotation.zh);
  assert.ok(zh.includes(String(STEPS[0]!.facts.isn)));
  assert.equal(await page.getByTestId('tab-steps').textContent(), '步进');
  const label = await page
    .locator('[data-testid="state-diagram-client"] g.edge[data-edge="active-open"] text')
    .textContent();
  assert.match(label ?? '', /[\u4e00-\u9fff]/);
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  await atFrame(3);
  await app.screenshot('steps-midway-zh');
  await machinesShot('steps-state-machines-zh');
  await page.getByRole('button', { name: 'English' }).click();
});

test('WebSocket capture: clicking a packet row moves the step; Upgrade key, mask key and close code are facts', async () => {
  const page = app.page;
  const ws = join(root, 'test/fixtures/captures/websocket-close.pcap');
  const steps = buildSteps(analyzeBytes(new Uint8Array(readFileSync(ws)), { rows: true }));
  await page.getByTestId('file-input').setInputFiles(ws);
  await waitForCapture(page, 'websocket-close.pcap');
  await page.getByTestId('steps-view').waitFor();
  for (const key of ['wsKey', 'maskKey', 'closeCode']) {
    const s = steps.find((x) => key in x.facts)!;
    await page.locator(`[data-testid="packet-row"][data-frame="${s.frame}"]`).click();
    await atFrame(s.frame);
    assert.equal(await fact(key), String(s.facts[key]), key);
    assert.ok((await text('step-text')).includes(String(s.facts[key])), `annotation quotes ${key}`);
  }
  // The server's FIN came first here too: it ends in TIME-WAIT.
  await page.keyboard.press('End');
  await atFrame(steps[steps.length - 1]!.frame);
  assert.equal(await current('server'), 'TIME-WAIT');
  await page.getByTestId('file-input').setInputFiles(HTTP10);
  await waitForCapture(page, 'http10-short.pcap');
});

test('README shot: the Steps tab mid-handshake (SYN-ACK), both state machines whole', async () => {
  const page = app.page;
  await page.keyboard.press('Home');
  await atFrame(STEPS[0]!.frame);
  await page.keyboard.press('n');
  await atFrame(STEPS[1]!.frame);
  assert.equal(await current('client'), 'ESTABLISHED');
  assert.equal(await current('server'), 'SYN-RECEIVED');
  const size = page.viewportSize()!;
  // Wide enough for the two diagrams side by side, tall enough for all of the tab.
  await page.setViewportSize({ width: 2300, height: 1090 });
  await page.waitForTimeout(1000); // let the edge animation finish
  await page
    .getByTestId('steps-view')
    .screenshot({ path: join(root, 'test-output/screenshots/state-machines.png') });
  await page.setViewportSize(size);
});

test('dark theme and whole-capture scope; no console errors', async () => {
  const page = app.page;
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('step-scope').selectOption('capture');
  await page.keyboard.press('End');
  await atFrame(STEPS[STEPS.length - 1]!.frame);
  assert.match(await text('step-position'), /of 10/);
  await app.screenshot('steps-dark');
  await page.getByTestId('theme-toggle').click();
  assert.deepEqual(app.errors, []);
});
