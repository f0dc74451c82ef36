// JSON for people and programs at once: objects indented one level per line, but arrays of plain
// values (frame lists can hold millions of numbers) kept on one line, and so are plain objects
// inside arrays (one WebSocket frame, message, HTTP exchange or diagnostic per line). JSON.stringify's
// own indentation puts every number and field on its own line, which made the output many times
// longer and slower to write than the analysis itself.
//
// The text is produced in pieces (writeJson) so that a large document can go out as it is built;
// an Iterable that is not an array is written as an array, consumed once (lazily built lists), and
// a JsonText is written as the JSON it holds.

import { writeSync } from 'node:fs';
import { JsonText } from '../core/analysis-json.ts';

export type Emit = (text: string) => void;

/** The whole document as one string (small documents). */
export function jsonText(value: unknown): string {
  const out: string[] = [];
  writeJson(value, (s) => out.push(s));
  return out.join('');
}

/** Writes `value` and a final newline through `emit`, in pieces. */
export function writeJson(value: unknown, emit: Emit): void {
  write(value, '', emit);
  emit('\n');
}

/** A value JSON.stringify writes on one line: a primitive, or an array or object of primitives. */
function isPlain(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && typeof x === 'object') return false;
    return true;
  }
  if (!isPlainObject(v)) return false;
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && typeof x === 'object') return false;
  }
  return true;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** An iterator (e.g. a generator) rather than a data object: written as the array it yields. */
function isLazyList(v: object): v is IterableIterator<unknown> {
  const it = v as Partial<IterableIterator<unknown>>;
  return typeof it.next === 'function' && typeof it[Symbol.iterator] === 'function' && !Array.isArray(v);
}

function write(v: unknown, indent: string, emit: Emit): void {
  if (v === null || typeof v !== 'object') {
    emit(JSON.stringify(v) ?? 'null');
    return;
  }
  if (v instanceof JsonText) {
    emit(v.json);
    return;
  }
  const inner = indent + ' ';
  if (Array.isArray(v) || isLazyList(v)) {
    if (Array.isArray(v) && (v.length === 0 || isPlain(v))) {
      emit(JSON.stringify(v));
      return;
    }
    let first = true;
    for (const x of v) {
      const start = first ? '[\n' : ',\n';
      first = false;
      if (x instanceof JsonText) emit(start + inner + x.json);
      else if (x !== null && typeof x === 'object' && !Array.isArray(x) && isPlain(x))
        emit(start + inner + JSON.stringify(x));
      else {
        emit(start + inner);
        write(x, inner, emit);
      }
    }
    emit(first ? '[]' : `\n${indent}]`);
    return;
  }
  let first = true;
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    emit(first ? '{\n' : ',\n');
    first = false;
    emit(`${inner}${JSON.stringify(k)}: `);
    write(x, inner, emit);
  }
  emit(first ? '{}' : `\n${indent}}`);
}

/**
 * Text written to a file descriptor in large batches with fs.writeSync: no giant string, no
 * unbounded stream buffer, and the bytes are out before the process exits. Handles files, ttys
 * and pipes, including non-blocking ones (EAGAIN: wait and retry); a reader that went away (EPIPE)
 * ends the output quietly, as for any command piped into `head`.
 */
export class FdWriter {
  private parts: string[] = [];
  private size = 0;
  private closed = false;

  constructor(
    private readonly fd: number,
    private readonly batchChars = 1 << 20,
  ) {}

  readonly write: Emit = (text) => {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.batchChars) this.flush();
  };

  flush(): void {
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.closed) this.writeAll(Buffer.from(text, 'utf8'));
  }

  private writeAll(buf: Buffer): void {
    let off = 0;
    while (off < buf.length) {
      try {
        off += writeSync(this.fd, buf, off, buf.length - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          sleep(1);
          continue;
        }
        if (code === 'EPIPE') {
          this.closed = true;
          return;
        }
        throw e;
      }
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
