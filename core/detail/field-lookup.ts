// Lookups the hex view and the tests need: the innermost field holding a byte (click a byte →
// select its field), a field by key, and a flat walk.

import type { FieldNode } from './types.ts';

/** Innermost field (with a non-empty span) containing byte `offset`, or null. */
export function fieldAt(tree: FieldNode[], offset: number): FieldNode | null {
  return smallestContaining(tree, offset, offset + 1);
}

/**
 * The smallest non-empty field containing [start, end). Siblings may overlap (the Frame node
 * spans every byte; bit fields share a byte), so every containing branch is searched and the
 * narrowest span wins, the deeper one on ties.
 */
export function smallestContaining(nodes: FieldNode[], start: number, end: number): FieldNode | null {
  let best: FieldNode | null = null;
  for (const n of nodes) {
    if (n.end <= n.start || n.start > start || n.end < end) continue;
    const inner = (n.children && smallestContaining(n.children, start, end)) || n;
    if (best === null || inner.end - inner.start < best.end - best.start) best = inner;
  }
  return best;
}

/** Path of keys from a root to the field with `key` (inclusive), or null. */
export function pathTo(tree: FieldNode[], key: string): FieldNode[] | null {
  for (const n of tree) {
    if (n.key === key) return [n];
    if (n.children) {
      const p = pathTo(n.children, key);
      if (p) return [n, ...p];
    }
  }
  return null;
}

export function findField(tree: FieldNode[], key: string): FieldNode | null {
  const p = pathTo(tree, key);
  return p ? p[p.length - 1]! : null;
}

/** Every node, depth first. */
export function* walkFields(tree: FieldNode[]): Generator<FieldNode> {
  for (const n of tree) {
    yield n;
    if (n.children) yield* walkFields(n.children);
  }
}
