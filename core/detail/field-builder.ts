// Building FieldNodes with spans that can never point outside the frame: every span is clamped to
// the captured bytes, and a field that lies wholly past them (a snaplen cut) is left out rather
// than shown with bytes we do not have.

import type { FieldNode } from './types.ts';

export class Fields {
  constructor(readonly length: number) {}

  /** A node whose span is clamped to [0, length); null when nothing of it was captured. */
  field(key: string, label: string, start: number, end: number, value?: string | number): FieldNode | null {
    if (start >= this.length || end <= start) return null;
    const node: FieldNode = { key, label, start: Math.max(0, start), end: Math.min(end, this.length) };
    if (value !== undefined) node.value = value;
    return node;
  }

  /** A layer or summary node: kept even when empty (span may be zero-length). */
  layer(key: string, label: string, start: number, end: number, value?: string | number): FieldNode {
    const s = Math.min(Math.max(0, start), this.length);
    const e = Math.min(Math.max(s, end), this.length);
    const node: FieldNode = { key, label, start: s, end: e };
    if (value !== undefined) node.value = value;
    return node;
  }
}

/** Appends the non-null nodes to parent.children. */
export function add(parent: FieldNode, ...nodes: Array<FieldNode | null>): void {
  const children = (parent.children ??= []);
  for (const n of nodes) if (n !== null) children.push(n);
}

/** Attaches a diagnostic line to a node (several join with "; "). */
export function note(node: FieldNode, text: string): void {
  node.diagnostic = node.diagnostic === undefined ? text : `${node.diagnostic}; ${text}`;
}
