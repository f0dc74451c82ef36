// Shared by the ladder's marks: the layer type, the geometry a frame is drawn with, the UI texts,
// and the version stamp that lets a mark skip elements already drawn for the current geometry.

import type { Selection } from 'd3';
import type { PhaseBand } from '../ladder-layout.ts';
import type { GlyphKind } from '../arrow-labels.ts';

export type Layer = Selection<SVGGElement, unknown, null, undefined>;

export interface LadderGeometry {
  width: number;
  height: number;
  laneX: number[];
  /** Screen y of a layout y. */
  y: (v: number) => number;
  k: number;
  /** Left edge of the band gutter; the frame/time column is left of it. */
  gutter: number;
  /** Capture time shown as 0 on the time column, and the frame it belongs to. */
  t0: number;
  firstFrame: number;
  /** Height of the sticky lane header. */
  headTop: number;
  /**
   * Changes whenever anything but the vertical offset changed (width, zoom, layout, language):
   * while panning only the groups' transforms are updated, the rest is left as it is.
   */
  version: string;
}

export type Versioned = Element & { __wlGeo?: string };

/** The elements of `sel` drawn for another geometry version (and marks them current). */
export function stale<E extends Element, D>(
  sel: Selection<E, D, SVGGElement, unknown>,
  version: string,
): Selection<E, D, SVGGElement, unknown> {
  return sel.filter(function () {
    const el = this as E & Versioned;
    if (el.__wlGeo === version) return false;
    el.__wlGeo = version;
    return true;
  });
}

export interface LadderTexts {
  client: string;
  /** Role of a lane merging `n` client ports. */
  clients: (n: number) => string;
  server: string;
  idle: (duration: string) => string;
  collapsedPackets: (n: number) => string;
  phase: (band: PhaseBand) => string;
  glyph: (kind: GlyphKind) => string;
  expand: string;
  collapse: string;
  frameColumn: string;
  timeColumn: (frame: number) => string;
}

export const ARROW_CLASSES = ['syn', 'fin', 'rst', 'data', 'ack'] as const;
