// Chunk invariance (DESIGN §2): the same file pushed in any chunking gives identical records,
// warnings, statistics and errors. Every small corpus file is re-fed split at every byte position
// and in 1..7-byte chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pieces, read, readChunks } from './helpers.ts';
import type { Seen } from './helpers.ts';

const DIR = '/work/shared/corpus/public';
const SMALL = 3000;
const files = readdirSync(DIR)
  .filter((f) => /\.pcap(ng)?$/.test(f) && statSync(join(DIR, f)).size <= SMALL)
  .sort();

function summary(s: Seen) {
  return {
    format: s.format,
    interfaces: s.interfaces,
    records: s.records,
    warnings: s.warnings,
    stats: s.stats,
    error: s.error,
    packets: s.packets,
  };
}

test('there are enough small corpus files to make this meaningful', () => {
  assert.ok(files.length >= 20, `${files.length} files ≤ ${SMALL} bytes`);
  assert.ok(files.some((f) => f.endsWith('.pcapng')) && files.some((f) => f.startsWith('bad-')));
});

for (const file of files) {
  test(`chunk invariance: ${file}`, () => {
    const bytes = new Uint8Array(readFileSync(join(DIR, file)));
    const whole = summary(read(bytes));
    for (let cut = 0; cut <= bytes.length; cut++) {
      const split = summary(readChunks([bytes.subarray(0, cut), bytes.subarray(cut)]));
      assert.deepEqual(split, whole, `split at ${cut}`);
    }
    for (let n = 1; n <= 7; n++) {
      assert.deepEqual(summary(readChunks(pieces(bytes, [n]))), whole, `${n}-byte chunks`);
    }
    assert.deepEqual(summary(readChunks(pieces(bytes, [3, 1, 17, 2, 64, 5]))), whole, 'mixed chunks');
  });
}

test('chunk invariance on a larger file in odd chunk sizes', () => {
  const bytes = new Uint8Array(readFileSync(join(DIR, 'ws-emmunaf-websocket-org-echo.pcapng')));
  const whole = summary(read(bytes));
  assert.equal(whole.records.length, 758);
  for (const sizes of [[1], [7], [13, 1, 4096], [65536]]) {
    assert.deepEqual(summary(readChunks(pieces(bytes, sizes))), whole, `chunks ${sizes.join(',')}`);
  }
});
