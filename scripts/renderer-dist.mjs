// The built renderer (renderer/dist) as the e2e harness and the renderer bench both need it: is it
// older than its sources, build it, and the content types to serve it with. Plain JavaScript so
// `node scripts/bench-renderer.mjs` runs without a TypeScript loader; types in renderer-dist.d.mts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads (samples/: the sample and the recordings are copied into dist). */
const SOURCES = ['renderer/src', 'renderer/index.html', 'renderer/vite.config.ts', 'core', 'samples'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path))
    if (e !== 'node_modules' && e !== 'dist') m = Math.max(m, newestMtime(join(path, e)));
  return m;
}

/** True when `root`/renderer/dist is missing or older than any of its sources. */
export function rendererStale(root) {
  const index = join(root, 'renderer/dist/index.html');
  if (!existsSync(index)) return true;
  return Math.max(...SOURCES.map((p) => newestMtime(join(root, p)))) > statSync(index).mtimeMs;
}

/** Runs the Vite build of the renderer; true when it succeeded. `quiet` drops its stdout. */
export function buildRenderer(root, quiet = false) {
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(root, 'renderer/vite.config.ts'),
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] },
  );
  return r.status === 0 && existsSync(join(root, 'renderer/dist/index.html'));
}

/** Content types of the files a renderer build (and the captures it opens) consists of. */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pcap': 'application/vnd.tcpdump.pcap',
  '.pcapng': 'application/octet-stream',
};
