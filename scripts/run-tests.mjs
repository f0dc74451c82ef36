// `npm test`: runs every test/**/*.test.ts with node's own test runner (TypeScript through tsx),
// shows the spec reporter, and ends with the plain line "N passed, N failed" that CI reads.
// Usage: npm test [-- PATH_FILTER...]   e.g. npm test -- capture-file
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'fixtures' || e.name === 'golden') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findTests(p));
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = findTests(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

const outDir = join(root, 'test-output');
mkdirSync(outDir, { recursive: true });
const tap = join(outDir, `results-${process.pid}.tap`);
rmSync(tap, { force: true });

const args = [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tap}`,
  ...files,
];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  let pass = 0;
  let fail = 0;
  try {
    const text = readFileSync(tap, 'utf8');
    // The last summary block of the TAP stream holds the totals.
    pass = Number([...text.matchAll(/^# pass (\d+)$/gm)].pop()?.[1] ?? 0);
    fail = Number([...text.matchAll(/^# fail (\d+)$/gm)].pop()?.[1] ?? 0);
  } catch {
    fail = Math.max(fail, 1);
  }
  if (code !== 0 && fail === 0) fail = 1; // the runner itself failed (crash, signal)
  rmSync(tap, { force: true });
  console.log(`${pass} passed, ${fail} failed`);
  process.exit(signal ? 1 : (code ?? 1));
});
