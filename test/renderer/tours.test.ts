/// <reference lib="dom" />
// End-to-end: the guided tours in Chromium. The start screen (no capture open) lists the five
// tours; one click on a card loads its bundled recording and starts it. Each tour is stepped to its
// end (Next button and → key, one ← back): every step selects its packet (the packet list's
// selected row), shows its narration (which changes each step and equals the narration resolved
// here from the same file), switches to the tab the step names, and on the Steps tab highlights the
// packet's TCP states. A number the narration quotes (ack/seq/len/port) equals the same field read
// from the Detail tab's TCP layer. 中文 shows the Chinese narration. Screenshots mid-way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TOURS, resolveTour, type ResolvedTour } from '../../core/tour/index.ts';
import { recordingPath } from '../../lab/recordings.ts';
import { isDemoScenario } from '../../lab/demo-scenarios.ts';
import { tourInput } from '../tour/tour-input.ts';
import { openApp, selectedFrame, waitForCapture, type App } from './harness.ts';

let app: App;
before(async () => {
  app = await openApp({ query: 'nosample' });
});
after(async () => {
  await app?.close();
});

function expected(id: string): { r: ResolvedTour; input: ReturnType<typeof tourInput> } {
  const tour = TOURS.find((t) => t.id === id)!;
  assert.ok(isDemoScenario(tour.recording));
  const input = tourInput(recordingPath(tour.recording));
  return { r: resolveTour(tour, input), input };
}

const attr = (testId: string, name: string) => app.page.getByTestId(testId).getAttribute(name);
const narration = async () => (await app.page.getByTestId('tour-narration').textContent()) ?? '';

/** Waits until the player shows step `n` (1-based) at `frame` and the packet list follows. */
async function atStep(n: number, frame: number): Promise<void> {
  await app.page.waitForFunction(
    ({ frame }) =>
      document.querySelector('[data-testid="tour-player"]')?.getAttribute('data-frame') === String(frame) &&
      document
        .querySelector('[data-testid="packet-row"][aria-selected="true"]')
        ?.getAttribute('data-frame') === String(frame),
    { frame },
    { timeout: 10_000 },
  );
  assert.match((await app.page.getByTestId('tour-position').textContent()) ?? '', new RegExp(`\\b${n}\\b`));
}

/** The TCP layer's summary line in the Detail tab: "…Src Port: a, Dst Port: b, Seq: s, Ack: k, Len: l". */
async function detailTcp(frame: number): Promise<Record<string, number>> {
  const page = app.page;
  await page.getByTestId('tab-detail').click();
  const label = page
    .locator('[data-testid="field-tree"] .wd-label')
    .filter({ hasText: /^Transmission Control Protocol/ })
    .first();
  await label.waitFor({ timeout: 10_000 });
  // The tree follows the selected frame; make sure it is this frame's.
  assert.equal(await selectedFrame(page), frame);
  const text = (await label.textContent()) ?? '';
  const num = (re: RegExp) => Number(re.exec(text)?.[1]);
  return {
    srcPort: num(/Src Port: (\d+)/),
    dstPort: num(/Dst Port: (\d+)/),
    seq: num(/Seq: (\d+)/),
    ack: num(/Ack: (\d+)/),
    len: num(/Len: (\d+)/),
  };
}

async function openStartScreen(): Promise<void> {
  const page = app.page;
  if (!(await page.getByTestId('tour-start').count())) await page.getByTestId('tours-button').click();
  await page.getByTestId('tour-start').waitFor();
}

test('the start screen lists the five tours as cards, in both languages', async () => {
  const page = app.page;
  await page.getByTestId('tour-start').waitFor();
  for (const t of TOURS) {
    const card = page.getByTestId(`tour-card-${t.id}`);
    assert.equal(await card.getAttribute('type'), 'button');
    assert.ok(((await card.textContent()) ?? '').includes(t.title.en));
  }
  await page.getByRole('button', { name: '中文' }).click();
  assert.ok(
    ((await page.getByTestId(`tour-card-${TOURS[0]!.id}`).textContent()) ?? '').includes(TOURS[0]!.title.zh),
  );
  await page.getByRole('button', { name: 'English' }).click();
  await app.screenshot('tour-start-screen');
});

