// The analysis JSON export of a selection: the same document `wirestep analyze --json` writes, cut
// to the chosen connections — but each connection keeps the category judged on the whole capture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analysisJsonOf } from '../../core/export/analysis-json.ts';
import { repoRoot } from '../helpers/tshark.ts';
import { model } from './export-fixtures.ts';

const recording = join(repoRoot, 'samples', 'recordings', 'polling-vs-websocket.pcap');

test('an exported selection keeps the whole capture’s comparison categories', () => {
  const m = model(recording);
  const all = analysisJsonOf(m.summary, m.connections).connections as Array<{ id: number; category: string }>;
  const polls = all.filter((c) => c.category === 'polling');
  assert.equal(polls.length, 20, 'twenty polling connections in the whole capture');
  const one = polls[0]!.id;
  const cut = analysisJsonOf(m.summary, m.connections, [one]).connections as Array<{
    id: number;
    category: string;
  }>;
  assert.deepEqual(
    cut.map((c) => [c.id, c.category]),
    [[one, 'polling']],
  );
});
