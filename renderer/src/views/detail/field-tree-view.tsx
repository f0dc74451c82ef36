// The collapsible layer tree (WAI-ARIA tree pattern: role tree/treeitem, aria-expanded,
// aria-selected). Labels are React text (wire text was already escaped by core/detail); a clipped
// label shows whole in its title. Clicking a field selects it; arrows move and open/close.

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldNode } from '../../../../core/detail/types.ts';

export interface FieldTreeViewProps {
  tree: readonly FieldNode[];
  selectedKey: string | null;
  expanded: ReadonlySet<string>;
  onSelect: (node: FieldNode) => void;
  onToggle: (key: string) => void;
}

/** Visible nodes in display order (for keyboard navigation). */
function visible(
  tree: readonly FieldNode[],
  expanded: ReadonlySet<string>,
  out: FieldNode[] = [],
): FieldNode[] {
  for (const n of tree) {
    out.push(n);
    if (n.children?.length && expanded.has(n.key)) visible(n.children, expanded, out);
  }
  return out;
}

export function FieldTreeView({ tree, selectedKey, expanded, onSelect, onToggle }: FieldTreeViewProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (selectedKey === null) return;
    const el = ref.current?.querySelector(`[data-key="${CSS.escape(selectedKey)}"] > .wd-line`);
    (el as HTMLElement | null)?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedKey]);

  const onKeyDown = (e: KeyboardEvent) => {
    const list = visible(tree, expanded);
    const i = list.findIndex((n) => n.key === selectedKey);
    const cur = list[i];
    if (e.key === 'ArrowDown' && i + 1 < list.length) onSelect(list[i + 1]!);
    else if (e.key === 'ArrowUp' && i > 0) onSelect(list[i - 1]!);
    else if (e.key === 'ArrowRight' && cur?.children?.length && !expanded.has(cur.key)) onToggle(cur.key);
    else if (e.key === 'ArrowLeft' && cur && expanded.has(cur.key)) onToggle(cur.key);
    else if (e.key === 'Enter' && cur?.children?.length) onToggle(cur.key);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const item = (n: FieldNode, depth: number) => {
    const open = expanded.has(n.key);
    const hasChildren = (n.children?.length ?? 0) > 0;
    return (
      <li
        key={n.key}
        role="treeitem"
        aria-level={depth + 1}
        aria-selected={n.key === selectedKey}
        aria-expanded={hasChildren ? open : undefined}
        data-key={n.key}
        data-start={n.start}
        data-end={n.end}
        data-testid="field"
        className={`wd-item${depth === 0 ? ' wd-layer' : ''}`}
      >
        <div
          className="wd-line"
          style={{ paddingLeft: 6 + depth * 14 }}
          title={n.diagnostic ? `${n.label}\n${n.diagnostic}` : n.label}
          onClick={() => onSelect(n)}
          onDoubleClick={() => hasChildren && onToggle(n.key)}
        >
          <span
            className="wd-twisty"
            aria-hidden="true"
            onClick={(e) => {
              if (!hasChildren) return;
              e.stopPropagation();
              onToggle(n.key);
            }}
          >
            {hasChildren ? (open ? '▾' : '▸') : ''}
          </span>
          {n.diagnostic && (
            <span className="wd-diag" aria-label={t('detail.diagnostic')}>
              ⚠
            </span>
          )}
          <span className="wd-label">{n.label}</span>
        </div>
        {hasChildren && open && <ul role="group">{n.children!.map((c) => item(c, depth + 1))}</ul>}
      </li>
    );
  };

  return (
    <ul
      ref={ref}
      role="tree"
      aria-label={t('detail.tree')}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="field-tree"
    >
      {tree.map((n) => item(n, 0))}
    </ul>
  );
}
