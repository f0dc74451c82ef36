// `npm start [-- FILE]`: opens Wirestep on FILE, or on the bundled sample capture.
// Today this is the command-line analysis; the desktop window (Electron) and the browser UI
// arrive with the renderer and desktop issues and will be started from here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] ?? join(root, 'samples/wirestep-sample.pcap');
if (!existsSync(join(root, 'dist/cli.mjs'))) {
  const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
if (!process.argv[2]) console.log(`(no file given: opening the bundled sample ${file})\n`);
const r = spawnSync(process.execPath, [join(root, 'bin/wirestep.mjs'), 'analyze', file], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
