// `npm run web [-- FILE] [--port N] [--host H] [--no-capture]`: Wirestep in a browser. Serves the
// built renderer and the host API (live capture, demo lab; host-api.ts) on 127.0.0.1 (by default)
// with a random token in the URL, prints the URL (and opens it when a desktop is available). FILE,
// if given, opens first; otherwise the bundled sample does. `--no-capture`: static files only.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { startWebServer } from './web-server.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'renderer', 'dist');
const argv = process.argv.slice(2);

function arg(name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

if (!existsSync(join(dist, 'index.html'))) {
  console.error('wirestep web: renderer/dist is missing; run `npm run build` first');
  process.exit(1);
}
const host = arg('--host') ?? '127.0.0.1';
if (host !== '127.0.0.1' && host !== '::1' && host !== 'localhost') {
  console.error(
    `wirestep web: serving on ${host} exposes your captures to that network; only the token protects them`,
  );
}
const VALUE_FLAGS = new Set(['--port', '--host']);
const capture = argv.find((a, i) => !a.startsWith('--') && !VALUE_FLAGS.has(argv[i - 1] ?? ''));
if (capture && !existsSync(capture)) {
  console.error(`wirestep web: no such file: ${capture}`);
  process.exit(66);
}
const files = capture ? { [basename(capture)]: resolve(capture) } : undefined;
const web = await startWebServer({
  root: dist,
  host,
  port: arg('--port') ? Number(arg('--port')) : 0,
  files,
  api: argv.includes('--no-capture') ? false : {},
});
const url = capture ? `${web.url}&open=${encodeURIComponent(basename(capture))}` : web.url;
console.log(
  `Wirestep is running. Open this URL in your browser (it carries the access token):\n\n  ${url}\n\nPress Ctrl+C to stop.`,
);
if (!argv.includes('--no-capture')) {
  console.log(
    `Live capture and the demo lab run a capture agent as this user (${process.getuid?.() === 0 ? 'root' : 'not root'}); without capture rights the page says how to grant them (native-notes/capture-permissions.md) and the demo lab plays its recordings.`,
  );
}
if (process.env.DISPLAY || process.platform === 'darwin' || process.platform === 'win32') {
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(opener, [url], { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}
const stop = () => void web.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
