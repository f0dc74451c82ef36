// `npm start [-- FILE]`: opens Wirestep on FILE, or on the bundled sample capture.
// The desktop window needs Electron (installed on a machine with Node ≥ 22.12 and network access:
// see native-notes/packaging.md). Where Electron is not installed — as on this project's build and
// CI machines — the same UI opens in the browser through web mode (server/): a URL on 127.0.0.1
// carrying an access token is printed (and opened when a desktop is available).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2];
if (file && !existsSync(file)) {
  console.error(`wirestep: no such file: ${file}`);
  process.exit(66);
}
if (!existsSync(join(root, 'dist/cli.mjs')) || !existsSync(join(root, 'renderer/dist/index.html'))) {
  const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

function electronBinary() {
  try {
    const electron = createRequire(import.meta.url)('electron');
    return typeof electron === 'string' && existsSync(electron) ? electron : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
const mainBundle = join(root, 'out/electron/main.mjs');
if (electron && !existsSync(mainBundle)) {
  spawnSync(process.execPath, [join(root, 'build/bundle-electron.mjs')], { stdio: 'inherit' });
}
if (electron && existsSync(mainBundle)) {
  const child = spawn(electron, [mainBundle, ...(file ? [file] : [])], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('(Electron is not installed here: opening Wirestep in your browser instead.)');
  if (!file) console.log('(no file given: the bundled sample capture opens)');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'server/main.ts'), ...(file ? [file] : [])],
    {
      stdio: 'inherit',
    },
  );
  const stop = () => child.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
