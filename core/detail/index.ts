// Public API of core/detail: a frame's layer tree with byte spans, for the detail and hex views.
export { buildFieldTree } from './build-field-tree.ts';
export { frameContext, findRow, type ConnectionLike } from './frame-context.ts';
export { fieldAt, smallestContaining, findField, pathTo, walkFields } from './field-lookup.ts';
export { escapeWire } from './text.ts';
export type { FieldNode, FieldTreeInput, FrameContext } from './types.ts';
