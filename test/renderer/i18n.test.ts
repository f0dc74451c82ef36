// Every UI string exists in English and Chinese: the shell's en/zh.json and each view's
// <view>.en.json / <view>.zh.json have the same keys (plural forms folded: zh has no _one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '../../renderer/src/i18n');

function keys(obj: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') out.push(...keys(v as Record<string, unknown>, path));
    else out.push(path.replace(/_(one|other|zero|two|few|many)$/, ''));
  }
  return [...new Set(out)].sort();
}

const pairs = readdirSync(dir)
  .filter((f) => f.endsWith('en.json'))
  .map((en) => [en, en.replace(/en\.json$/, 'zh.json')] as const);

test('there are shell and view resources', () => {
  assert.ok(pairs.some(([en]) => en === 'en.json'));
});

for (const [en, zh] of pairs) {
  test(`${en} and ${zh} have the same keys, none empty`, () => {
    const e = JSON.parse(readFileSync(join(dir, en), 'utf8'));
    const z = JSON.parse(readFileSync(join(dir, zh), 'utf8'));
    assert.deepEqual(keys(z), keys(e));
    const values = JSON.stringify(z).match(/"[^"]*":""/g);
    assert.equal(values, null, 'empty strings');
  });
}
