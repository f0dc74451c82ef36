/// <reference lib="dom" />
// End-to-end: quiz mode in the Steps tab (Chromium) on the bundled http10-short recording. With
// quiz on, Next asks "what comes next?" and the selected packet does not move until Check; one
// question answered right with the mouse, one wrong with the keyboard only; each part is marked
// with the capture's true value, the score runs, and 中文 shows the Chinese quiz. Also checks
// that every explanation key core/step/quiz.ts can produce is worded in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../core/analyze.ts';
import { buildSteps, quizExplainKeys, QUIZ_CARRIES } from '../../core/step/index.ts';
import { openApp, root, waitForCapture, selectedFrame, type App } from './harness.ts';

const FILE = join(root, 'samples/recordings/http10-short.pcap');
const STEPS = buildSteps(analyzeBytes(new Uint8Array(readFileSync(FILE)), { rows: true }));

type Tree = { [k: string]: string | Tree };
function lookup(tree: Tree, path: string): unknown {
  let v: unknown = tree;
  for (const k of path.split('.')) v = (v as Tree | undefined)?.[k];
  return v;
}

test('every quiz explanation and carry choice is worded in en and zh', () => {
  for (const lang of ['en', 'zh']) {
    const tree = JSON.parse(readFileSync(join(root, `renderer/src/i18n/quiz.${lang}.json`), 'utf8')) as Tree;
    for (const k of quizExplainKeys())
      assert.equal(typeof lookup(tree, `quiz.why.${k}`), 'string', `${lang} ${k}`);
    for (const c of QUIZ_CARRIES)
      assert.equal(typeof lookup(tree, `quiz.carry.${c}`), 'string', `${lang} ${c}`);
  }
});

let app: App;
before(async () => {
  app = await openApp({ query: 'nosample' });
  await app.page.getByTestId('file-input').setInputFiles(FILE);
  await waitForCapture(app.page, 'http10-short.pcap');
  await app.page.getByTestId('tab-steps').click();
  await app.page.getByTestId('steps-view').waitFor();
  await app.page.getByTestId('step-scope').selectOption('capture');
});
after(async () => {
  await app?.close();
});

const text = (id: string) =>
  app.page
    .getByTestId(id)
    .textContent()
    .then((s) => s ?? '');
async function atFrame(frame: number): Promise<void> {
  await app.page.waitForFunction(
    (f) => {
      const t = document.querySelector('[data-testid="step-position"]')?.textContent ?? '';
      return t.includes(`frame ${f}`) || t.includes(`第 ${f} 帧`);
    },
    frame,
    { timeout: 5000 },
  );
}

test('quiz on: Next asks first; a right answer reveals the packet and scores 4/4', async () => {
  const page = app.page;
  await page.keyboard.press('Home');
  await atFrame(STEPS[0]!.frame);
  await page.keyboard.press('q');
  assert.equal(await page.getByTestId('step-quiz').getAttribute('aria-pressed'), 'true');
  assert.match(await text('quiz-score'), /Score: 0\/0 parts/);
  await page.getByTestId('quiz-idle').waitFor();
  assert.equal(await page.getByTestId('step-play').isDisabled(), true, 'no playing through a quiz');

  await page.getByTestId('step-next').click();
  await page.getByTestId('quiz-form').waitFor();
  assert.match(await text('quiz-form'), /What comes next\?/);
  // The packet is not revealed yet: the highlight stays on step 1.
  assert.equal(await selectedFrame(page), STEPS[0]!.frame);
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    'quiz-who-client',
  );

  // Step 2 is the SYN-ACK: the server, SYN + ACK, acknowledging relative 1, no payload.
  await page.getByTestId('quiz-who-server').check();
  await page.getByTestId('quiz-flag-SYN').check();
  await page.getByTestId('quiz-flag-ACK').check();
  await page.getByTestId('quiz-ack').fill('1');
  await page.getByTestId('quiz-carry').selectOption('none');
  await page.waitForTimeout(200);
  assert.equal(await selectedFrame(page), STEPS[0]!.frame, 'still hidden while answering');
  // Nor does the packet list give it away: no row after the current packet.
  const listed = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="packet-row"]')).map((r) =>
        Number(r.getAttribute('data-frame')),
      ),
    );
  assert.ok(
    (await listed()).every((f) => f <= STEPS[0]!.frame),
    'the packet list stops at the current packet',
  );
  await app.screenshot('quiz-question');
  await page.getByTestId('quiz-check').click();

  await atFrame(STEPS[1]!.frame);
  assert.equal(await selectedFrame(page), STEPS[1]!.frame, 'revealed after Check');
  assert.equal(await text('quiz-verdict'), 'All right!');
  for (const part of ['who', 'flags', 'ack', 'carry'])
    assert.equal(await page.getByTestId(`quiz-result-${part}`).getAttribute('data-right'), 'true', part);
  assert.match(await text('quiz-truth-flags'), /SYN \+ ACK/);
  assert.match(await text('quiz-result-ack'), /ISN \+ 1/);
  assert.match(await text('quiz-score'), /Score: 4\/4 parts · 1\/1 questions all right/);
  // The annotation now explains the revealed packet.
  assert.equal(await text('step-text'), STEPS[1]!.annotation.en);
  await page.waitForFunction(
    (f) => document.querySelector(`[data-testid="packet-row"][data-frame="${f}"]`) !== null,
    STEPS[1]!.frame,
  );
});

