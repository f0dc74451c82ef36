// Drawing the ladder for one zoom transform: which rows, bands and gaps are in view (binary
// searches over the layout, never a scan of 100k rows), the geometry the marks use, and the
// switch to bare arrows and hidden labels when zoomed far out. Called synchronously from d3-zoom's
// listener, so it must stay cheap: the marks only move what is already drawn while panning.

import { select, ZoomTransform } from 'd3';
import type { ConnectionTimeline } from '../../../../core/timeline/types.ts';
import { durationText, visibleRange } from './idle-gaps.ts';
import type { LadderLayout, PhaseBand } from './ladder-layout.ts';
import {
  bandMark,
  denseRowMark,
  gapMark,
  laneHeadMark,
  laneMark,
  rowMark,
  type LadderGeometry,
  type LadderTexts,
  type Layer,
} from './ladder-marks.ts';

export const HEAD_TOP = 42;
const GUTTER = 130;
const MIN_LANE_SPACING = 230;
const LANE_MARGIN = 120;
/** Below this many px per row the text would overlap: draw bare arrows. */
const DENSE_ROW_PX = 16;
/** Furthest zoom-out never puts more than ~viewport/(rowMin × this) rows in view. */
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 8;

/** Zoom out to the whole ladder, but not so far that thousands of rows and bands are in view. */
export function minZoom(height: number, layoutHeight: number): number {
  return Math.min(1, Math.max(MIN_ZOOM, (height - HEAD_TOP) / Math.max(1, layoutHeight)));
}

export interface DrawState {
  layout: LadderLayout;
  connections: readonly ConnectionTimeline[];
  transform: ZoomTransform;
  width: number;
  height: number;
  selected: number | null;
  onSelect: (frame: number) => void;
  onToggle: (key: string) => void;
  texts: LadderTexts;
  idPrefix: string;
  rendered: number;
}

function laneXs(n: number, width: number): number[] {
  const left = GUTTER + LANE_MARGIN;
  const right = width - LANE_MARGIN;
  if (n <= 1) return [(left + right) / 2];
  const step = Math.max(MIN_LANE_SPACING, (right - left) / (n - 1));
  return Array.from({ length: n }, (_v, i) => left + i * step);
}

export function ladderWidth(lanes: number, available: number): number {
  return Math.max(available, GUTTER + 2 * LANE_MARGIN + Math.max(1, lanes - 1) * MIN_LANE_SPACING);
}

export function constrain(t: ZoomTransform, height: number, layoutHeight: number): ZoomTransform {
  const view = height - HEAD_TOP;
  const minY = Math.min(0, view - t.k * layoutHeight);
  const y = Math.min(0, Math.max(minY, t.y));
  return y === t.y && t.x === 0 ? t : new ZoomTransform(t.k, 0, y);
}

const serials = new WeakMap<object, number>();
let nextSerial = 1;
function serial(o: object): number {
  let n = serials.get(o);
  if (n === undefined) serials.set(o, (n = nextSerial++));
  return n;
}

interface BandIndex {
  /** Band indexes sorted by the top of their header. */
  order: Int32Array;
  tops: Float64Array;
  /** Tallest band: how far above the viewport a band can start and still reach into it. */
  maxSpan: number;
}

const bandIndexes = new WeakMap<LadderLayout, BandIndex>();

function bandIndex(layout: LadderLayout): BandIndex {
  let ix = bandIndexes.get(layout);
  if (ix) return ix;
  const shown = layout.bands.map((_b, i) => i).filter((i) => layout.bands[i]!.visible);
  const top = (i: number) => layout.bands[i]!.y0 - (layout.bands[i]!.collapsed ? 0 : layout.headerHeight);
  shown.sort((a, b) => top(a) - top(b));
  let maxSpan = 0;
  for (const i of shown) maxSpan = Math.max(maxSpan, layout.bands[i]!.y1 - top(i));
  ix = { order: Int32Array.from(shown), tops: Float64Array.from(shown, top), maxSpan };
  bandIndexes.set(layout, ix);
  return ix;
}

/** Bands reaching into [v0, v1], without scanning all of them (10k exchanges, 10k bands). */
function bandsInView(layout: LadderLayout, v0: number, v1: number): PhaseBand[] {
  const ix = bandIndex(layout);
  const [lo, hi] = visibleRange(ix.tops, v0 - ix.maxSpan, v1);
  const out: PhaseBand[] = [];
  for (let j = lo; j < hi; j++) {
    const b = layout.bands[ix.order[j]!]!;
    if (b.y1 >= v0) out.push(b);
  }
  return out;
}

export function draw(svgEl: SVGSVGElement, s: DrawState): void {
  const svg = select(svgEl);
  const { layout, transform: tr } = s;
  const laneX = laneXs(layout.lanes.length, s.width);
  const first = layout.entries.find((e) => e.kind === 'row');
  const firstTime = first?.kind === 'row' ? first.row.time : 0;
  const geo: LadderGeometry = {
    width: s.width,
    height: s.height,
    laneX,
    y: (v) => HEAD_TOP + tr.k * v + tr.y,
    k: tr.k,
    gutter: GUTTER,
    t0: firstTime,
    firstFrame: first?.kind === 'row' ? first.row.frame : 0,
    headTop: HEAD_TOP,
    version: `${s.width}|${s.height}|${tr.k}|${serial(layout)}|${serial(s.texts)}|${serial(s.connections)}`,
  };
  const v0 = -tr.y / tr.k - layout.rowMin;
  const v1 = (s.height - HEAD_TOP - tr.y) / tr.k + layout.rowMin;
  const range = visibleRange(layout.ys, v0, v1);
  const layer = (name: string) => svg.select<SVGGElement>(`g.${name}`) as unknown as Layer;

  bandMark(layer('bands'), bandsInView(layout, v0, v1), geo, layout, s.texts, s.onToggle);
  laneMark(layer('lanes'), layout, geo);
  gapMark(
    layer('gaps'),
    layout.gaps.filter((g) => g.y1 >= v0 && g.y0 <= v1),
    geo,
    s.texts,
    durationText,
  );
  const dense = tr.k * layout.rowMin < DENSE_ROW_PX;
  // Zoomed out, text would overlap: labels and then phase titles give way to the arrows.
  svgEl.classList.toggle('compact', tr.k * layout.rowMin < 28);
  svgEl.classList.toggle('tiny', tr.k * layout.headerHeight < 13);
  if (dense) {
    layer('rows').selectAll('g.row').remove();
    denseRowMark(layer('dense'), layout.entries, layout.ys, range, geo);
    s.rendered = 0;
  } else {
    layer('dense').selectAll('path').remove();
    rowMark(
      layer('rows'),
      layout.entries,
      layout.ys,
      range,
      geo,
      layout,
      s.connections,
      s.selected,
      s.idPrefix,
      s.texts,
      s.onSelect,
    );
    s.rendered = range[1] - range[0];
  }
  laneHeadMark(layer('heads'), layout, geo, s.texts);
}
