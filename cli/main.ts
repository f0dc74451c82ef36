// `wirestep` on the command line: the engine without a window.
//   wirestep analyze FILE [--json]      summary, or wirestep.analysis/1 JSON
//   wirestep ladder FILE [--connection N] [--states] [--width N]   text ladder diagram(s)
//   wirestep steps FILE [--connection N] [--lang en|zh] [--json]   packet-by-packet explanations
//   wirestep help | --version
// Exit status: 0 clean; 1 the file is damaged but was read (problems listed on stderr);
// 2 reading stopped at damage (what came before it is still reported); 64 usage; 66 cannot open.

import { analyzeCommand } from './analyze-command.ts';
import { ladderCommand } from './ladder-command.ts';
import { stepsCommand } from './steps-command.ts';
import { EXIT, CliError } from './exit.ts';

const USAGE = `usage: wirestep <command> [options]

commands:
  analyze FILE [--json] [--no-dissect]
                          analyse a pcap/pcapng capture: connections, handshakes, teardown,
                          retransmissions, HTTP exchanges, WebSocket messages
                          (--json: the wirestep.analysis/1 document; --no-dissect: TCP only)
  ladder FILE [--connection N] [--states] [--width N]
                          packet ladder of connection N (default: every connection), with
                          HTTP/WebSocket labels, phases and metrics (--states: TCP states)
  steps FILE [--connection N] [--lang en|zh] [--json]
                          every packet explained in English or Chinese: what it does, the
                          TCP states after it, and the socket calls that caused it
  help                    this text

exit status: 0 clean, 1 file damaged but read, 2 reading stopped at damage, 64 usage, 66 cannot open`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'analyze':
        return analyzeCommand(rest);
      case 'ladder':
        return ladderCommand(rest);
      case 'steps':
        return stepsCommand(rest);
      case '--version':
      case '-V':
        process.stdout.write('wirestep 0.1.0\n');
        return EXIT.ok;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new CliError(EXIT.usage, `unknown command '${command}'\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`wirestep: ${e.message}\n`);
      return e.code;
    }
    // A bug: say so plainly, with the stack only when asked for.
    const err = e as Error;
    process.stderr.write(`wirestep: internal error: ${err.message}\n`);
    if (process.env.WIRESTEP_DEBUG) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write('wirestep: (set WIRESTEP_DEBUG=1 for details; please report this)\n');
    return EXIT.internal;
  }
}
