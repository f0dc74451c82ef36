// Differential test against tshark 4.0.17: for every capture of the public corpus, our
// tcp.stream, tcp.seq, tcp.ack (relative), tcp.analysis.retransmission and
// tcp.analysis.out_of_order per frame must equal expected/<file>.tsv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectedValues, FIELDS, ourValues } from './corpus-diff.ts';
import type { Field } from './corpus-diff.ts';

const CORPUS = '/work/shared/corpus/public';

/**
 * Known, reasoned differences: `${file}#${frame}:${field}` → why. Empty: on this corpus we agree
 * with tshark on every frame and field.
 */
const ALLOWLIST: ReadonlyMap<string, string> = new Map();

const files = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((f) => /\.(pcap|pcapng)$/.test(f) && existsSync(join(CORPUS, 'expected', `${f}.tsv`)))
      .sort()
  : [];

test(
  'corpus differential against tshark: tcp.stream, seq, ack, retransmission, out-of-order',
  { skip: files.length === 0 && 'corpus not present' },
  (t) => {
    const agree: Record<Field, number> = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<
      Field,
      number
    >;
    let total = 0;
    const mismatches: string[] = [];
    for (const file of files) {
      const expected = expectedValues(readFileSync(join(CORPUS, 'expected', `${file}.tsv`), 'utf8'));
      const ours = ourValues(join(CORPUS, file));
      for (const [frame, want] of expected) {
        total++;
        const got = ours.get(frame);
        for (const field of FIELDS) {
          const value = got ? got[field] : '(no TCP)';
          if (value === want[field]) agree[field]++;
          else if (!ALLOWLIST.has(`${file}#${frame}:${field}`))
            mismatches.push(
              `${file} #${frame} ${field}: tshark ${JSON.stringify(want[field])}, ours ${JSON.stringify(value)}`,
            );
        }
      }
      if (expected.size > 0) {
        for (const frame of ours.keys())
          if (!expected.has(frame)) mismatches.push(`${file} #${frame}: TCP for us, not for tshark`);
      }
    }
    for (const field of FIELDS) {
      t.diagnostic(
        `${field}: ${agree[field]}/${total} frames agree (${((100 * agree[field]) / total).toFixed(2)}%)`,
      );
    }
    assert.ok(total > 2000, `only ${total} TCP frames compared`);
    assert.deepEqual(mismatches, []);
  },
);
