// Every diagnostic id the decode stage can emit is asserted by some test in this folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const sourceDir = join(here, '../../core/decode');

test('every diagnostic id in core/decode is asserted in test/decode', () => {
  const ids = new Set<string>();
  for (const f of readdirSync(sourceDir).filter((n) => n.endsWith('.ts'))) {
    for (const m of readFileSync(join(sourceDir, f), 'utf8').matchAll(/diagnostic\(\s*'([a-z0-9_.]+)'/g))
      ids.add(m[1]!);
  }
  // tcp-options.ts reports through a helper.
  ids.add('tcp.option.invalid');
  assert.ok(ids.size >= 12, `found ${[...ids].join(', ')}`);
  const tests = readdirSync(here)
    .filter((n) => n.endsWith('.test.ts') && n !== 'diagnostic-ids.test.ts')
    .map((n) => readFileSync(join(here, n), 'utf8'))
    .join('\n');
  const untested = [...ids].filter((id) => !tests.includes(`'${id}'`)).sort();
  assert.deepEqual(untested, []);
});
