// Reads the markdown golden fixtures of test/fixtures/http1/*.md (modelled on llhttp's
// test/request/*.md) and renders what the parser reported as a readable event log.
//
// A fixture file holds cases. Each case is a `## name` heading, a ```wire block and a ```log block.
// Wire syntax: `#N >` (client → server) or `#N <` (server → client) starts frame N; options after
// it: `gap=LEN` (LEN bytes lost before this frame's data), `fin`, `rst`, `eof` (the direction ends
// after the data), `lf` (lines end in LF, not CRLF). Each following line is payload ending in CRLF,
// except a line ending in a lone `\` (no line ending). Escapes: \r \n \t \\ \xHH, and `\#` for a
// payload line starting with '#'.

import { readFileSync, writeFileSync } from 'node:fs';
import { Http1Parser } from '../../../core/dissect/http1/index.ts';
import type {
  DirectionLeftovers,
  HttpExchange,
  HttpHeader,
  HttpMessage,
  HttpRequest,
  HttpResponse,
} from '../../../core/dissect/http1/index.ts';
import type { Http1Options } from '../../../core/dissect/http1/types.ts';

export interface WireFrame {
  frame: number;
  dir: 0 | 1;
  data: Uint8Array;
  gap: number;
  end: 'fin' | 'rst' | 'eof' | null;
}

export interface FixtureCase {
  name: string;
  frames: WireFrame[];
  log: string;
  options: Http1Options;
}

function unescape(line: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c !== '\\') {
      const code = c.charCodeAt(0);
      if (code > 0xff) throw new Error(`non-Latin-1 character in fixture: ${c}`);
      out.push(code);
      continue;
    }
    const n = line[++i];
    if (n === 'r') out.push(13);
    else if (n === 'n') out.push(10);
    else if (n === 't') out.push(9);
    else if (n === '\\') out.push(92);
    else if (n === '#') out.push(35);
    else if (n === 'x') {
      out.push(parseInt(line.slice(i + 1, i + 3), 16));
      i += 2;
    } else throw new Error(`bad escape \\${n}`);
  }
  return out;
}

export function parseWire(text: string): WireFrame[] {
  const frames: WireFrame[] = [];
  let cur: (WireFrame & { bytes: number[]; lf: boolean }) | null = null;
  const flush = (): void => {
    if (cur)
      frames.push({
        frame: cur.frame,
        dir: cur.dir,
        data: Uint8Array.from(cur.bytes),
        gap: cur.gap,
        end: cur.end,
      });
  };
  for (const raw of text.split('\n')) {
    const m = /^#(\d+) ([<>])(.*)$/.exec(raw);
    if (m) {
      flush();
      const opts = m[3]!.trim().split(/\s+/).filter(Boolean);
      cur = {
        frame: Number(m[1]),
        dir: m[2] === '>' ? 0 : 1,
        data: new Uint8Array(0),
        gap: 0,
        end: null,
        bytes: [],
        lf: false,
      };
      for (const o of opts) {
        if (o === 'fin' || o === 'rst' || o === 'eof') cur.end = o;
        else if (o === 'lf') cur.lf = true;
        else if (o.startsWith('gap=')) cur.gap = Number(o.slice(4));
        else throw new Error(`unknown frame option ${o}`);
      }
      continue;
    }
    if (cur === null) {
      if (raw.trim() === '') continue;
      throw new Error(`payload before the first frame header: ${raw}`);
    }
    const noEnd = /(^|[^\\])(\\\\)*\\$/.test(raw);
    const body = noEnd ? raw.slice(0, -1) : raw;
    cur.bytes.push(...unescape(body));
    if (!noEnd) cur.bytes.push(...(cur.lf ? [10] : [13, 10]));
  }
  flush();
  return frames;
}

export function readFixtures(path: string): FixtureCase[] {
  const text = readFileSync(path, 'utf8');
  const cases: FixtureCase[] = [];
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const name = part.slice(0, part.indexOf('\n')).trim();
    const wire = /```wire\n([\s\S]*?)```/.exec(part);
    const log = /```log\n([\s\S]*?)```/.exec(part);
    const opts = /<!-- options: (.*) -->/.exec(part);
    if (!wire) throw new Error(`case ${name} has no wire block`);
    cases.push({
      name,
      frames: parseWire(wire[1]!.replace(/\n$/, '')),
      log: log ? log[1]!.replace(/\n$/, '') : '',
      options: opts ? (JSON.parse(opts[1]!) as Http1Options) : {},
    });
  }
  return cases;
}

