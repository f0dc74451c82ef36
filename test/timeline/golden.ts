// Text goldens (DESIGN §4): test/golden/<area>/<name>.txt hold the expected output, reviewed by a
// human. `UPDATE_GOLDEN=1 npm test -- test/timeline` rewrites them; otherwise a mismatch fails
// with a unified diff (the actual output is kept under test-output/golden/ for inspection).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from '../helpers/tshark.ts';

export const updating = process.env.UPDATE_GOLDEN === '1';

export function goldenPath(area: string, name: string): string {
  return join(repoRoot, 'test/golden', area, `${name}.txt`);
}

/** A readable diff of two texts: `diff -u` when available, else the first differing lines. */
export function textDiff(expected: string, actual: string, label: string): string {
  const dir = join(repoRoot, 'test-output/golden', dirname(label));
  mkdirSync(dir, { recursive: true });
  const a = join(repoRoot, 'test-output/golden', `${label}.expected.txt`);
  const b = join(repoRoot, 'test-output/golden', `${label}.actual.txt`);
  writeFileSync(a, expected);
  writeFileSync(b, actual);
  const r = spawnSync('diff', ['-u', '--label', `golden ${label}`, '--label', 'actual', a, b], {
    encoding: 'utf8',
  });
  if (r.status === 1 && r.stdout) return r.stdout;
  const e = expected.split('\n');
  const g = actual.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(e.length, g.length) && out.length < 40; i++) {
    if (e[i] !== g[i]) out.push(`line ${i + 1}:`, `- ${e[i] ?? '(none)'}`, `+ ${g[i] ?? '(none)'}`);
  }
  return out.join('\n');
}

/** Null when `actual` matches the golden (or the golden was just rewritten), else a message with a diff. */
export function checkGolden(area: string, name: string, actual: string): string | null {
  const path = goldenPath(area, name);
  if (updating) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return null;
  }
  if (!existsSync(path))
    return `no golden ${relative(repoRoot, path)}: run UPDATE_GOLDEN=1 npm test -- test/timeline and review it`;
  const expected = readFileSync(path, 'utf8');
  if (expected === actual) return null;
  return (
    `${relative(repoRoot, path)} differs (if the change is intended: UPDATE_GOLDEN=1 npm test -- test/timeline, then review the diff)\n` +
    textDiff(expected, actual, `${area}/${name}`)
  );
}
