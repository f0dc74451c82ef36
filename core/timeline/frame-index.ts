// Frame number → (connection, row), built once per timeline, so jumping to a frame or stepping
// backward is an array lookup rather than a search (DESIGN §1 "compute once, then index").

import type { Timeline } from './types.ts';

export interface FrameRef {
  /** Index into Timeline.connections (equal to the connection id). */
  connection: number;
  /** Index into that connection's rows. */
  row: number;
}

export function frameIndex(t: Timeline): (frame: number) => FrameRef | null {
  let max = 0;
  for (const c of t.connections) for (const r of c.rows) if (r.frame > max) max = r.frame;
  // Frame numbers are dense 1-based file positions: two typed arrays beat a Map of objects.
  const conn = new Int32Array(max + 1).fill(-1);
  const row = new Int32Array(max + 1);
  t.connections.forEach((c, ci) => {
    c.rows.forEach((r, ri) => {
      conn[r.frame] = ci;
      row[r.frame] = ri;
    });
  });
  return (frame) => {
    if (!Number.isInteger(frame) || frame < 1 || frame > max) return null;
    const ci = conn[frame]!;
    return ci < 0 ? null : { connection: ci, row: row[frame]! };
  };
}
