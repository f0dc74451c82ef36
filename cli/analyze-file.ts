// What every command does with its FILE: stream it through the engine (a missing or unreadable
// file is a one-line user error), and afterwards report the file's own problems on stderr, one
// line each with the byte offset, choosing the exit status (see main.ts).
import { Analyzer, type AnalysisResult, type AnalyzeOptions } from '../core/analyze.ts';
import type { CaptureSummary } from '../core/analyze.ts';
import { streamFile } from './read-file.ts';
import { CliError, EXIT } from './exit.ts';

export function analyzeFile(file: string, options: AnalyzeOptions = {}): AnalysisResult {
  const analyzer = new Analyzer(options);
  try {
    streamFile(file, (chunk) => {
      analyzer.push(chunk);
      return analyzer.stopped;
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code) throw new CliError(EXIT.cannotOpen, `cannot read '${file}': ${err.message}`);
    throw e;
  }
  return analyzer.end();
}

/** Prints the file's warnings and fatal error (if any) and returns the exit status. */
export function reportCaptureProblems(file: string, c: CaptureSummary): number {
  for (const w of c.warnings) {
    process.stderr.write(`wirestep: ${file}: warning: ${w.message} (byte offset ${w.offset}) [${w.id}]\n`);
  }
  if (c.error) {
    process.stderr.write(
      `wirestep: ${file}: ${c.error.message} (byte offset ${c.error.offset}) [${c.error.id}]; ` +
        `${c.packets} packet${c.packets === 1 ? '' : 's'} before it analysed\n`,
    );
    return EXIT.stopped;
  }
  return c.warnings.length > 0 ? EXIT.damaged : EXIT.ok;
}
