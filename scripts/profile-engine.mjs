// `node scripts/profile-engine.mjs FILE [--runs N] [--stage read|capture|decode|tcp|full]`: times
// the engine stage by stage on one capture, each stage in a fresh process (user CPU, peak RSS), so a
// regression can be pinned to the reader, the decoder, the TCP stage (tcp: Analyzer without
// dissection, as `analyze --no-dissect`) or dissection (full: HTTP + WebSocket too). Bundles core/analyze.ts
// with esbuild into a temporary file first (no TypeScript loader in the measurement).
//   --child STAGE FILE   (internal) run one stage and print its numbers as JSON
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (args[0] === '--child') {
  const [, stage, file, bundle] = args;
  const { Analyzer, createCaptureReader, decodePacket } = await import(pathToFileURL(bundle).href);
  const t0 = process.hrtime.bigint();
  let sink;
  let packets = 0;
  if (stage === 'capture' || stage === 'decode') {
    const reader = createCaptureReader({
      record: stage === 'capture' ? () => void packets++ : (rec) => void (decodePacket(rec).tcp && packets++),
    });
    sink = { push: (c) => reader.push(c), end: () => reader.end() };
  } else if (stage === 'tcp' || stage === 'full') {
    const a = new Analyzer(stage === 'tcp' ? { dissect: false } : {});
    sink = { push: (c) => a.push(c), end: () => void (packets = a.end().capture.packets) };
  } else {
    sink = { push: () => {}, end: () => {} };
  }
  const fd = openSync(file, 'r');
  const buf = new Uint8Array(4 * 1024 * 1024);
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n <= 0) break;
    sink.push(n === buf.length ? buf : buf.subarray(0, n));
  }
  closeSync(fd);
  sink.end();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const ru = process.resourceUsage();
  console.log(JSON.stringify({ stage, seconds, packets, userS: ru.userCPUTime / 1e6, maxRssKiB: ru.maxRSS }));
  process.exit(0);
}

const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '/tmp/bench/small.pcap';
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const stageAt = args.indexOf('--stage');
const stages = stageAt >= 0 ? [args[stageAt + 1]] : ['read', 'capture', 'decode', 'tcp', 'full'];

const dir = mkdtempSync(join(tmpdir(), 'wirestep-prof-'));
const entry = join(dir, 'entry.ts');
const bundle = join(dir, 'engine.mjs');
const { build } = await import('esbuild');
await build({
  stdin: {
    contents:
      "export { Analyzer } from './core/analyze.ts';\n" +
      "export { createCaptureReader } from './core/capture-file/open-capture.ts';\n" +
      "export { decodePacket } from './core/decode/decode-packet.ts';\n",
    resolveDir: root,
    loader: 'ts',
    sourcefile: entry,
  },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${file}, median of ${runs} runs (user CPU and peak RSS of the whole process)`);
for (const stage of stages) {
  const rs = [];
  for (let i = 0; i < runs; i++) {
    // The same young-generation size as bin/wirestep.mjs's shebang: GC time depends on it.
    const nodeFlags = ['--max-semi-space-size=1'];
    const r = spawnSync(
      process.execPath,
      [...nodeFlags, fileURLToPath(import.meta.url), '--child', stage, file, bundle],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    rs.push(JSON.parse(r.stdout));
  }
  console.log(
    stage.padEnd(8) +
      `user ${median(rs.map((r) => r.userS)).toFixed(3)} s`.padStart(16) +
      `in-process ${median(rs.map((r) => r.seconds)).toFixed(3)} s`.padStart(22) +
      `peak RSS ${(median(rs.map((r) => r.maxRssKiB)) / 1024).toFixed(1)} MB`.padStart(22) +
      `  packets ${rs[0].packets}`,
  );
}
