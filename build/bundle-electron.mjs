// Bundles the Electron side into out/electron/ for `electron .` and electron-builder:
//   main.mjs           electron/main/index.ts      ESM (Electron >= 28 loads an ESM main)
//   preload.cjs        electron/preload/index.ts   CommonJS, one file: a sandboxed preload can
//                                                  require only `electron` and a few built-ins
//   capture-agent.mjs  electron/capture/agent.ts   ESM, run as a utilityProcess
// `electron` is provided by the runtime and `cap` is a native addon loaded from node_modules
// (app.asar.unpacked when packaged), so both stay external. Runs here (esbuild only, no Electron).
import { build } from 'esbuild';
import console from 'node:console';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir DIR` (tests bundle into a temporary folder).
const at = process.argv.indexOf('--outdir');
const out = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : join(root, 'out/electron');
// ESM bundles of CommonJS dependencies (ws) call require(): give them one.
const requireShim =
  "import { createRequire as __wsCreateRequire } from 'node:module'; const require = __wsCreateRequire(import.meta.url);";
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  // ws's optional native speed-ups; it falls back to JavaScript without them.
  external: ['electron', 'cap', 'bufferutil', 'utf-8-validate'],
};

await Promise.all([
  build({
    ...common,
    entryPoints: [join(root, 'electron/main/index.ts')],
    outfile: join(out, 'main.mjs'),
    format: 'esm',
    banner: { js: requireShim },
  }),
  build({
    ...common,
    entryPoints: [join(root, 'electron/preload/index.ts')],
    outfile: join(out, 'preload.cjs'),
    format: 'cjs',
    target: 'chrome140',
    platform: 'browser',
  }),
  build({
    ...common,
    entryPoints: [join(root, 'electron/capture/agent.ts')],
    outfile: join(out, 'capture-agent.mjs'),
    format: 'esm',
    banner: { js: requireShim },
  }),
]);
console.log(`bundled the Electron main, preload and capture agent into ${out}`);
