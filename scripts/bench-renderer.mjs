// The renderer half of `npm run bench`: opens the benchmark capture in headless Chromium (the built
// renderer served on 127.0.0.1) and times, from navigation start, the first packet rows on screen
// and the full model in (no loading bar, status bar packet count = the CLI's); then pans and zooms
// the ladder of a synthetic one-connection capture of ≥ 100k packets and times each step.
// Targets (issue): first rows ≤ 1 s, full load ≤ 1.3× the CLI's time, frame ≤ 20 ms.
// The "stages" line says where the load time goes: the page's performance marks `wirestep:*` (the
// worker's stages carried over to the page's clock: started (worker script running), request (the
// `?open=` request in), open (response headers in: the capture is analysed while it downloads),
// partial, read, analysis, timeline, ladder (packed), rows, packets/ws packing, post, posted), in
// ms from navigation start. (With `?open=` the worker fetches the capture, so the page's resource
// timing no longer shows the download.)
//   node scripts/bench-renderer.mjs [FILE] [--runs N]      (or through scripts/bench.mjs)
/* global window, document, performance, WheelEvent, requestAnimationFrame -- page.evaluate bodies run in the page */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_TYPES, buildRenderer, rendererStale } from './renderer-dist.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// WIRESTEP_BENCH_DIST: a build of the renderer elsewhere (used as is, not rebuilt), e.g. to
// compare two builds without touching renderer/dist.
const distOverride = process.env.WIRESTEP_BENCH_DIST;
const dist = distOverride ? normalize(distOverride) : join(root, 'renderer/dist');
const LADDER_FILE = '/tmp/wirestep-bench-ladder-100k.pcap';
const LADDER_EXCHANGES = 50_000; // 2 packets each + handshake and teardown: 100,006 packets

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};
const verdict = (ok) => (ok ? 'met' : 'NOT met');

/** Builds renderer/dist when missing or older than its sources; false if that failed. */
function ensureBuilt(log) {
  if (distOverride) return existsSync(join(dist, 'index.html'));
  if (!rendererStale(root)) return true;
  log('building the renderer (npm run build:renderer)…');
  return buildRenderer(root, true);
}

