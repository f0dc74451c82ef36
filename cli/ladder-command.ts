// `wirestep ladder FILE [--connection N] [--states] [--width N]`: the text ladder of one
// connection, or of every connection one after another. Same exit statuses as `analyze`.
import { buildTimeline } from '../core/timeline/build-timeline.ts';
import { renderLadder } from '../core/timeline/ladder-text.ts';
import { analyzeFile, reportCaptureProblems } from './analyze-file.ts';
import { CliError, EXIT } from './exit.ts';

export const LADDER_USAGE = 'wirestep ladder FILE [--connection N] [--states] [--width N]';

interface LadderArgs {
  file: string;
  connection: number | null;
  states: boolean;
  width: number | undefined;
}

function intOption(name: string, value: string | undefined, min: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min) {
    throw new CliError(
      EXIT.usage,
      `ladder: ${name} wants a whole number${min > 0 ? ` ≥ ${min}` : ''}, not '${value ?? ''}'; usage: ${LADDER_USAGE}`,
    );
  }
  return Number(value);
}

function parseArgs(argv: string[]): LadderArgs {
  let file: string | null = null;
  let connection: number | null = null;
  let states = false;
  let width: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const [name, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (name === '--connection' || name === '-c')
      connection = intOption('--connection', inline ?? argv[++i], 0);
    else if (name === '--width') width = intOption('--width', inline ?? argv[++i], 24);
    else if (name === '--states') states = true;
    else if (a.startsWith('-'))
      throw new CliError(EXIT.usage, `ladder: unknown option '${a}'; usage: ${LADDER_USAGE}`);
    else if (file === null) file = a;
    else throw new CliError(EXIT.usage, `ladder: one file at a time ('${file}' and '${a}' given)`);
  }
  if (file === null) throw new CliError(EXIT.usage, `ladder: which file? usage: ${LADDER_USAGE}`);
  return { file, connection, states, width };
}

export function ladderCommand(argv: string[]): number {
  const args = parseArgs(argv);
  const result = analyzeFile(args.file, { rows: true });
  const timeline = buildTimeline(result);
  const all = timeline.connections;
  let chosen = all;
  if (args.connection !== null) {
    const c = all.find((x) => x.id === args.connection);
    if (!c) {
      const valid =
        all.length === 0 ? 'the file has no TCP connections' : `valid ids: ${idRanges(all.map((x) => x.id))}`;
      throw new CliError(EXIT.usage, `ladder: no connection ${args.connection} in '${args.file}' (${valid})`);
    }
    chosen = [c];
  }
  const opts = { showStates: args.states, width: args.width };
  process.stdout.write(chosen.map((c) => renderLadder(c, opts)).join('\n'));
  if (chosen.length === 0) process.stdout.write(`${args.file}: no TCP connections\n`);

  return reportCaptureProblems(args.file, result.capture);
}

/** "0-4, 7" for [0, 1, 2, 3, 4, 7]: a capture can have thousands of connections. */
export function idRanges(ids: number[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < ids.length) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j++;
    out.push(j > i ? `${ids[i]}-${ids[j]}` : String(ids[i]));
    i = j + 1;
  }
  return out.join(', ');
}
