// Structural checks every field tree must pass, whatever bytes it was built from.
import assert from 'node:assert/strict';
import type { FieldNode } from '../../core/detail/index.ts';

/** Every span inside the frame, every child inside its parent, keys unique, labels one line. */
export function checkTree(tree: FieldNode[], length: number, where: string): void {
  const keys = new Set<string>();
  const visit = (n: FieldNode, parent: FieldNode | null) => {
    assert.ok(Number.isInteger(n.start) && Number.isInteger(n.end), `${where} ${n.key}: integer span`);
    assert.ok(
      n.start >= 0 && n.end <= length && n.start <= n.end,
      `${where} ${n.key} [${n.start},${n.end}) outside 0..${length}`,
    );
    if (parent && n.end > n.start)
      assert.ok(
        n.start >= parent.start && n.end <= parent.end,
        `${where} ${n.key} [${n.start},${n.end}) outside parent ${parent.key} [${parent.start},${parent.end})`,
      );
    assert.ok(!keys.has(n.key), `${where} duplicate key ${n.key}`);
    keys.add(n.key);
    assert.ok(
      ![...n.label].some((ch) => ch < ' ' || ch === '\u007f' || (ch >= '\u202a' && ch <= '\u202e')),
      `${where} ${n.key}: raw control character in label`,
    );
    for (const c of n.children ?? []) visit(c, n);
  };
  for (const n of tree) visit(n, null);
}

/** Fields whose key, with '#N' instance marks removed, equals `name`. */
export function fieldsNamed(tree: FieldNode[], name: string): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (n: FieldNode) => {
    if (n.key.replace(/#\d+/g, '') === name) out.push(n);
    for (const c of n.children ?? []) visit(c);
  };
  tree.forEach(visit);
  return out;
}