/** Rewrites the ```log blocks of a fixture file (UPDATE_GOLDEN=1). */
export function writeLogs(path: string, logs: Map<string, string>): void {
  const text = readFileSync(path, 'utf8');
  const parts = text.split(/^## /m);
  const out = [parts[0]!];
  for (const part of parts.slice(1)) {
    const name = part.slice(0, part.indexOf('\n')).trim();
    const log = logs.get(name);
    if (log === undefined) {
      out.push(part);
      continue;
    }
    const block = '```log\n' + log + '\n```';
    out.push(
      /```log\n[\s\S]*?```/.test(part)
        ? part.replace(/```log\n[\s\S]*?```/, () => block)
        : part.replace(/(```wire\n[\s\S]*?```\n)/, (w) => `${w}\n${block}\n`),
    );
  }
  writeFileSync(path, out.join('## '));
}

// ---- rendering -------------------------------------------------------------------------------

function show(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 13) s += '\\r';
    else if (b === 10) s += '\\n';
    else if (b === 92) s += '\\\\';
    else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += '\\x' + b.toString(16).padStart(2, '0');
  }
  return s;
}

function span(s: { start: number; end: number } | null): string {
  return s ? `${s.start}-${s.end}` : '-';
}

function fields(kind: string, list: HttpHeader[]): string[] {
  return list.map(
    (h) =>
      `  ${kind} ${h.name}: ${h.value} @${h.start}-${h.end} value@${h.valueStart}-${h.valueEnd}${h.invalid ? ' invalid' : ''}`,
  );
}

function message(which: string, x: HttpExchange, m: HttpMessage): string[] {
  const head =
    m.dir === 0
      ? `${(m as HttpRequest).method} ${(m as HttpRequest).target} ${m.version}`
      : `${m.version} ${(m as HttpResponse).status} ${JSON.stringify((m as HttpResponse).reason)}`;
  const flags = [
    m.complete ? 'complete' : 'INCOMPLETE',
    m.headersComplete ? null : 'headers-incomplete',
    m.bodyComplete ? null : 'body-incomplete',
    m.missingBytes ? `missing=${m.missingBytes}` : null,
    m.contentLength !== null ? `cl=${m.contentLength}` : null,
    m.chunked ? `chunks=${m.chunkCount}` : null,
    m.closedBy ? `closedBy=${m.closedBy}` : null,
    m.keepAlive ? null : 'no-keepalive',
  ].filter(Boolean);
  const lines = [
    `${which} #${x.index} ${head} frames=${m.firstFrame}/${m.headersFrame ?? '-'}/${m.frame ?? '-'} span=${span(m.span)} start=${span(m.startLine)} hdr=${m.headerBytes} body=${m.framing}@${span(m.body)} ${m.bodyWireBytes}/${m.bodyBytes} ${flags.join(' ')}`,
    ...fields('H', m.headers),
    ...m.chunks.map(
      (c) =>
        `  C ${c.size} size@${span(c.sizeLine)} data@${span(c.data)}${c.extensions !== undefined ? ` ext=${JSON.stringify(c.extensions)}` : ''}`,
    ),
    ...fields('T', m.trailers),
  ];
  if (which === 'response') {
    const f = [
      x.persistent ? 'persistent' : 'not-persistent',
      x.upgradeRequested ? 'upgrade-requested' : null,
      x.expectContinue ? 'expect-continue' : null,
      x.upgrade ? `upgrade=${x.upgrade.protocol}` : null,
      x.tunnel ? 'tunnel' : null,
      x.interim.length ? `interim=${x.interim.map((r) => r.status).join(',')}` : null,
      x.request ? null : 'unmatched',
      x.requestLost ? 'request-lost' : null,
    ].filter(Boolean);
    lines.push(`  exchange ${f.join(' ')} req=${x.requestFrame ?? '-'} res=${x.responseFrame ?? '-'}`);
  }
  return lines;
}

interface Routed {
  frame: number;
  offset: number;
  bytes: number[];
}

interface AfterSwitch {
  chunks: Routed[];
  gaps: string[];
  end: string | null;
}

/** What follows a switch, per direction: leftovers plus what the caller routes later, merged per frame. */
function routedLines(after: AfterSwitch[]): string[] {
  return after.map((a, dir) => {
    const chunks = a.chunks.map((c) => `[#${c.frame} @${c.offset} "${show(Uint8Array.from(c.bytes))}"]`);
    const extra = [a.gaps.length ? `gaps=${a.gaps.join(',')}` : '', a.end ? `end=${a.end}` : ''].filter(
      Boolean,
    );
    return `  ${dir === 0 ? 'c2s' : 's2c'} ${[...chunks, ...extra].join(' ') || '(none)'}`;
  });
}

