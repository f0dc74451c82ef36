// A frame's field tree from what the UI holds (the capture model, the packet row, the bytes):
// the context (direction, relative numbers, overlapping HTTP messages and WebSocket frames) comes
// from the connection's ladder row. The worker can call this too (R1's workers/frame-tree.ts).

import { buildFieldTree } from '../../../../core/detail/build-field-tree.ts';
import { findRow, frameContext } from '../../../../core/detail/frame-context.ts';
import type { FieldNode } from '../../../../core/detail/types.ts';
import type { CaptureModel, PacketListRow } from '../../model.ts';

export function treeForFrame(
  model: Pick<CaptureModel, 'connections' | 'timeline'> | null | undefined,
  row: PacketListRow,
  bytes: Uint8Array,
): FieldNode[] {
  let context;
  if (model && row.connection >= 0) {
    const conn = model.connections.find((c) => c.id === row.connection);
    const tl = model.timeline.connections.find((c) => c.id === row.connection);
    const ladderRow = tl ? findRow(tl.rows, row.frame) : null;
    if (conn && ladderRow) context = frameContext(conn, ladderRow);
  }
  return buildFieldTree({
    frame: row.frame,
    data: bytes,
    linkType: row.linkType,
    epoch: row.epoch,
    capturedLength: row.capturedLength,
    originalLength: Math.max(row.length, row.capturedLength),
    context,
  });
}

/** True when `tree` looks like a FieldNode[] (the worker's answer is typed `unknown`). */
export function isFieldTree(tree: unknown): tree is FieldNode[] {
  return (
    Array.isArray(tree) &&
    tree.every(
      (n) =>
        n !== null &&
        typeof n === 'object' &&
        typeof (n as FieldNode).key === 'string' &&
        typeof (n as FieldNode).start === 'number',
    )
  );
}
