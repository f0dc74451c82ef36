// frameIndex: every packet of every connection maps back to its row; anything else is null.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { frameIndex } from '../../core/timeline/build-timeline.ts';
import type { ConnectionTimeline, LadderRow, Timeline } from '../../core/timeline/types.ts';
import { repoRoot } from '../helpers/tshark.ts';
import { timelineOf } from './helpers.ts';

test('every frame of the sample capture maps to the row that holds it', () => {
  const t = timelineOf(join(repoRoot, 'samples/wirestep-sample.pcap'));
  assert.ok(t.connections.length > 1);
  const at = frameIndex(t);
  const total = t.connections.reduce((n, c) => n + c.rows.length, 0);
  for (let f = 1; f <= total; f++) {
    const ref = at(f);
    assert.ok(ref, `frame ${f}`);
    assert.equal(t.connections[ref.connection]!.rows[ref.row]!.frame, f);
  }
  for (const f of [0, -1, total + 1, 1.5, Number.NaN]) assert.equal(at(f), null, `frame ${f}`);
});

test('frames outside any connection (non-TCP packets) are null', () => {
  const row = (frame: number) => ({ frame }) as LadderRow;
  const conn = (id: number, frames: number[]) =>
    ({ id, rows: frames.map(row) }) as unknown as ConnectionTimeline;
  const t: Timeline = { startEpoch: 0, connections: [conn(0, [1, 4]), conn(1, [3, 7])] };
  const at = frameIndex(t);
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map(at), [
    { connection: 0, row: 0 },
    null,
    { connection: 1, row: 0 },
    { connection: 0, row: 1 },
    null,
    null,
    { connection: 1, row: 1 },
    null,
  ]);
  assert.equal(frameIndex({ startEpoch: 0, connections: [] })(1), null);
});
