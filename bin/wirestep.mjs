#!/usr/bin/env -S node --max-semi-space-size=1
// (The engine's per-packet objects die young: a 1 MiB young generation keeps peak memory near what
// the analysis really holds — measured ~184 instead of ~205 bytes/packet, at no CPU cost. V8 reads
// this flag only at start-up, hence the shebang; `node bin/wirestep.mjs` works too, without it.)
// The `wirestep` command. dist/cli.mjs is built by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('wirestep: dist/cli.mjs is missing; run `npm run build` in the wirestep folder first.\n');
  process.exit(2);
}
const { main } = await import(built);
process.exitCode = await main(process.argv.slice(2));
