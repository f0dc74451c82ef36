// A vertical splitter between the packet list and the tab area: drag (or arrow keys when focused)
// to move it; the left pane's share is kept as a fraction of the split's width.

import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SplitterProps {
  fraction: number;
  onChange: (fraction: number) => void;
  label: string;
}

const clamp = (f: number) => Math.min(0.8, Math.max(0.2, f));

export function Splitter({ fraction, onChange, label }: SplitterProps) {
  const ref = useRef<HTMLDivElement>(null);
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId)) return;
    const box = ref.current?.parentElement?.getBoundingClientRect();
    if (box && box.width > 0) onChange(clamp((e.clientX - box.left) / box.width));
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      e.stopPropagation();
      onChange(clamp(fraction + (e.key === 'ArrowLeft' ? -0.02 : 0.02)));
    }
  };
  return (
    <div
      ref={ref}
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(fraction * 100)}
      aria-valuemin={20}
      aria-valuemax={80}
      tabIndex={0}
      onPointerDown={(e) => e.currentTarget.setPointerCapture(e.pointerId)}
      onPointerMove={move}
      onPointerUp={(e) => e.currentTarget.releasePointerCapture(e.pointerId)}
      onKeyDown={key}
    />
  );
}