test('a wrong answer by keyboard only: each part marked wrong with the true value; score 4/7', async () => {
  const page = app.page;
  await page.keyboard.press('n');
  await page.getByTestId('quiz-form').waitFor();
  assert.equal(await selectedFrame(page), STEPS[1]!.frame);
  // Step 3 is the client's ACK. Answer: server (arrow from client), SYN, ack 5, carry skipped.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab'); // → SYN
  await page.keyboard.press('Space');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab'); // ACK, FIN, RST, PSH → ack number
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'quiz-ack');
  await page.keyboard.type('5');
  assert.equal(await selectedFrame(page), STEPS[1]!.frame, 'not revealed before checking');
  await page.keyboard.press('Enter');

  await atFrame(STEPS[2]!.frame);
  assert.equal(await selectedFrame(page), STEPS[2]!.frame);
  assert.equal(await text('quiz-verdict'), '0 of 3 right');
  const right = (part: string) => page.getByTestId(`quiz-result-${part}`).getAttribute('data-right');
  assert.equal(await right('who'), 'false');
  assert.equal(await right('flags'), 'false');
  assert.equal(await right('ack'), 'false');
  assert.equal(await right('carry'), 'skipped');
  assert.match(await text('quiz-yours-who'), /you said Server/);
  assert.match(await text('quiz-truth-who'), /the capture: Client/);
  assert.match(await text('quiz-yours-flags'), /you said SYN$/);
  assert.match(await text('quiz-truth-flags'), /the capture: ACK$/);
  assert.match(await text('quiz-yours-ack'), /you said 5/);
  assert.match(await text('quiz-truth-ack'), /the capture: 1$/);
  assert.match(await text('quiz-score'), /Score: 4\/7 parts · 1\/2 questions all right/);
  // Focus is on the feedback, so N asks again right away.
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    'quiz-feedback',
  );
  await app.screenshot('quiz');
  assert.deepEqual(app.errors, []);
});

test('Esc cancels a question; Q leaves quiz mode and Next moves straight on', async () => {
  const page = app.page;
  await page.keyboard.press('n');
  await page.getByTestId('quiz-form').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('quiz-idle').waitFor();
  assert.equal(await selectedFrame(page), STEPS[2]!.frame);
  // Show without answering: reveals, scores nothing.
  await page.keyboard.press('n');
  await page.getByTestId('quiz-skip').click();
  await atFrame(STEPS[3]!.frame);
  assert.match(await text('quiz-score'), /4\/7 parts · 1\/2/);
  await page.getByTestId('step-quiz').focus();
  await page.keyboard.press('q');
  assert.equal(await page.getByTestId('quiz-panel').count(), 0);
  // Out of quiz mode the packet list shows every packet again.
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="packet-row"]').length >= n,
    Math.min(STEPS.length, 10),
  );
  await page.keyboard.press('n');
  await atFrame(STEPS[4]!.frame);
});

test('中文: the quiz in Chinese', async () => {
  const page = app.page;
  await page.getByRole('button', { name: '中文' }).click();
  await page.keyboard.press('Home');
  await atFrame(STEPS[0]!.frame);
  await page.keyboard.press('q');
  await page.keyboard.press('n');
  await page.getByTestId('quiz-form').waitFor();
  assert.match(await text('quiz-form'), /接下来是什么/);
  assert.match(await text('quiz-who'), /谁发送/);
  await page.getByTestId('quiz-who-server').check();
  await page.getByTestId('quiz-flag-SYN').check();
  await page.getByTestId('quiz-check').click();
  await atFrame(STEPS[1]!.frame);
  assert.match(await text('quiz-verdict'), /答对 1 项/);
  assert.match(await text('quiz-truth-ack'), /抓包中:1/);
  assert.match(await text('quiz-result-ack'), /[\u4e00-\u9fff]/);
  assert.match(await text('quiz-score'), /^得分/);
  await app.screenshot('quiz-zh');
  await page.keyboard.press('q');
  await page.getByRole('button', { name: 'English' }).click();
  assert.deepEqual(app.errors, []);
});
