// The packet list's display filter: a small Wireshark-like language, parsed here (no engine code)
// into a predicate over PacketListRow. Grammar (precedence low → high):
//   expr    := and ( ('or' | '||') and )*
//   and     := unary ( ('and' | '&&') unary )*
//   unary   := ('not' | '!') unary | primary
//   primary := '(' expr ')' | 'port' NUMBER | ('contains' | 'matches') STRING
//            | FIELD [ ('=='|'!='|'eq'|'ne'|'>'|'<'|'>='|'<='|'contains'|'matches') VALUE ]
// `frame`, `tcp` and `tcp.payload` with `contains` / `matches` look in the packet bytes, as in
// Wireshark: the parse returns those byte needles (workers/byte-search-needle.ts), the worker
// searches the file for them (workers/byte-search.ts), and `bind(matches)` gives the predicate
// that reads its answer. A bare `contains` / `matches` (not Wireshark syntax) and those on list
// fields (info, protocol, addresses) look in the text the list shows.
// A bad expression gives an error with a 1-based column; the caller keeps the previous list.

import type { PacketListRow } from '../../model.ts';
import {
  isHexPair,
  latin1,
  needleKey,
  parseEscapedBytes,
  parseHexBytes,
  type ByteNeedle,
  type ByteScope,
} from '../../workers/byte-search-needle.ts';

export type Predicate = (row: PacketListRow) => boolean;
/** A predicate that also reads the byte search's answer: one bitset per needle, bit frame-1. */
type Test = (row: PacketListRow, matches: readonly Uint8Array[]) => boolean;

export interface FilterError {
  /** i18n key under `filter.error.*` and its parameters. */
  code:
    | 'unknown-field'
    | 'unexpected'
    | 'expected-value'
    | 'bad-number'
    | 'unclosed-string'
    | 'unclosed-paren'
    | 'bad-operator'
    | 'end'
    /** Not a byte string (e.g. `frame contains hello`: strings are quoted). */
    | 'bad-bytes'
    /** An escape such as \q or \x in a quoted string. */
    | 'bad-escape'
    /** `contains ""`: an empty needle. */
    | 'empty-needle'
    /** `matches` with an invalid regular expression. */
    | 'bad-regex'
    /** The byte search failed in the worker (token: why). */
    | 'search-failed';
  column: number;
  token: string;
  /** English text, e.g. "unknown field 'tcp.prot' at column 1". */
  message: string;
}

export type FilterResult =
  | {
      ok: true;
      /** Null: no filter. With byte needles, byte predicates are false until `bind` is given the matches. */
      predicate: Predicate | null;
      /** What the packet bytes must be searched for (empty when the filter reads only list fields). */
      needles: ByteNeedle[];
      /** The predicate given the search's answer (one bitset per needle, bit frame-1). */
      bind: (matches: readonly Uint8Array[]) => Predicate | null;
    }
  | { ok: false; error: FilterError };

interface Token {
  kind: 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'end';
  /** Strings: the text with backslash escapes removed (for list-text comparisons). */
  text: string;
  column: number;
  /** Strings: the source between the quotes, escapes kept (for byte needles). */
  raw?: string;
}

const FLAG = { FIN: 0x001, SYN: 0x002, RST: 0x004, PSH: 0x008, ACK: 0x010 } as const;
/** core/tcp Analysis: RETRANSMISSION | FAST_RETRANSMISSION | SPURIOUS_RETRANSMISSION. */
const RETRANSMISSION_BITS = 0b111;

class ParseError extends Error {
  constructor(readonly detail: FilterError) {
    super(detail.message);
  }
}

