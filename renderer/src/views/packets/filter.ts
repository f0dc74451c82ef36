// The packet list's display filter: a small Wireshark-like language, parsed here (no engine code)
// into a predicate over PacketListRow. Grammar (precedence low → high):
//   expr    := and ( ('or' | '||') and )*
//   and     := unary ( ('and' | '&&') unary )*
//   unary   := ('not' | '!') unary | primary
//   primary := '(' expr ')' | 'port' NUMBER | 'contains' STRING
//            | FIELD [ ('=='|'!='|'eq'|'ne'|'>'|'<'|'>='|'<='|'contains') VALUE ]
// A bad expression gives an error with a 1-based column; the caller keeps the previous list.

import type { PacketListRow } from '../../model.ts';

export type Predicate = (row: PacketListRow) => boolean;

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
    | 'end';
  column: number;
  token: string;
  /** English text, e.g. "unknown field 'tcp.prot' at column 1". */
  message: string;
}

export type FilterResult = { ok: true; predicate: Predicate | null } | { ok: false; error: FilterError };

interface Token {
  kind: 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'end';
  text: string;
  column: number;
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
      out.push({ kind: 'string', text, column });
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

const isTcp = (r: PacketListRow) => r.srcPort !== undefined || r.connection >= 0;
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

/**
 * Text a `contains` looks in: what the list shows for the row (source, destination, protocol,
 * info). Not the packet bytes, as Wireshark's `frame contains` would: the filter help says so.
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

  parse(): Predicate {
    const p = this.or();
    const t = this.peek();
    if (t.kind !== 'end') fail('unexpected', t, `unexpected '${t.text}'`);
    return p;
  }

  private or(): Predicate {
    let left = this.and();
    while (this.isWord('or') || (this.peek().kind === 'op' && this.peek().text === '||')) {
      this.next();
      const l = left;
      const r = this.and();
      left = (row) => l(row) || r(row);
    }
    return left;
  }

  private and(): Predicate {
    let left = this.unary();
    while (this.isWord('and') || (this.peek().kind === 'op' && this.peek().text === '&&')) {
      this.next();
      const l = left;
      const r = this.unary();
      left = (row) => l(row) && r(row);
    }
    return left;
  }

  private unary(): Predicate {
    if (this.isWord('not') || (this.peek().kind === 'op' && this.peek().text === '!')) {
      this.next();
      const inner = this.unary();
      return (row) => !inner(row);
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

  private primary(): Predicate {
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
    const field = VALUE_FIELDS[name];
    const bool = BOOLEAN_FIELDS[name];
    if (!field && !bool) fail('unknown-field', t, `unknown field '${t.text}'`);
    const opTok = this.peek();
    const opText = opTok.kind === 'op' || opTok.kind === 'word' ? opTok.text.toLowerCase() : '';
    if (opText === 'contains') {
      this.next();
      const v = this.value().text;
      if (name === 'frame') return (r) => rowText(r).includes(v);
      if (!field) fail('bad-operator', opTok, `'${t.text}' cannot be compared`);
      return (r) => field.get(r).some((x) => x !== undefined && String(x).includes(v));
    }
    const op = opTok.kind === 'op' || opTok.kind === 'word' ? toCmp(opText) : null;
    if (!op) {
      if (bool) return bool;
      fail('expected-value', opTok, `'${t.text}' needs a comparison, e.g. ${t.text} == …`);
    }
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

/** Empty text → no filter (predicate null). */
export function parseFilter(text: string): FilterResult {
  if (text.trim() === '') return { ok: true, predicate: null };
  try {
    return { ok: true, predicate: new Parser(tokenize(text)).parse() };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.detail };
    throw e;
  }
}

/** Indexes (into rows) of the rows that pass. */
export function applyFilter(rows: PacketListRow[], predicate: Predicate | null): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (!predicate || predicate(rows[i]!)) out.push(i);
  return out;
}
