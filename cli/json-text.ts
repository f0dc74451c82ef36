// JSON for people and programs at once: objects indented one level per line, but arrays of plain
// values (frame lists can hold millions of numbers) kept on one line. JSON.stringify's own
// indentation puts every number on its own line, which made the output ten times longer and
// slower to write than the analysis itself.

export function jsonText(value: unknown): string {
  const out: string[] = [];
  write(value, '', out);
  out.push('\n');
  return out.join('');
}

function isFlat(a: unknown[]): boolean {
  for (const x of a) if (x !== null && typeof x === 'object') return false;
  return true;
}

function write(v: unknown, indent: string, out: string[]): void {
  if (v === null || typeof v !== 'object') {
    out.push(JSON.stringify(v) ?? 'null');
    return;
  }
  const inner = indent + ' ';
  if (Array.isArray(v)) {
    if (v.length === 0 || isFlat(v)) {
      out.push(JSON.stringify(v));
      return;
    }
    out.push('[');
    v.forEach((x, i) => {
      out.push(i === 0 ? '\n' : ',\n', inner);
      write(x, inner, out);
    });
    out.push('\n', indent, ']');
    return;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{');
  entries.forEach(([k, x], i) => {
    out.push(i === 0 ? '\n' : ',\n', inner, JSON.stringify(k), ': ');
    write(x, inner, out);
  });
  out.push('\n', indent, '}');
}