function fail(code: FilterError['code'], tok: Token, message: string): never {
  throw new ParseError({
    code,
    column: tok.column,
    token: tok.text,
    message: `${message} at column ${tok.column}`,
  });
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const column = i + 1;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(') {
      out.push({ kind: 'lparen', text: c, column });
      i++;
    } else if (c === ')') {
      out.push({ kind: 'rparen', text: c, column });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        text += src[j];
        j++;
      }
      if (j >= src.length)
        fail('unclosed-string', { kind: 'string', text: src.slice(i), column }, 'unclosed string');
      out.push({ kind: 'string', text, column, raw: src.slice(i + 1, j) });
      i = j + 1;
    } else {
      const two = src.slice(i, i + 2);
      if (two === '==' || two === '!=' || two === '>=' || two === '<=' || two === '&&' || two === '||') {
        out.push({ kind: 'op', text: two, column });
        i += 2;
      } else if (c === '!' || c === '>' || c === '<') {
        out.push({ kind: 'op', text: c, column });
        i++;
      } else if (c === '=') {
        // A lone '=' is a common slip for '=='.
        out.push({ kind: 'op', text: '==', column });
        i++;
      } else if (/[A-Za-z0-9_.:\-/]/.test(c)) {
        let j = i;
        while (j < src.length && /[A-Za-z0-9_.:\-/]/.test(src[j]!)) j++;
        out.push({ kind: 'word', text: src.slice(i, j), column });
        i = j;
      } else {
        fail('unexpected', { kind: 'op', text: c, column }, `unexpected '${c}'`);
      }
    }
  }
  out.push({ kind: 'end', text: '', column: src.length + 1 });
  return out;
}

type Cmp = '==' | '!=' | '>' | '<' | '>=' | '<=';

function cmpNum(a: number, op: Cmp, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
  }
}

const isTcp = (r: PacketListRow): boolean => r.srcPort !== undefined || r.connection >= 0;
const hasFlag = (bit: number) => (r: PacketListRow) => isTcp(r) && (r.flags & bit) !== 0;

/** Fields that are true/false by themselves. */
const BOOLEAN_FIELDS: Record<string, Predicate> = {
  tcp: isTcp,
  http: (r) => r.protocol === 'HTTP',
  websocket: (r) => r.protocol === 'WebSocket',
  ws: (r) => r.protocol === 'WebSocket',
  tls: (r) => r.protocol === 'TLS',
  udp: (r) => r.protocol === 'UDP',
  ip: (r) => r.src.includes('.') || r.src.includes(':'),
  'tcp.flags.syn': hasFlag(FLAG.SYN),
  'tcp.flags.fin': hasFlag(FLAG.FIN),
  'tcp.flags.rst': hasFlag(FLAG.RST),
  'tcp.flags.reset': hasFlag(FLAG.RST),
  'tcp.flags.ack': hasFlag(FLAG.ACK),
  'tcp.flags.push': hasFlag(FLAG.PSH),
  'tcp.analysis.retransmission': (r) => ((r.analysis ?? 0) & RETRANSMISSION_BITS) !== 0,
};

type Getter = {
  kind: 'number' | 'address' | 'text';
  get: (r: PacketListRow) => Array<number | string | undefined>;
};

const VALUE_FIELDS: Record<string, Getter> = {
  frame: { kind: 'number', get: (r) => [r.frame] },
  'frame.number': { kind: 'number', get: (r) => [r.frame] },
  'frame.len': { kind: 'number', get: (r) => [r.length] },
  'tcp.port': { kind: 'number', get: (r) => [r.srcPort, r.dstPort] },
  'tcp.srcport': { kind: 'number', get: (r) => [r.srcPort] },
  'tcp.dstport': { kind: 'number', get: (r) => [r.dstPort] },
  'tcp.stream': { kind: 'number', get: (r) => [r.connection >= 0 ? r.connection : undefined] },
  'ip.addr': { kind: 'address', get: (r) => [r.src, r.dst] },
  'ip.src': { kind: 'address', get: (r) => [r.src] },
  'ip.dst': { kind: 'address', get: (r) => [r.dst] },
  'ipv6.addr': { kind: 'address', get: (r) => [r.src, r.dst] },
  info: { kind: 'text', get: (r) => [r.info] },
  protocol: { kind: 'text', get: (r) => [r.protocol] },
};

/** Fields whose `contains` / `matches` look in packet bytes (workers/byte-search.ts scopes). */
const BYTE_SCOPES: Record<string, ByteScope> = { frame: 'frame', tcp: 'tcp', 'tcp.payload': 'tcp.payload' };

/**
 * Text a bare `contains` / `matches` looks in: what the list shows for the row (source,
 * destination, protocol, info); `frame contains` looks in the packet bytes instead.
 */
function rowText(r: PacketListRow): string {
  return `${r.src} ${r.dst} ${r.protocol} ${r.info}`;
}

function toCmp(text: string): Cmp | null {
  switch (text) {
    case '==':
    case 'eq':
      return '==';
    case '!=':
    case 'ne':
      return '!=';
    case '>':
    case 'gt':
      return '>';
    case '<':
    case 'lt':
      return '<';
    case '>=':
    case 'ge':
      return '>=';
    case '<=':
    case 'le':
      return '<=';
  }
  return null;
}

