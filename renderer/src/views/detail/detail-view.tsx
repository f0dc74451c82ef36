// Packet detail: the layer tree above, the hex dump below, linked both ways — selecting a field
// highlights its bytes, clicking a byte selects the innermost field holding it (and opens the
// tree down to it). Props only: the frame's bytes and tree come from the app (the worker reads
// them); without a tree it is built here from the model and the packet row.

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldNode } from '../../../../core/detail/types.ts';
import { fieldAt, findField, pathTo } from '../../../../core/detail/field-lookup.ts';
import type { CaptureModel, PacketListRow } from '../../model.ts';
import { FieldTreeView } from './field-tree-view.tsx';
import { HexView } from './hex-view.tsx';
import { DETAIL_CSS } from './detail-style.ts';
import { isFieldTree, treeForFrame } from './frame-tree.ts';

export interface DetailViewProps {
  /** The frame's field tree (core/detail); built from model + row when absent. */
  tree?: unknown;
  bytes: Uint8Array | null;
  row?: PacketListRow | null;
  model?: CaptureModel | null;
  /** Controlled selection (optional): the selected span, and a callback when it changes. */
  selectedSpan?: { start: number; end: number } | null;
  onSelectSpan?: (span: { start: number; end: number } | null, field: FieldNode | null) => void;
}

export function DetailView({ tree, bytes, row, model, selectedSpan, onSelectSpan }: DetailViewProps) {
  const { t } = useTranslation();
  const fields = useMemo<FieldNode[] | null>(() => {
    if (isFieldTree(tree)) return tree;
    if (!bytes || !row) return null;
    try {
      return treeForFrame(model, row, bytes);
    } catch {
      return null;
    }
  }, [tree, bytes, row, model]);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());

  // A new frame: the old selection means nothing there (expanded layers are kept, as Wireshark does).
  useEffect(() => setSelectedKey(null), [fields]);

  const select = useCallback(
    (node: FieldNode | null, reveal: boolean) => {
      setSelectedKey(node?.key ?? null);
      if (node && reveal && fields) {
        const path = pathTo(fields, node.key) ?? [];
        setExpanded((prev) => {
          const next = new Set(prev);
          for (const p of path.slice(0, -1)) next.add(p.key);
          return next;
        });
      }
      onSelectSpan?.(node ? { start: node.start, end: node.end } : null, node);
    },
    [fields, onSelectSpan],
  );

  const toggle = useCallback((key: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  if (!bytes) return <div className="wd wd-empty">{t('detail.loading')}</div>;
  const selected = fields && selectedKey ? findField(fields, selectedKey) : null;
  const span =
    selectedSpan !== undefined
      ? selectedSpan
      : selected
        ? { start: selected.start, end: selected.end }
        : null;

  return (
    <div className="wd" data-testid="detail-view">
      <style>{DETAIL_CSS}</style>
      <div className="wd-tree">
        {fields ? (
          <FieldTreeView
            tree={fields}
            selectedKey={selectedKey}
            expanded={expanded}
            onSelect={(n) => select(n, false)}
            onToggle={toggle}
          />
        ) : (
          <p className="wd-empty">{t('detail.noTree')}</p>
        )}
      </div>
      <HexView
        bytes={bytes}
        span={span}
        onSelectByte={(offset) => fields && select(fieldAt(fields, offset), true)}
      />
    </div>
  );
}