/** Static server for renderer/dist plus `files/NAME` for the captures named here (what `?open=NAME` fetches). */
function serve(files) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const named = path.startsWith('/files/') ? files[path.slice('/files/'.length)] : undefined;
    const file = named ?? normalize(join(dist, path === '/' ? 'index.html' : path));
    if ((!named && !file.startsWith(dist + sep)) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${server.address().port}/`, server })),
  );
}

/** `wirestep analyze FILE --stats`, median wall seconds of `runs` and the packet count. */
function cliTime(file, runs) {
  const secs = [];
  let packets = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(join(root, 'bin/wirestep.mjs'), ['analyze', file, '--stats'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    secs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const stats = JSON.parse(r.stderr.split('\n').find((l) => l.startsWith('{')) ?? '{}');
    packets = stats.packets ?? 0;
  }
  return { seconds: median(secs), packets };
}

// Injected before the app's scripts: records, on the page's clock (0 = navigation start), when the
// first packet row is in the DOM and when the loading bar is gone with the status bar showing the
// expected packet count. Read at the next animation frame so the time includes a paint.
const WATCH = `(() => {
  const want = Number(new URLSearchParams(location.search).get('benchpackets'));
  const t = (window.__wirestepBench = { firstRows: null, loaded: null });
  const check = () => {
    if (t.firstRows === null && document.querySelector('[data-testid="packet-row"]')) {
      t.firstRows = -1;
      requestAnimationFrame(() => (t.firstRows = performance.now()));
    }
    if (t.loaded === null && !document.querySelector('[data-testid="loading"]')) {
      const bar = document.querySelector('[data-testid="statusbar"] span');
      const n = Number((bar?.textContent ?? '').replace(/[^0-9]/g, ''));
      if (n > 0 && n === want && document.querySelector('[data-testid="packet-row"]')) {
        t.loaded = -1;
        requestAnimationFrame(() => (t.loaded = performance.now()));
      }
    }
    if (t.loaded !== null && t.firstRows !== null) obs.disconnect();
  };
  const obs = new MutationObserver(check);
  const start = () => obs.observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-testid'] });
  start();
})();`;

async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

async function newPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 860 },
    locale: 'en-US',
    colorScheme: 'light',
  });
  await context.addInitScript({ content: WATCH });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** One cold load (fresh context) of `name`; seconds from navigation start. */
async function loadOnce(browser, url, name, packets) {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(`${url}?open=${encodeURIComponent(name)}&benchpackets=${packets}`);
    await page.waitForFunction(
      () => window.__wirestepBench.loaded > 0 && window.__wirestepBench.firstRows > 0,
      null,
      { timeout: 120_000 },
    );
    const r = await page.evaluate(() => {
      const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
      return {
        ...window.__wirestepBench,
        partialMark: mark('wirestep:partial'),
        doneMark: mark('wirestep:done'),
        marks: Object.fromEntries(
          performance
            .getEntriesByType('mark')
            .filter((m) => m.name.startsWith('wirestep:'))
            .map((m) => [m.name.slice('wirestep:'.length), m.startTime]),
        ),
        // The capture's own download (the `?open=` fetch) and the app's script.
        ...(() => {
          const times = (e) => (e ? { startTime: e.startTime, responseEnd: e.responseEnd } : null);
          const res = performance.getEntriesByType('resource');
          return {
            fetch: times(res.find((e) => e.name.includes('/files/'))),
            script: times(res.find((e) => /index-.*\.js$/.test(e.name))),
          };
        })(),
      };
    });
    return {
      firstRows: r.firstRows / 1000,
      loaded: r.loaded / 1000,
      done: r.doneMark === null ? null : r.doneMark / 1000,
      marks: {
        ...r.marks,
        firstRows: r.firstRows,
        loaded: r.loaded,
        ...(r.script ? { 'script-loaded': r.script.responseEnd } : {}),
        ...(r.fetch
          ? { 'capture-fetch-start': r.fetch.startTime, 'capture-fetched': r.fetch.responseEnd }
          : {}),
      },
    };
  } catch (e) {
    throw new Error(
      `${name}: ${e instanceof Error ? e.message.split('\n')[0] : e}${errors.length ? ` (page: ${errors[0]})` : ''}`,
      {
        cause: e,
      },
    );
  } finally {
    await context.close();
  }
}

/** Opens the ladder of the synthetic capture and pans/zooms it; per-step milliseconds. */
async function ladderFrames(browser, url, name, packets) {
  const { context, page } = await newPage(browser);
  try {
    await page.goto(`${url}?open=${encodeURIComponent(name)}&benchpackets=${packets}`);
    await page.waitForFunction(() => window.__wirestepBench.loaded > 0, null, { timeout: 120_000 });
    await page.getByTestId('overview-lane').nth(0).click();
    await page.getByTestId('tab-ladder').click();
    await page.getByTestId('ladder-svg').locator('g.row').first().waitFor({ timeout: 60_000 });
    return await page.evaluate(async () => {
      const svg = document.querySelector('[data-testid="ladder-svg"]');
      const box = svg.getBoundingClientRect();
      const wheel = (init) =>
        svg.dispatchEvent(
          new WheelEvent('wheel', {
            bubbles: true,
            cancelable: true,
            clientX: box.left + 300,
            clientY: box.top + 200,
            ...init,
          }),
        );
      // ~60 steps, as a user does: pan down, zoom in, zoom far out, pan while zoomed out (d3-zoom
      // pans on wheel, zooms on Ctrl+wheel by 2^(-deltaY × 0.02)), and one jump deep into the capture.
      const plan = [
        ...Array(20).fill({ deltaY: 173 }),
        { deltaY: 2_000_000 },
        ...Array(10).fill({ deltaY: -10, ctrlKey: true }),
        ...Array(15).fill({ deltaY: 10, ctrlKey: true }),
        ...Array(15).fill({ deltaY: 300 }),
      ];
      // (1) Synchronous: the transform, the redraw it triggers, and a forced style + layout.
      const sync = [];
      for (const init of plan) {
        const t0 = performance.now();
        wheel(init);
        void svg.querySelector('g.row, g.dense')?.getBoundingClientRect();
        sync.push(performance.now() - t0);
      }
      // (2) One step per animation frame, back where we started: the interval between frames
      // includes paint (capped below by the display rate, ~16.7 ms).
      const undo = plan.map((s) => ({ ...s, deltaY: -s.deltaY })).reverse();
      const framed = [];
      await new Promise((done) => {
        let i = 0;
        let last = 0;
        const tick = (ts) => {
          if (last) framed.push(ts - last);
          last = ts;
          if (i === undo.length) return done();
          wheel(undo[i++]);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      return { sync, framed: framed.slice(1), rows: svg.querySelectorAll('g.row').length };
    });
  } finally {
    await context.close();
  }
}

function makeLadderCapture(log) {
  if (existsSync(LADDER_FILE)) return true;
  log(`writing ${LADDER_FILE} (synthetic keep-alive connection, ${2 * LADDER_EXCHANGES + 6} packets)…`);
  const code =
    `import { keepAlivePcap } from ${JSON.stringify(join(root, 'test/renderer/synthetic-capture.ts'))};` +
    `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(LADDER_FILE)}, keepAlivePcap(${LADDER_EXCHANGES}));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return r.status === 0;
}

