/// <reference lib="dom" />
// e2e with a large capture (the sample repeated into 100k+ packets, built in the page): rows show
// up before the whole file is read, the list stays virtualised, the overview switches to canvas,
// and a load can be cancelled (the previous capture comes back).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, waitForCapture, selectedFrame, type App } from './harness.ts';

const COPIES = 1300;

let app: App;
before(async () => {
  app = await openApp();
  // Build the big capture once, in the page, from the bundled sample: each copy shifted by one
  // second and with its client ports moved so the copies are distinct connections.
  await app.page.evaluate(async (copies) => {
    const src = new Uint8Array(await (await fetch('./wirestep-sample.pcap')).arrayBuffer());
    const dv = new DataView(src.buffer);
    const recs: Array<[number, number]> = [];
    for (let o = 24; o + 16 <= src.length;) {
      const len = 16 + dv.getUint32(o + 8, true);
      recs.push([o, len]);
      o += len;
    }
    const server = dv.getUint16(24 + 16 + 14 + 20 + 2);
    const out = new Uint8Array(24 + copies * (src.length - 24));
    const odv = new DataView(out.buffer);
    out.set(src.subarray(0, 24));
    let w = 24;
    for (let k = 0; k < copies; k++) {
      for (const [ro, len] of recs) {
        out.set(src.subarray(ro, ro + len), w);
        odv.setUint32(w, dv.getUint32(ro, true) + k, true);
        const ip = w + 16 + 14;
        const tcp = ip + (out[ip]! & 15) * 4;
        if (out[ip + 9] === 6) {
          for (const po of [tcp, tcp + 2]) {
            const p = odv.getUint16(po);
            if (p !== server) odv.setUint16(po, 1024 + ((p + k * 7) % 64000));
          }
        }
        w += len;
      }
    }
    (window as unknown as { __big: File }).__big = new File([out], 'big.pcap');
  }, COPIES);
});
after(async () => {
  await app?.close();
});

function dropBig(): Promise<void> {
  return app.page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add((window as unknown as { __big: File }).__big);
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
}

test('a large capture shows rows before it is fully read, then stays virtualised', async () => {
  const page = app.page;
  // Watch for the partial state (rows listed while the loading bar is still up).
  const sawPartial = page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const check = () =>
          !!document.querySelector('[data-testid="loading"]') &&
          document.querySelector('[data-testid="capture-name"]')?.textContent === 'big.pcap' &&
          document.querySelectorAll('[data-testid="packet-row"]').length > 0;
        const mo = new MutationObserver(() => {
          if (check()) {
            mo.disconnect();
            resolve(true);
          }
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => resolve(false), 20000);
      }),
  );
  const t0 = Date.now();
  await dropBig();
  assert.equal(await sawPartial, true, 'rows were listed before the file was fully read');
  await waitForCapture(page, 'big.pcap');
  const loadMs = Date.now() - t0;
  const status = (await page.getByTestId('statusbar').textContent()) ?? '';
  const packets = Number(/(\d+) packets/.exec(status)?.[1]);
  assert.equal(packets, 77 * COPIES);
  const domRows = await page.locator('[data-testid="packet-row"]').count();
  assert.ok(domRows < 120, `${domRows} rows in the DOM`);
  // Dense overview: a canvas with one lane per connection.
  const lanes = Number(await page.getByTestId('overview-canvas').getAttribute('data-lanes'));
  assert.ok(lanes >= 6 * COPIES * 0.9, `${lanes} lanes`);
  // Jump to the end of the list and step: still instant.
  await page.getByTestId('packet-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.waitForFunction(
    (n) => !!document.querySelector(`[data-testid="packet-row"][data-frame="${n}"]`),
    packets,
  );
  await page.locator(`[data-testid="packet-row"][data-frame="${packets - 5}"]`).click();
  const s0 = Date.now();
  await page.keyboard.press('n');
  assert.equal(await selectedFrame(page), packets - 4);
  const stepMs = Date.now() - s0;
  assert.ok(stepMs < 1000, `N took ${stepMs} ms`);
  // Filtering 100k+ rows.
  const input = page.getByRole('textbox', { name: 'Display filter' });
  await input.fill('websocket and frame > 100000');
  await input.press('Enter');
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('[data-testid="packet-row"] .c-proto')).every(
      (e) => e.textContent === 'WebSocket',
    ),
  );
  await app.screenshot('large-capture');
  await page.getByRole('button', { name: 'Clear' }).click();
  console.log(
    `large capture: ${packets} packets, ${lanes} connections, loaded in ${loadMs} ms, N step ${stepMs} ms`,
  );
});

test('cancelling a load brings the previous capture back', async () => {
  const page = app.page;
  await page.getByRole('button', { name: 'Sample' }).click();
  await waitForCapture(page, 'wirestep-sample.pcap');
  await dropBig();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'));
  assert.equal(await page.getByTestId('capture-name').textContent(), 'wirestep-sample.pcap');
  assert.equal(await page.locator('[data-testid="overview-lane"]').count(), 6);
  // Frame reads still work against the sample after the cancel.
  await page.locator('[data-testid="packet-row"]').nth(2).click();
  assert.equal(await selectedFrame(page), 3);
});

test('the filter help says what contains matches (the listed text, not the packet bytes)', async () => {
  const page = app.page;
  const help = page.getByTestId('filter-help');
  await help.locator('summary').click();
  const text = (await page.getByTestId('filter-help-contains').textContent()) ?? '';
  assert.match(text, /source, destination, protocol and info/);
  assert.match(text, /does not search the packet bytes/);
  await help.locator('summary').click();
  assert.equal(await page.getByTestId('filter-help-contains').isVisible(), false);
});
