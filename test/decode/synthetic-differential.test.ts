// Differential test against tshark 4.0.17 on synthetic packets for what the public corpus lacks
// (LOOP, big-endian NULL, SLL/SLL2 with IPv6, VLAN/QinQ, IPv4/IPv6 fragments, every IPv6
// extension header, every TCP option and flag bit, snaplen cuts). The packets are readable hex in
// test/fixtures/decode/synthetic-packets.txt; tshark's output (made by make-expected.ts) beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodePacket } from '../../core/decode/index.ts';
import { readSyntheticPackets } from '../fixtures/decode/synthetic-packets.ts';
import { compareRows, readTsv } from './tshark-fields.ts';
import { record } from './packet-hex.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/decode/${name}`, import.meta.url));

const WHY_FIRST_FRAGMENT =
  'tshark reassembles IP fragments (ip.defragment / ipv6.defragment default on) and shows a first ' +
  'fragment as "data"; we decode the TCP header a first fragment carries and mark network.isFragment';
const WHY_LATER_FRAGMENT =
  'tshark names the payload of a non-first fragment "data"; we say "ip-fragment" (no TCP either way)';

const ALLOWLIST: Record<string, string> = {};
for (const frame of [12, 15]) {
  for (const field of [
    'l4',
    'tcp.srcport',
    'tcp.dstport',
    'tcp.flags',
    'tcp.seq_raw',
    'tcp.ack_raw',
    'tcp.len',
  ]) {
    ALLOWLIST[`synthetic#${frame}:${field}`] = WHY_FIRST_FRAGMENT;
  }
}
ALLOWLIST['synthetic#13:l4'] = WHY_LATER_FRAGMENT;
ALLOWLIST['synthetic#16:l4'] = WHY_LATER_FRAGMENT;

test('decode agrees with tshark on the synthetic packets', () => {
  const inputs = readSyntheticPackets(readFileSync(fixture('synthetic-packets.txt'), 'utf8'));
  const rows = readTsv(fixture('synthetic-packets.tsv'));
  assert.equal(inputs.length, rows.length);
  assert.ok(inputs.length >= 30);
  const packets = inputs.map((p, i) =>
    decodePacket(record(p.linkType, p.data, { originalLength: p.originalLength, frame: i + 1 })),
  );
  const tally = { compared: 0, agreed: 0, allowed: 0, problems: [] as string[], used: new Set<string>() };
  compareRows('synthetic', packets, rows, ALLOWLIST, tally);
  const pct = ((tally.agreed / tally.compared) * 100).toFixed(3);
  console.log(
    `decode vs tshark (synthetic): ${tally.agreed}/${tally.compared} fields agree (${pct}%), ` +
      `${tally.allowed} allowlisted, ${packets.length} packets`,
  );
  assert.deepEqual(
    Object.keys(ALLOWLIST).filter((k) => !tally.used.has(k)),
    [],
    'allowlist entries that no longer differ: remove them',
  );
  assert.deepEqual(tally.problems, []);
  // The allowlisted first fragments really are decoded and marked, not silently dropped.
  for (const frame of [12, 15]) {
    const p = packets[frame - 1]!;
    assert.equal(p.network!.isFragment, true);
    assert.equal(p.tcp!.dstPort, 80);
    assert.ok(p.diagnostics.some((d) => d.id === 'ip.fragment'));
  }
});