/**
 * Runs the renderer benchmark and prints its table. `cli` ({seconds, packets}) comes from
 * scripts/bench.mjs's `wirestep analyze FILE --stats` run; measured here when not given.
 * Never throws: a step that cannot run is reported as skipped.
 */
export async function runRendererBench({ file, runs = 3, cli, log = (m) => console.log(m) }) {
  const lines = [];
  if (!ensureBuilt(log)) {
    console.log('\nrenderer: skipped (the renderer build failed)');
    return;
  }
  cli ??= cliTime(file, runs);
  let ladderPackets = 0;
  const ladderOk = makeLadderCapture(log);
  if (ladderOk) ladderPackets = cliTime(LADDER_FILE, 1).packets;

  const name = basename(file);
  const files = { [name]: file };
  if (ladderOk) files[basename(LADDER_FILE)] = LADDER_FILE;
  const { url, server } = await serve(files);
  let browser;
  try {
    browser = await launch();
    const loads = [];
    for (let i = 0; i < runs; i++) loads.push(await loadOnce(browser, url, name, cli.packets));
    const firstRows = median(loads.map((l) => l.firstRows));
    const loaded = median(loads.map((l) => l.loaded));
    const done = loads.every((l) => l.done !== null) ? median(loads.map((l) => l.done)) : null;
    const ratio = loaded / cli.seconds;
    lines.push(`renderer, ${name} (${cli.packets} packets) in Chromium, median of ${runs} cold loads:`);
    lines.push(
      `  first packet rows: ${firstRows.toFixed(2)} s after navigation start — target ≤ 1 s: ${verdict(firstRows <= 1)}`,
    );
    lines.push(
      `  full load: ${loaded.toFixed(2)} s (worker done at ${done === null ? '?' : done.toFixed(2)} s) = ${ratio.toFixed(2)}× the CLI's ${cli.seconds.toFixed(2)} s — target ≤ 1.3×: ${verdict(ratio <= 1.3)}`,
    );
    lines.push(
      `  runs (first rows / full load, s): ${loads.map((l) => `${l.firstRows.toFixed(2)}/${l.loaded.toFixed(2)}`).join('  ')}`,
    );
    // Where the time goes (ms from navigation start, median per stage over the runs; worker stages
    // are marked by the worker on its clock and carried over to the page's).
    const names = Object.keys(loads[0].marks).filter((k) => loads.every((l) => l.marks[k] !== undefined));
    names.sort((a, b) => loads[0].marks[a] - loads[0].marks[b]);
    lines.push(
      `  stages (ms): ${names.map((k) => `${k} ${median(loads.map((l) => l.marks[k])).toFixed(0)}`).join(', ')}`,
    );
    if (ladderOk) {
      const f = await ladderFrames(browser, url, basename(LADDER_FILE), ladderPackets);
      const med = median(f.sync);
      const p95 = pct(f.sync, 0.95);
      lines.push(`ladder, one connection of ${ladderPackets} packets, ${f.sync.length} pan/zoom steps:`);
      lines.push(
        `  step (transform + redraw + forced layout): median ${med.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms — target ≤ 20 ms: ${verdict(p95 <= 20)}`,
      );
      lines.push(
        `  one step per animation frame (incl. paint): interval median ${median(f.framed).toFixed(1)} ms, p95 ${pct(f.framed, 0.95).toFixed(1)} ms (display-rate floor ~16.7 ms)`,
      );
    } else lines.push('ladder: skipped (could not write the synthetic capture)');
  } catch (e) {
    lines.push(`renderer: could not finish: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
  } finally {
    await browser?.close().catch(() => {});
    await new Promise((ok) => server.close(() => ok()));
  }
  console.log('\n' + lines.join('\n'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const file =
    args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1))[0] ??
    '/tmp/bench/bench-20.pcap';
  if (!existsSync(file)) {
    console.error(`bench-renderer: no such file: ${file}`);
    process.exit(1);
  }
  await runRendererBench({ file, runs });
}
