// `npm run web [-- --port N] [-- --host H]`: Wirestep in a browser. Serves the built renderer on
// 127.0.0.1 (by default) with a random token in the URL, and prints the URL to open.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebServer } from './web-server.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'renderer', 'dist');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
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
const web = await startWebServer({ root: dist, host, port: arg('--port') ? Number(arg('--port')) : 0 });
console.log(
  `Wirestep is running. Open this URL in your browser (it carries the access token):\n\n  ${web.url}\n\nPress Ctrl+C to stop.`,
);
const stop = () => void web.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
