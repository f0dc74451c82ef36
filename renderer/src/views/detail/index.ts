// The packet detail views (layer tree + hex), props only; R1's tab area finds DetailView here.
export { DetailView, type DetailViewProps } from './detail-view.tsx';
export { FieldTreeView, type FieldTreeViewProps } from './field-tree-view.tsx';
export { HexView, type HexViewProps } from './hex-view.tsx';
export { treeForFrame, isFieldTree } from './frame-tree.ts';
