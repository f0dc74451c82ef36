// Differential test of the connection-level analysis (`wirestep analyze`) against tshark on every
// file of ../shared/corpus/public: packet counts, connections (= tcp.stream, with their frames),
// handshake frames, close kind/by and retransmission frames. tshark gives per-frame fields; the
// connection facts are derived from them here by the rules of DESIGN §3, independently of our code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../core/analyze.ts';
import { corpusDir, corpusFiles, expectedRows } from '../helpers/tshark.ts';
import { deriveFromTshark } from '../helpers/tshark-connections.ts';

/**
 * Reasoned disagreements: `file#stream.field`. Each entry says why our answer differs from what
 * the tshark-derived rule gives.
 */
const ALLOWED: Record<string, string> = {};

test('connection analysis agrees with tshark on the public corpus', () => {
  const files = corpusFiles();
  assert.ok(files.length >= 50, `corpus has ${files.length} files`);
  let compared = 0;
  let agreed = 0;
  const disagreements: string[] = [];
  const usedAllow = new Set<string>();
  const check = (key: string, ours: unknown, theirs: unknown) => {
    compared++;
    if (JSON.stringify(ours) === JSON.stringify(theirs)) agreed++;
    else if (ALLOWED[key]) {
      agreed++;
      usedAllow.add(key);
    } else disagreements.push(`${key}: ours ${JSON.stringify(ours)} tshark ${JSON.stringify(theirs)}`);
  };
  for (const file of files) {
    const rows = expectedRows(file);
    const result = analyzeBytes(new Uint8Array(readFileSync(join(corpusDir, file))));
    check(`${file}.packets`, result.capture.packets, rows.length);
    const expected = deriveFromTshark(rows);
    check(`${file}.connections`, result.connections.length, expected.size);
    for (const [stream, e] of expected) {
      const c = result.connections.find((x) => x.tcp.id === stream)?.tcp;
      const k = `${file}#${stream}`;
      if (!c) {
        check(`${k}.exists`, false, true);
        continue;
      }
      check(`${k}.frames`, c.frames, e.frames);
      check(
        `${k}.handshake`,
        c.handshake.syn === null && c.handshake.synAck === null ? null : c.handshake,
        e.handshake,
      );
      check(`${k}.close`, { kind: c.close.kind, by: e.close.by === null ? null : c.close.by }, e.close);
      check(`${k}.retransmissions`, c.retransmissions, e.retransmissions);
    }
  }
  const pct = ((100 * agreed) / compared).toFixed(2);
  console.log(
    `connection analysis vs tshark: ${agreed}/${compared} facts agree (${pct}%), ${Object.keys(ALLOWED).length} allowlisted`,
  );
  assert.deepEqual(disagreements, []);
  // An allowlist entry that no longer differs must go: the list stays honest.
  assert.deepEqual(
    Object.keys(ALLOWED).filter((k) => !usedAllow.has(k)),
    [],
  );
});
