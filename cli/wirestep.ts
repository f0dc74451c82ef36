// Source entry for running the CLI without a build (tests, development):
//   node --import tsx cli/wirestep.ts analyze FILE
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
