#!/usr/bin/env node
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
