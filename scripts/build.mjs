// Bundles the command-line entry point into dist/ so that `npx wirestep` and the benchmark run
// plain JavaScript (no TypeScript loader at start-up). Runs on `npm install` (prepare) and
// `npm run build`. Then builds the renderer with Vite (renderer/ → renderer/dist/; also
// `npm run build:renderer` alone).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist'), { recursive: true });

await build({
  entryPoints: [join(root, 'cli/main.ts')],
  outfile: join(root, 'dist/cli.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // pako is bundled too: the CLI then starts from one file.
  banner: {
    js: "import { createRequire as __wsCreateRequire } from 'node:module'; const require = __wsCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// The renderer: skipped (with a note) where Vite is not installed, e.g. a production-only install.
let vite = null;
try {
  vite = await import('vite');
} catch {
  console.warn('build: vite is not installed; skipping the renderer build');
}
if (vite) await vite.build({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
