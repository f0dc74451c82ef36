// `wirestep steps FILE [--connection N] [--lang en|zh] [--json]`: the step-through model as text:
// for every TCP packet its frame, title, annotation, both endpoints' TCP states and the socket
// calls it implies. Same exit statuses as `analyze`.
import { buildSteps } from '../core/step/index.ts';
import type { Step } from '../core/step/index.ts';
import { analyzeFile, reportCaptureProblems } from './analyze-file.ts';
import { CliError, EXIT } from './exit.ts';
import { jsonText } from './json-text.ts';

export const STEPS_USAGE = 'wirestep steps FILE [--connection N] [--lang en|zh] [--json]';

type Lang = 'en' | 'zh';

interface StepsArgs {
  file: string;
  connection: number | null;
  lang: Lang;
  json: boolean;
}

function parseArgs(argv: string[]): StepsArgs {
  let file: string | null = null;
  let connection: number | null = null;
  let lang: Lang = 'en';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const [name, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (name === '--connection' || name === '-c') {
      const v = inline ?? argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) {
        throw new CliError(
          EXIT.usage,
          `steps: --connection wants a connection id (0, 1, ...), not '${v ?? ''}'; usage: ${STEPS_USAGE}`,
        );
      }
      connection = Number(v);
    } else if (name === '--lang') {
      const v = inline ?? argv[++i];
      if (v !== 'en' && v !== 'zh')
        throw new CliError(EXIT.usage, `steps: --lang is en or zh, not '${v ?? ''}'`);
      lang = v;
    } else if (name === '--json') json = true;
    else if (a.startsWith('-'))
      throw new CliError(EXIT.usage, `steps: unknown option '${a}'; usage: ${STEPS_USAGE}`);
    else if (file === null) file = a;
    else throw new CliError(EXIT.usage, `steps: one file at a time ('${file}' and '${a}' given)`);
  }
  if (file === null) throw new CliError(EXIT.usage, `steps: which file? usage: ${STEPS_USAGE}`);
  return { file, connection, lang, json };
}

const LABELS = {
  en: {
    client: 'client',
    server: 'server',
    states: 'states',
    calls: 'socket calls (inferred)',
    spec: 'spec',
    conn: 'connection',
    colon: ': ',
    comma: ', ',
  },
  zh: {
    client: '客户端',
    server: '服务器',
    states: '状态',
    calls: '套接字调用（推断）',
    spec: '规范',
    conn: '连接',
    colon: '：',
    comma: '，',
  },
} as const;

export function formatStep(s: Step, lang: Lang): string {
  const L = LABELS[lang];
  const arrow = s.dir === 0 ? `${L.client} → ${L.server}` : `${L.server} → ${L.client}`;
  const lines = [
    `frame ${s.frame}  ${s.time.toFixed(6)}s  ${L.conn} ${s.connection}  ${arrow}`,
    `  ${s.title[lang]}`,
  ];
  lines.push(`  ${s.annotation[lang]}`);
  const state = (i: 0 | 1) =>
    s.statesBefore[i] === s.states[i] ? s.states[i] : `${s.statesBefore[i]} → ${s.states[i]}`;
  lines.push(`  ${L.states}${L.colon}${L.client} ${state(0)}${L.comma}${L.server} ${state(1)}`);
  if (s.socketCalls.length > 0) {
    lines.push(`  ${L.calls}${L.colon.trim()}`);
    for (const c of s.socketCalls) lines.push(`    ${L[c.side]} ${c.call}()${L.colon}${c.note[lang]}`);
  }
  if (s.spec.length > 0)
    lines.push(`  ${L.spec}${L.colon}${s.spec.map((r) => `${r.rfc} ${r.section}`).join(L.comma)}`);
  return lines.join('\n') + '\n';
}

export function stepsCommand(argv: string[]): number {
  const args = parseArgs(argv);
  const result = analyzeFile(args.file, { rows: true });
  if (args.connection !== null && !result.connections.some((c) => c.tcp.id === args.connection)) {
    const n = result.connections.length;
    const valid = n === 0 ? 'the file has no TCP connections' : `valid ids: 0-${n - 1}`;
    throw new CliError(EXIT.usage, `steps: no connection ${args.connection} in '${args.file}' (${valid})`);
  }
  const steps = buildSteps(result, args.connection === null ? {} : { connection: args.connection });
  if (args.json) process.stdout.write(jsonText(steps));
  else if (steps.length === 0) process.stdout.write(`${args.file}: no TCP packets\n`);
  else process.stdout.write(steps.map((s) => formatStep(s, args.lang)).join('\n'));

  return reportCaptureProblems(args.file, result.capture);
}
