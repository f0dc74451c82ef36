// `npm run bench [-- FILE] [--runs N] [--no-renderer]`: times `wirestep analyze` against tshark on
// the same real loopback capture, beside a bare record walk (../shared/bench/pcap-walk.js), and prints
// packets/s, MB/s, peak RSS and the ratios. Without FILE it makes a ~20 MB capture with
// ../shared/bench/gen-capture.sh (needs root and tcpdump) under /tmp/bench/.
// Medians of N runs (default 3): this is a noisy 2-core machine. Then the renderer in Chromium
// (scripts/bench-renderer.mjs) on the same file, unless --no-renderer.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRendererBench } from './bench-renderer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared', 'bench');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const positional = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
let file = positional[0] ?? '/tmp/bench/bench-20.pcap';

if (!existsSync(file)) {
  if (positional[0]) fail(`no such file: ${file}`);
  const gen = join(shared, 'gen-capture.sh');
  if (!existsSync(gen)) fail(`no capture given and ${gen} is missing`);
  console.log(`making ${file} with gen-capture.sh (about 10 s)…`);
  const r = spawnSync('bash', [gen, '-s', '20', '-o', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) fail('gen-capture.sh failed (it needs root, tcpdump, python3)');
}
if (!existsSync(join(root, 'dist/cli.mjs'))) fail('dist/cli.mjs missing: run `npm run build` first');

function fail(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs a command under GNU time; returns wall seconds and peak RSS (KiB). */
function timed(cmd, cmdArgs) {
  const r = spawnSync('/usr/bin/time', ['-f', '@@TIME %e %M', cmd, ...cmdArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const m = /@@TIME ([\d.]+) (\d+)/.exec(r.stderr);
  if (!m) fail(`could not time ${cmd}: ${r.stderr.slice(-500)}`);
  return { seconds: Number(m[1]), rssKiB: Number(m[2]), stderr: r.stderr, status: r.status };
}

function measure(label, cmd, cmdArgs) {
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(timed(cmd, cmdArgs));
  return {
    label,
    seconds: median(rs.map((r) => r.seconds)),
    rssKiB: median(rs.map((r) => r.rssKiB)),
    last: rs[rs.length - 1],
  };
}

const bytes = statSync(file).size;
// Run as users do (npx / the bin on PATH): the shebang carries the node flags.
const cli = join(root, 'bin/wirestep.mjs');
const tcpOnly = measure('wirestep analyze (TCP only)', cli, ['analyze', file, '--no-dissect', '--stats']);
const full = measure('wirestep analyze (HTTP+WS)', cli, ['analyze', file, '--stats']);
const fullJson = measure('wirestep analyze --json', cli, ['analyze', file, '--json', '--stats']);
const stats = JSON.parse(full.last.stderr.split('\n').find((l) => l.startsWith('{')) ?? '{}');
const packets = stats.packets;
const tsharkTcp = measure('tshark fields (tcp)', 'tshark', [
  '-n',
  '-r',
  file,
  '-T',
  'fields',
  '-e',
  'frame.number',
  '-e',
  'tcp.stream',
  '-e',
  'tcp.flags',
  '-e',
  'tcp.len',
]);
const tsharkApp = measure('tshark fields (http, ws)', 'tshark', [
  '-n',
  '-r',
  file,
  '-T',
  'fields',
  '-e',
  'frame.number',
  '-e',
  'http.request.method',
  '-e',
  'websocket.opcode',
]);
const walk = existsSync(join(shared, 'pcap-walk.js'))
  ? measure('bare walk (pcap-walk.js)', process.execPath, [join(shared, 'pcap-walk.js'), file])
  : null;
const baseline = measure('node baseline', process.execPath, ['-e', '0']);

console.log(`\nfile: ${file}  ${(bytes / 1e6).toFixed(1)} MB, ${packets} packets, median of ${runs} runs\n`);
const rows = [tcpOnly, full, fullJson, tsharkTcp, tsharkApp, walk].filter(Boolean);
console.log(
  'what'.padEnd(30) +
    'seconds'.padStart(9) +
    'packets/s'.padStart(13) +
    'MB/s'.padStart(9) +
    'peak RSS MB'.padStart(13),
);
for (const r of rows) {
  console.log(
    r.label.padEnd(30) +
      r.seconds.toFixed(2).padStart(9) +
      Math.round(packets / r.seconds)
        .toLocaleString('en')
        .padStart(13) +
      (bytes / 1e6 / r.seconds).toFixed(1).padStart(9) +
      (r.rssKiB / 1024).toFixed(1).padStart(13),
  );
}
const verdict = (ok) => (ok ? 'met' : 'NOT met');
const tcpRatio = tsharkTcp.seconds / tcpOnly.seconds;
const appRatio = tsharkApp.seconds / full.seconds;
const perPacket = ((tcpOnly.rssKiB - baseline.rssKiB) * 1024) / packets;
console.log('');
console.log(
  `engine (capture → TCP): ${tcpRatio.toFixed(1)}× tshark's TCP fields run — target ≥ 20×: ${verdict(tcpRatio >= 20)}`,
);
console.log(
  `memory (capture → TCP): ${perPacket.toFixed(0)} bytes/packet above node's ${(baseline.rssKiB / 1024).toFixed(1)} MB baseline — target < 200: ${verdict(perPacket < 200)}`,
);
console.log(
  `dissection (HTTP + WebSocket): ${appRatio.toFixed(1)}× tshark's http/websocket fields run — target ≥ 10×: ${verdict(appRatio >= 10)}`,
);
if (walk) {
  console.log(`engine time vs bare record walk: ${(tcpOnly.seconds / walk.seconds).toFixed(1)}×`);
  // The walk only frames records (node start-up + file read): no Node program can beat it, so its
  // ratio is the ceiling for both targets on this machine.
  console.log(
    `ceiling: the bare walk itself is ${(tsharkTcp.seconds / walk.seconds).toFixed(1)}× tshark's TCP run, ` +
      `${(tsharkApp.seconds / walk.seconds).toFixed(1)}× its http/websocket run`,
  );
}

if (!args.includes('--no-renderer')) {
  await runRendererBench({ file, runs, cli: { seconds: full.seconds, packets } });
}