function route(after: AfterSwitch[], dir: 0 | 1, frame: number, offset: number, data: Uint8Array): void {
  if (data.length === 0) return;
  const list = after[dir]!.chunks;
  const last = list[list.length - 1];
  if (last && last.frame === frame && last.offset + last.bytes.length === offset) last.bytes.push(...data);
  else list.push({ frame, offset, bytes: [...data] });
}

export interface RunResult {
  log: string;
  parser: Http1Parser;
}

/** How each frame's payload is cut into chunks: returns the cut points inside it. */
export type Splitter = (frameIndex: number, length: number) => number[];

export function run(frames: WireFrame[], options: Http1Options = {}, split: Splitter = () => []): RunResult {
  const log: string[] = [];
  let after: AfterSwitch[] | null = null;
  const takeOver = (l: DirectionLeftovers[]): void => {
    const a: AfterSwitch[] = [0, 1].map(() => ({ chunks: [], gaps: [], end: null }));
    for (const d of l) {
      for (const c of d.chunks) route(a, d.dir, c.frame, c.offset, c.data);
      for (const g of d.gaps) a[d.dir]!.gaps.push(`#${g.frame}@${g.offset}+${g.length}`);
      if (d.end) a[d.dir]!.end = `${d.end.reason}#${d.end.frame ?? '-'}`;
    }
    after = a;
  };
  const parser = new Http1Parser(
    {
      exchange: (x, which) => {
        const m =
          which === 'request'
            ? x.request!
            : which === 'response'
              ? x.response!
              : x.interim[x.interim.length - 1]!;
        log.push(...message(which, x, m));
      },
      upgrade: (x, l) => {
        log.push(`upgrade #${x.index} protocol=${x.upgrade?.protocol}`);
        takeOver(l);
      },
      tunnel: (x, l) => {
        log.push(`tunnel #${x.index}`);
        takeOver(l);
      },
      diagnostic: (d, at) =>
        log.push(
          `diag ${d.id} ${d.severity} frame=${d.frame ?? '-'}${at ? ` dir=${at.dir} @${span(at.span)}` : ''}`,
        ),
    },
    options,
  );
  const offsets = [0, 0];
  frames.forEach((f, i) => {
    if (f.gap > 0) {
      if (after !== null)
        (after as AfterSwitch[])[f.dir]!.gaps.push(`#${f.frame}@${offsets[f.dir]}+${f.gap}`);
      else parser.gap(f.dir, offsets[f.dir]!, f.gap, f.frame);
      offsets[f.dir]! += f.gap;
    }
    const cuts = [0, ...split(i, f.data.length).filter((c) => c > 0 && c < f.data.length), f.data.length];
    for (let k = 0; k + 1 < cuts.length; k++) {
      // Fresh copies that are scribbled over after the call: the parser must not keep borrowed bytes.
      const piece = f.data.slice(cuts[k], cuts[k + 1]);
      // After a switch the caller routes the bytes elsewhere, as core/dissect would.
      if (after !== null) route(after, f.dir, f.frame, offsets[f.dir]!, piece);
      else if (piece.length > 0) parser.push(f.dir, { data: piece, frame: f.frame, offset: offsets[f.dir]! });
      offsets[f.dir]! += piece.length;
      piece.fill(0xee);
    }
    if (f.end && after !== null) (after as AfterSwitch[])[f.dir]!.end = `${f.end}#${f.frame}`;
    // Closes still go to the parser after a switch: its connection summary counts them.
    if (f.end) parser.end(f.dir, f.end, f.frame);
  });
  parser.finish();
  if (after !== null) log.push('after switch:', ...routedLines(after as AfterSwitch[]));
  const s = parser.connectionSummary();
  const lost = parser.exchanges.flatMap((x) => [
    ...(x.requestLost ? [`#${x.index}:request`] : []),
    ...(x.responseLost ? [`#${x.index}:response`] : []),
  ]);
  if (lost.length > 0) log.push(`lost ${lost.join(' ')}`);
  log.push(
    `summary closedBy=${s.closedBy ?? '-'} persistent=${s.persistent} short=${s.shortConnection} reused=${s.reused} exchanges=${parser.exchanges.length}`,
  );
  return { log: log.join('\n'), parser };
}