class Parser {
  private i = 0;
  /** Byte needles found so far, de-duplicated; a byte test reads matches[index]. */
  readonly needles: ByteNeedle[] = [];
  private readonly needleIndex = new Map<string, number>();
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i]!;
  }
  private next(): Token {
    return this.toks[this.i++]!;
  }
  private isWord(...words: string[]): boolean {
    const t = this.peek();
    return t.kind === 'word' && words.includes(t.text.toLowerCase());
  }

  parse(): Test {
    const p = this.or();
    const t = this.peek();
    if (t.kind !== 'end') fail('unexpected', t, `unexpected '${t.text}'`);
    return p;
  }

  private or(): Test {
    let left = this.and();
    while (this.isWord('or') || (this.peek().kind === 'op' && this.peek().text === '||')) {
      this.next();
      const l = left;
      const r = this.and();
      left = (row, m) => l(row, m) || r(row, m);
    }
    return left;
  }

  private and(): Test {
    let left = this.unary();
    while (this.isWord('and') || (this.peek().kind === 'op' && this.peek().text === '&&')) {
      this.next();
      const l = left;
      const r = this.unary();
      left = (row, m) => l(row, m) && r(row, m);
    }
    return left;
  }

  private unary(): Test {
    if (this.isWord('not') || (this.peek().kind === 'op' && this.peek().text === '!')) {
      this.next();
      const inner = this.unary();
      return (row, m) => !inner(row, m);
    }
    return this.primary();
  }

  private value(): Token {
    const t = this.next();
    if (t.kind !== 'word' && t.kind !== 'string')
      fail(
        'expected-value',
        t,
        t.kind === 'end' ? 'expected a value at the end' : `expected a value, found '${t.text}'`,
      );
    return t;
  }

  private number(t: Token): number {
    const n = /^(0x[0-9a-f]+|\d+)$/i.test(t.text) ? Number(t.text) : NaN;
    if (!Number.isFinite(n)) fail('bad-number', t, `'${t.text}' is not a number`);
    return n;
  }

  /** A quoted string's bytes, escapes decoded; a bad escape or an empty result is an error. */
  private stringBytes(t: Token, emptyMessage: string): Uint8Array {
    const r = parseEscapedBytes(t.raw ?? t.text);
    if (!r.ok)
      fail(
        'bad-escape',
        { ...t, text: r.escape, column: t.column + 1 + r.at },
        `'${r.escape}' is not a valid escape`,
      );
    if (r.bytes.length === 0) fail('empty-needle', t, emptyMessage);
    return r.bytes;
  }

  /** The bytes of a quoted string (escapes decoded) or of a hex byte string. */
  private bytes(t: Token): Uint8Array {
    if (t.kind === 'string') return this.stringBytes(t, 'the string to look for is empty');
    let word = t.text;
    // Space-separated pairs (48 54 54 50) continue the byte string.
    if (isHexPair(word))
      while (this.peek().kind === 'word' && isHexPair(this.peek().text)) word += this.next().text;
    const b = parseHexBytes(word);
    if (!b) fail('bad-bytes', t, `'${t.text}' is not a valid byte string (quote text: "…")`);
    return b;
  }

  /** A `matches` pattern: a quoted string, escapes decoded, read as latin1 like the bytes it tests. */
  private pattern(t: Token): string {
    if (t.kind !== 'string') fail('expected-value', t, `'matches' needs a quoted regular expression`);
    const source = latin1(this.stringBytes(t, 'the pattern is empty'));
    try {
      new RegExp(source, 'i');
    } catch {
      fail('bad-regex', t, `'${t.text}' is not a valid regular expression`);
    }
    return source;
  }

  /** A regex over list text (case-insensitive, as Wireshark's matches). */
  private textRegex(t: Token): RegExp {
    if (t.kind !== 'string') fail('expected-value', t, `'matches' needs a quoted regular expression`);
    try {
      return new RegExp(t.text, 'i');
    } catch {
      fail('bad-regex', t, `'${t.text}' is not a valid regular expression`);
    }
  }

  private needle(n: ByteNeedle): Test {
    const key = needleKey(n);
    let k = this.needleIndex.get(key);
    if (k === undefined) {
      k = this.needles.length;
      this.needles.push(n);
      this.needleIndex.set(key, k);
    }
    const index = k;
    return (row, m) => {
      const bits = m[index];
      const i = row.frame - 1;
      return bits !== undefined && ((bits[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0;
    };
  }

  private primary(): Test {
    const t = this.next();
    if (t.kind === 'lparen') {
      const inner = this.or();
      const close = this.next();
      if (close.kind !== 'rparen') fail('unclosed-paren', t, `'(' is not closed`);
      return inner;
    }
    if (t.kind === 'end') fail('end', t, 'expression ends too early');
    if (t.kind !== 'word') fail('unexpected', t, `unexpected '${t.text}'`);
    const name = t.text.toLowerCase();
    if (name === 'port') {
      const v = this.number(this.value());
      return (r) => r.srcPort === v || r.dstPort === v;
    }
    if (name === 'contains') {
      const v = this.value().text;
      return (r) => rowText(r).includes(v);
    }
    if (name === 'matches') {
      const re = this.textRegex(this.value());
      return (r) => re.test(rowText(r));
    }
    const field = VALUE_FIELDS[name];
    const bool = BOOLEAN_FIELDS[name];
    const scope = BYTE_SCOPES[name];
    if (!field && !bool && !scope) fail('unknown-field', t, `unknown field '${t.text}'`);
    const opTok = this.peek();
    const opText = opTok.kind === 'op' || opTok.kind === 'word' ? opTok.text.toLowerCase() : '';
    if (opText === 'contains' || opText === 'matches') {
      this.next();
      const vt = this.value();
      if (scope) {
        return opText === 'contains'
          ? this.needle({ scope, bytes: this.bytes(vt) })
          : this.needle({ scope, regex: this.pattern(vt) });
      }
      if (!field) fail('bad-operator', opTok, `'${t.text}' cannot be compared`);
      if (opText === 'matches') {
        const re = this.textRegex(vt);
        return (r) => field.get(r).some((x) => x !== undefined && re.test(String(x)));
      }
      const v = vt.text;
      return (r) => field.get(r).some((x) => x !== undefined && String(x).includes(v));
    }
    const op = opTok.kind === 'op' || opTok.kind === 'word' ? toCmp(opText) : null;
    if (!op) {
      if (bool) return bool;
      fail('expected-value', opTok, `'${t.text}' needs a comparison, e.g. ${t.text} == …`);
    }
    if (!field && !bool) fail('bad-operator', opTok, `'${opTok.text}' does not apply to '${t.text}'`);
    this.next();
    if (!field) {
      // tcp.flags.syn == 1 / == 0
      const v = this.number(this.value());
      return (r) => cmpNum(bool!(r) ? 1 : 0, op, v);
    }
    const vt = this.value();
    if (field.kind === 'number') {
      const v = this.number(vt);
      return op === '!='
        ? (r) =>
            field.get(r).every((x) => x === undefined || x !== v) && field.get(r).some((x) => x !== undefined)
        : (r) => field.get(r).some((x) => x !== undefined && cmpNum(x as number, op, v));
    }
    if (op !== '==' && op !== '!=')
      fail('bad-operator', opTok, `'${opTok.text}' does not apply to '${t.text}'`);
    const v = field.kind === 'address' ? vt.text.toLowerCase() : vt.text;
    if (op === '==') return (r) => field.get(r).some((x) => x === v);
    return (r) => field.get(r).every((x) => x !== v);
  }
}

const NO_MATCHES: readonly Uint8Array[] = [];

/** Empty text → no filter (predicate null). */
export function parseFilter(text: string): FilterResult {
  if (text.trim() === '') return { ok: true, predicate: null, needles: [], bind: () => null };
  try {
    const parser = new Parser(tokenize(text));
    const test = parser.parse();
    const bind =
      (matches: readonly Uint8Array[]): Predicate =>
      (row) =>
        test(row, matches);
    return { ok: true, predicate: bind(NO_MATCHES), needles: parser.needles, bind };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.detail };
    throw e;
  }
}

/** A filter error that did not come from parsing: the byte search failed (`why`). */
export function searchError(why: string): FilterError {
  return {
    code: 'search-failed',
    column: 0,
    token: why,
    message: `searching the packet bytes failed: ${why}`,
  };
}

/** Indexes (into rows) of the rows that pass. */
export function applyFilter(rows: PacketListRow[], predicate: Predicate | null): number[] {
  // No filter: every index, without reading a row (rows are made on first read: model.ts).
  if (!predicate) return Array.from({ length: rows.length }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (predicate(rows[i]!)) out.push(i);
  return out;
}
