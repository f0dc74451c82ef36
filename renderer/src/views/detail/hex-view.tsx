// Virtualised hex + ASCII dump: 16 bytes a row, only the rows in view (plus a margin) are in the
// DOM, so a 64 KiB frame costs the same as a small one. The selected field's bytes are marked;
// clicking a byte (in either column) reports its offset.

import { useEffect, useRef, useState, type UIEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface HexViewProps {
  bytes: Uint8Array;
  /** The selected span [start, end), highlighted. */
  span: { start: number; end: number } | null;
  onSelectByte: (offset: number) => void;
}

const ROW = 16;
const ROW_PX = 18;
const OVERSCAN = 8;
const HEX = Array.from({ length: 256 }, (_v, i) => i.toString(16).padStart(2, '0'));

export function HexView({ bytes, span, onSelectByte }: HexViewProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const rows = Math.ceil(bytes.length / ROW);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight || 300);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 300));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Bring the selected bytes into view when the field was picked in the tree.
  useEffect(() => {
    const el = ref.current;
    if (!el || !span || span.end <= span.start) return;
    const top = Math.floor(span.start / ROW) * ROW_PX;
    if (top < el.scrollTop || top + ROW_PX > el.scrollTop + el.clientHeight)
      el.scrollTop = Math.max(0, top - ROW_PX * 2);
  }, [span]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(rows, Math.ceil((scrollTop + height) / ROW_PX) + OVERSCAN);
  const inSpan = (i: number) => span !== null && i >= span.start && i < span.end;

  const lines = [];
  for (let r = first; r < last; r++) {
    const cells = [];
    const chars = [];
    for (let c = 0; c < ROW; c++) {
      const i = r * ROW + c;
      if (i >= bytes.length) break;
      const b = bytes[i]!;
      const cls = inSpan(i) ? ' in-field' : '';
      cells.push(
        <span key={i} className={`wd-b${cls}${c === 8 ? ' gap' : ''}`} data-offset={i} data-testid="hex-byte">
          {HEX[b]}
        </span>,
      );
      chars.push(
        <span key={i} className={`wd-a${cls}`} data-offset={i}>
          {b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'}
        </span>,
      );
    }
    lines.push(
      <div key={r} className="wd-hex-row" style={{ top: r * ROW_PX }} role="row">
        <span className="wd-off">{(r * ROW).toString(16).padStart(4, '0')}</span>
        <span className="wd-bytes">{cells}</span>
        <span className="wd-ascii">{chars}</span>
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      className="wd-hex"
      role="grid"
      aria-label={t('detail.hex')}
      data-testid="hex-view"
      onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
      onClick={(e) => {
        const offset = (e.target as HTMLElement).closest('[data-offset]')?.getAttribute('data-offset');
        if (offset != null) onSelectByte(Number(offset));
      }}
    >
      <div style={{ height: rows * ROW_PX, position: 'relative' }}>{lines}</div>
    </div>
  );
}
