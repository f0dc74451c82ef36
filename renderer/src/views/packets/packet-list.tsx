// Virtualised packet list: only the rows in (and just around) the viewport are in the DOM, so a
// capture of 100k+ packets scrolls as fast as one of ten. Rows have a fixed height for that.

import { useEffect, useLayoutEffect, useRef, useState, memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PacketListRow } from '../../model.ts';

export const ROW_HEIGHT = 22;
const OVERSCAN = 8;

export interface PacketListProps {
  rows: PacketListRow[];
  /** Indexes into rows of the rows shown (the filter's result). */
  visible: number[];
  selectedFrame: number | null;
  onSelectFrame: (frame: number) => void;
}

function timeText(t: number): string {
  return t.toFixed(6);
}

const Row = memo(function Row({
  row,
  top,
  selected,
  onSelect,
}: {
  row: PacketListRow;
  top: number;
  selected: boolean;
  onSelect: (f: number) => void;
}) {
  return (
    <div
      role="row"
      aria-selected={selected}
      data-testid="packet-row"
      data-frame={row.frame}
      className={`packet-row proto-${row.protocol.toLowerCase()}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={() => onSelect(row.frame)}
    >
      <span role="cell" className="c-no">
        {row.frame}
      </span>
      <span role="cell" className="c-time">
        {timeText(row.time)}
      </span>
      <span role="cell" className="c-src" title={row.src}>
        {row.src}
      </span>
      <span role="cell" className="c-dst" title={row.dst}>
        {row.dst}
      </span>
      <span role="cell" className="c-proto">
        {row.protocol}
      </span>
      <span role="cell" className="c-len">
        {row.length}
      </span>
      <span role="cell" className="c-info" title={row.info}>
        {row.info}
      </span>
    </div>
  );
});

export function PacketList({ rows, visible, selectedFrame, onSelectFrame }: PacketListProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view when the selection moves (keyboard, ladder, overview).
  useEffect(() => {
    const el = scroller.current;
    if (!el || selectedFrame === null) return;
    const pos = lowerBound(visible, selectedFrame - 1);
    if (pos >= visible.length || visible[pos] !== selectedFrame - 1) return;
    const top = pos * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedFrame, visible]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const items = [];
  for (let i = first; i < last; i++) {
    const row = rows[visible[i]!]!;
    items.push(
      <Row
        key={row.frame}
        row={row}
        top={i * ROW_HEIGHT}
        selected={row.frame === selectedFrame}
        onSelect={onSelectFrame}
      />,
    );
  }

  return (
    <div className="packet-list" role="table" aria-label={t('packets.label')} aria-rowcount={visible.length}>
      <div className="packet-row header" role="row">
        <span role="columnheader" className="c-no">
          {t('packets.columns.no')}
        </span>
        <span role="columnheader" className="c-time">
          {t('packets.columns.time')}
        </span>
        <span role="columnheader" className="c-src">
          {t('packets.columns.source')}
        </span>
        <span role="columnheader" className="c-dst">
          {t('packets.columns.destination')}
        </span>
        <span role="columnheader" className="c-proto">
          {t('packets.columns.protocol')}
        </span>
        <span role="columnheader" className="c-len">
          {t('packets.columns.length')}
        </span>
        <span role="columnheader" className="c-info">
          {t('packets.columns.info')}
        </span>
      </div>
      <div
        className="packet-scroll"
        ref={scroller}
        data-testid="packet-scroll"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="packet-spacer" role="rowgroup" style={{ height: visible.length * ROW_HEIGHT }}>
          {items}
        </div>
        {visible.length === 0 && rows.length > 0 ? <div className="empty">{t('packets.empty')}</div> : null}
      </div>
    </div>
  );
}

/** First position in sorted `a` whose value is ≥ x. */
export function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
