// The field tree of one frame for the detail view: core/detail via the detail view's own helper
// (one code path whether the worker or the view builds it).

import { treeForFrame } from '../views/detail/frame-tree.ts';
import type { FieldNode } from '../../../core/detail/types.ts';
import type { CaptureModel, PacketListRow } from '../model.ts';

export function frameTree(bytes: Uint8Array, row: PacketListRow, model: CaptureModel): FieldNode[] {
  return treeForFrame(model, row, bytes);
}