for (const tour of TOURS) {
  test(`tour "${tour.id}": one click from the start screen, stepped to its end`, async () => {
    const page = app.page;
    const { r, input } = expected(tour.id);
    assert.deepEqual(r.problems, []);
    const steps = r.steps;
    await openStartScreen();
    await page.getByTestId(`tour-card-${tour.id}`).click();
    await waitForCapture(page, `${tour.recording}.pcap`);
    await page.getByTestId('tour-player').waitFor();
    assert.equal(await attr('tour-player', 'data-tour'), tour.id);

    let prevText = '';
    let prevFrame = -1;
    const statesSeen = new Set<string>();
    let checkedNumbers = false;
    const mid = Math.floor(steps.length / 2);
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      if (i > 0) {
        if (i % 2) await page.getByTestId('tour-next').click();
        else await page.keyboard.press('ArrowRight');
      }
      await atStep(i + 1, s.frame);
      // The highlighted packet is the step's and it moved.
      assert.equal(await selectedFrame(page), s.frame);
      assert.notEqual(s.frame, prevFrame, `${s.id}: the highlighted packet changes`);
      prevFrame = s.frame;
      // The narration is the step's, filled from this capture, and it changed.
      const text = await narration();
      assert.equal(text, s.narration.en, `${s.id} narration`);
      assert.notEqual(text, prevText, `${s.id}: the narration changes`);
      prevText = text;
      // Quoted numbers are marked with the fact they are.
      for (const [k, v] of Object.entries(s.facts))
        assert.equal(
          await page.locator(`[data-testid="tour-narration"] [data-fact="${k}"]`).first().textContent(),
          String(v),
        );
      // The view the step names is the selected tab.
      await page.waitForFunction(
        (v) => document.querySelector(`[data-testid="tab-${v}"]`)?.getAttribute('aria-selected') === 'true',
        s.view,
        { timeout: 5000 },
      );
      if (s.view === 'steps') {
        await page.getByTestId('state-machines').waitFor();
        const row = input.timeline.connections.flatMap((c) => c.rows).find((x) => x.frame === s.frame)!;
        const client = await attr('state-diagram-client', 'data-current');
        const server = await attr('state-diagram-server', 'data-current');
        if (row.states[0] !== 'CLOSED') assert.equal(client, row.states[0], `${s.id} client state`);
        if (row.states[1] !== 'CLOSED') assert.equal(server, row.states[1], `${s.id} server state`);
        statesSeen.add(`${client}/${server}`);
        assert.match((await page.getByTestId('step-position').textContent()) ?? '', new RegExp(`${s.frame}`));
      }
      // Once per tour: a number the narration shows equals the packet's own field in the Detail tab.
      const key = (['ack', 'seq', 'len', 'clientPort'] as const).find((k) => k in s.facts);
      if (!checkedNumbers && key) {
        const shown = Number(
          await page.locator(`[data-testid="tour-narration"] [data-fact="${key}"]`).first().textContent(),
        );
        const tcp = await detailTcp(s.frame);
        const fromClient = row0Dir(input, s.frame) === 0;
        const field =
          key === 'clientPort' ? (fromClient ? tcp.srcPort : tcp.dstPort) : tcp[key as 'ack' | 'seq' | 'len'];
        assert.equal(shown, field, `${s.id}: narration ${key} = the packet's ${key}`);
        checkedNumbers = true;
        // Back to the step's view, as the tour left it.
        await page.getByTestId(`tab-${s.view}`).click();
      }
      if (i === mid) {
        await app.screenshot(`tour-${tour.id}`);
        // 中文: the same step in Chinese.
        await page.getByRole('button', { name: '中文' }).click();
        await page.waitForFunction(
          (zh) => document.querySelector('[data-testid="tour-narration"]')?.textContent === zh,
          s.narration.zh,
          { timeout: 5000 },
        );
        assert.match(await narration(), /[\u4e00-\u9fff]/);
        assert.match((await page.getByTestId('tour-position').textContent()) ?? '', /第/);
        if (tour.id === 'websocket-life') await app.screenshot(`tour-${tour.id}-zh`);
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForFunction(
          (en) => document.querySelector('[data-testid="tour-narration"]')?.textContent === en,
          s.narration.en,
          { timeout: 5000 },
        );
        // ← goes back one step, → returns.
        if (i > 0) {
          await page.keyboard.press('ArrowLeft');
          await atStep(i, steps[i - 1]!.frame);
          await page.keyboard.press('ArrowRight');
          await atStep(i + 1, s.frame);
        }
      }
    }
    assert.ok(checkedNumbers, 'a narration number was checked against the packet');
    if (steps.some((s) => s.view === 'steps'))
      assert.ok(statesSeen.size > 1, `the highlighted TCP state changed: ${[...statesSeen].join(' → ')}`);
    // At the end: Next and End are disabled; Esc leaves the tour, the capture stays open.
    assert.equal(await page.getByTestId('tour-next').isDisabled(), true);
    assert.equal(await page.getByTestId('tour-end').isDisabled(), true);
    await page.keyboard.press('Escape');
    await page.getByTestId('tour-player').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('capture-name').textContent(), `${tour.recording}.pcap`);
  });
}

test('End jumps to the last step; the Tours button reopens the start screen over an open capture', async () => {
  const page = app.page;
  const { r } = expected('websocket-life');
  await openStartScreen();
  await page.getByTestId('tour-card-websocket-life').click();
  await page.getByTestId('tour-player').waitFor();
  await atStep(1, r.steps[0]!.frame);
  await page.getByTestId('tour-end').click();
  await atStep(r.steps.length, r.steps.at(-1)!.frame);
  await page.getByTestId('tours-button').click();
  await page.getByTestId('tour-start').waitFor();
  assert.equal(await page.getByTestId('tour-player').count(), 0);
  await page.getByTestId('tour-start-close').click();
  await page.getByTestId('tour-player').waitFor();
  assert.deepEqual(
    app.errors.filter((e) => !/favicon/.test(e)),
    [],
  );
});

function row0Dir(input: ReturnType<typeof tourInput>, frame: number): 0 | 1 {
  for (const c of input.timeline.connections) {
    const r = c.rows.find((x) => x.frame === frame);
    if (r) return r.dir;
  }
  throw new Error(`no row for frame ${frame}`);
}
