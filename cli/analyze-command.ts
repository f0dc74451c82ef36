import { toAnalysisJsonStream } from '../core/analysis-json.ts';
import { analyzeFile, reportCaptureProblems } from './analyze-file.ts';
import { CliError, EXIT } from './exit.ts';
import { formatSummary } from './summary.ts';
import { FdWriter, writeJson } from './json-text.ts';

interface AnalyzeArgs {
  file: string;
  json: boolean;
  stats: boolean;
  dissect: boolean;
}

function parseArgs(argv: string[]): AnalyzeArgs {
  let file: string | null = null;
  let json = false;
  let stats = false;
  let dissect = true;
  for (const a of argv) {
    if (a === '--json') json = true;
    else if (a === '--no-dissect')
      dissect = false; // TCP analysis only: faster on huge files
    else if (a === '--stats')
      stats = true; // resource use on stderr (for `npm run bench`)
    else if (a.startsWith('-')) throw new CliError(EXIT.usage, `analyze: unknown option '${a}'`);
    else if (file === null) file = a;
    else throw new CliError(EXIT.usage, `analyze: one file at a time ('${file}' and '${a}' given)`);
  }
  if (file === null)
    throw new CliError(EXIT.usage, 'analyze: which file? usage: wirestep analyze FILE [--json]');
  return { file, json, stats, dissect };
}

export function analyzeCommand(argv: string[]): number {
  const args = parseArgs(argv);
  const started = process.hrtime.bigint();
  const result = analyzeFile(args.file, args.dissect ? {} : { dissect: false });
  if (args.json) {
    // Streamed in batches: the document of a large capture is tens of MB, built from millions of pieces.
    const out = new FdWriter(1);
    writeJson(toAnalysisJsonStream(result), out.write);
    out.flush();
  } else {
    process.stdout.write(formatSummary(args.file, result));
  }

  if (args.stats) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const ru = process.resourceUsage();
    process.stderr.write(
      JSON.stringify({
        seconds,
        packets: result.capture.packets,
        bytes: result.capture.bytesRead,
        maxRssKiB: ru.maxRSS,
      }) + '\n',
    );
  }

  return reportCaptureProblems(args.file, result.capture);
}
