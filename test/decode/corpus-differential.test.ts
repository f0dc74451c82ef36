// Differential test against tshark 4.0.17 on the public corpus (SOURCES.md "Reference output"):
// for every frame, the protocol after IP, the addresses, ports, flags, raw seq/ack and tcp.len
// must match tshark's expected/<file>.tsv. Disagreements must be listed in ALLOWLIST with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCaptureReader } from '../../core/capture-file/open-capture.ts';
import { decodePacket } from '../../core/decode/index.ts';
import type { DecodedPacket } from '../../core/decode/index.ts';
import { compareRows, readTsv } from './tshark-fields.ts';

const CORPUS = '/work/shared/corpus/public';

/**
 * Known, explained differences: "<file>#<frame>:<field>" (frame = tshark's frame.number), or
 * "<file>#count" for a different number of packets → why. Empty today: every field agrees.
 */
const ALLOWLIST: Record<string, string> = {};

function decodeFile(path: string): DecodedPacket[] {
  const packets: DecodedPacket[] = [];
  const reader = createCaptureReader({ record: (r) => packets.push(decodePacket(r)) });
  reader.push(new Uint8Array(readFileSync(path)));
  reader.end();
  return packets;
}

test('decode agrees with tshark on every frame of the public corpus', { skip: !existsSync(CORPUS) }, () => {
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.pcap') || f.endsWith('.pcapng'))
    .sort();
  assert.ok(files.length >= 50, 'corpus present');
  const tally = { compared: 0, agreed: 0, allowed: 0, problems: [] as string[], used: new Set<string>() };
  for (const file of files) {
    // pcapng Custom Blocks appear in tshark as frames (protocols "data", column PCAPNG) but are
    // not packets: our reader skips them, so drop those rows and pair the rest in order.
    const rows = readTsv(join(CORPUS, 'expected', `${file}.tsv`)).filter(
      (r) => !(r.get('frame.protocols') === 'data' && r.get('_ws.col.Protocol') === 'PCAPNG'),
    );
    const packets = decodeFile(join(CORPUS, file));
    const countKey = `${file}#count`;
    if (packets.length !== rows.length) {
      if (ALLOWLIST[countKey]) tally.used.add(countKey);
      else tally.problems.push(`${file}: ${packets.length} packets, tshark ${rows.length} frames`);
    }
    compareRows(file, packets, rows, ALLOWLIST, tally);
  }
  const pct = ((tally.agreed / tally.compared) * 100).toFixed(3);
  console.log(
    `decode vs tshark (corpus): ${tally.agreed}/${tally.compared} fields agree (${pct}%), ` +
      `${tally.allowed} allowlisted, ${files.length} files`,
  );
  const stale = Object.keys(ALLOWLIST).filter((k) => !tally.used.has(k));
  assert.deepEqual(stale, [], 'allowlist entries that no longer differ: remove them');
  assert.deepEqual(tally.problems.slice(0, 40), [], `${tally.problems.length} unexplained differences`);
  assert.equal(tally.agreed + tally.allowed, tally.compared);
});
