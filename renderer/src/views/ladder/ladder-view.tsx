// The ladder (sequence) diagram of one or several TCP connections as SVG: lanes per IP:port, one
// arrow per packet, phases as collapsible bands, idle gaps squeezed. Only the rows inside the
// viewport are in the DOM (virtualised by y), and pan/zoom re-run the d3 marks synchronously on the
// existing layout, so a capture of 100k packets pans as smoothly as one of ten.

import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { select, zoom, zoomIdentity, ZoomTransform, type ZoomBehavior } from 'd3';
import type { ConnectionTimeline } from '../../../../core/timeline/types.ts';
import { endpointLaneCount, ladderLayout } from './ladder-layout.ts';

/** Above this many endpoint lanes, client ports merge into one lane per host unless asked not to. */
const MERGE_ABOVE = 6;
import {
  constrain,
  draw,
  HEAD_TOP,
  ladderWidth,
  MAX_ZOOM,
  minZoom,
  MIN_ZOOM,
  type DrawState,
} from './ladder-draw.ts';
import { markerDefs, type LadderTexts } from './ladder-marks.ts';
import { LADDER_CSS } from './ladder-style.ts';

export interface LadderApi {
  /** Pan by dy screen px (positive: content moves down). */
  panBy(dy: number): void;
  zoomTo(k: number): void;
  scrollToFrame(frame: number): void;
  /** Elements currently drawn as detailed rows. */
  renderedRows(): number;
  svg(): SVGSVGElement | null;
}

export interface LadderViewProps {
  connections: readonly ConnectionTimeline[];
  selectedFrame: number | null;
  onSelectFrame: (frame: number) => void;
  /** Filled with a handle for tests and the app's toolbar. */
  apiRef?: { current: LadderApi | null };
}

/**
 * The same list as last time when it holds the same timelines: the app filters a new array on
 * every render, and a layout of 100k packets costs a few hundred ms, so it must only be redone
 * when the connections really change.
 */
function useStableList<T>(list: readonly T[]): readonly T[] {
  const ref = useRef(list);
  const prev = ref.current;
  if (prev !== list && (prev.length !== list.length || prev.some((x, i) => x !== list[i])))
    ref.current = list;
  return ref.current;
}

export function LadderView({ connections: given, selectedFrame, onSelectFrame, apiRef }: LadderViewProps) {
  const { t } = useTranslation();
  const connections = useStableList(given);
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [box, setBox] = useState({ width: 960, height: 600 });
  const idPrefix = 'wl' + useId().replace(/[^a-zA-Z0-9]/g, '');

  // Client ports merge into one lane per host by default once one lane per endpoint would not fit
  // (MERGE_ABOVE lanes); the toolbar switch overrides that either way.
  const [mergePref, setMergePref] = useState<boolean | null>(null);
  const endpointLanes = useMemo(() => endpointLaneCount(connections), [connections]);
  const mergeClients = mergePref ?? endpointLanes > MERGE_ABOVE;
  const layout = useMemo(
    () => ladderLayout(connections, { collapsed, mergeClients }),
    [connections, collapsed, mergeClients],
  );
  const width = ladderWidth(layout.lanes.length, box.width);

  const onToggle = useCallback((key: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const texts = useMemo<LadderTexts>(
    () => ({
      client: t('ladder.client'),
      clients: (count) => t('ladder.clients', { count }),
      server: t('ladder.server'),
      idle: (duration) => t('ladder.idle', { duration }),
      collapsedPackets: (count) => t('ladder.collapsedPackets', { count }),
      // With several connections a band says whose phase it is.
      phase: (b) =>
        (connections.length > 1 ? `#${connections[b.conn]!.id} ` : '') +
        t(`ladder.phase.${b.phase.kind}`, {
          label: b.phase.label,
          n: (b.phase.exchange ?? 0) + 1,
          interpolation: { escapeValue: false },
        }),
      glyph: (kind) => t(`ladder.glyph.${kind}`),
      frameColumn: t('ladder.frameColumn'),
      timeColumn: (frame) => t('ladder.timeColumn', { frame }),
      expand: t('ladder.expand'),
      collapse: t('ladder.collapse'),
    }),
    [t, connections],
  );

  const state = useRef<DrawState | null>(null);
  state.current = {
    layout,
    connections,
    transform: state.current?.transform ?? zoomIdentity,
    width,
    height: box.height,
    selected: selectedFrame,
    onSelect: onSelectFrame,
    onToggle,
    texts,
    idPrefix,
    rendered: state.current?.rendered ?? 0,
  };

  // Size follows the container.
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      // client size: without the horizontal scrollbar, so the svg never makes its box grow.
      const w = Math.max(320, el.clientWidth);
      const h = Math.max(240, el.clientHeight);
      setBox((b) => (Math.abs(b.width - w) < 1 && Math.abs(b.height - h) < 1 ? b : { width: w, height: h }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Zoom behaviour, once: drag pans, wheel scrolls, Ctrl/⌘+wheel zooms (vertical only).
  useEffect(() => {
    const svgEl = svgRef.current!;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([MIN_ZOOM, MAX_ZOOM])
      .filter((e: Event) =>
        e.type === 'wheel'
          ? (e as WheelEvent).ctrlKey || (e as WheelEvent).metaKey
          : !(e as MouseEvent).button,
      )
      .constrain((tr) => {
        const s = state.current!;
        return constrain(tr, s.height, s.layout.height);
      })
      .on('zoom', (ev: { transform: ZoomTransform }) => {
        const s = state.current!;
        s.transform = ev.transform;
        draw(svgEl, s);
      });
    zoomRef.current = z;
    const sel = select(svgEl);
    sel.call(z).on('dblclick.zoom', null);
    const onWheel = (e: WheelEvent) => {
      // Ctrl/⌘ zooms (d3-zoom's own handler); sideways scrolling stays the browser's.
      if (e.ctrlKey || e.metaKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      z.translateBy(sel, 0, -e.deltaY / state.current!.transform.k);
    };
    svgEl.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      svgEl.removeEventListener('wheel', onWheel);
      sel.on('.zoom', null);
    };
  }, []);

  // Redraw when anything but the transform changed; other connections start at the top.
  const shownConnections = useRef(connections);
  useEffect(() => {
    const svgEl = svgRef.current!;
    const s = state.current!;
    zoomRef.current?.scaleExtent([minZoom(s.height, layout.height), MAX_ZOOM]);
    if (shownConnections.current !== connections) {
      shownConnections.current = connections;
      if (zoomRef.current) {
        zoomRef.current.transform(select(svgEl), zoomIdentity);
        return;
      }
    }
    const c = constrain(s.transform, s.height, layout.height);
    if (c !== s.transform && zoomRef.current) {
      zoomRef.current.transform(select(svgEl), c); // draws through the zoom listener
    } else {
      draw(svgEl, s);
    }
  });

  const scrollToFrame = useCallback((frame: number) => {
    const s = state.current!;
    const i = s.layout.frameEntry.get(frame);
    if (i === undefined || !zoomRef.current || !svgRef.current) return;
    const y = s.layout.ys[i]!;
    const k = s.transform.k;
    const target = new ZoomTransform(k, 0, (s.height - HEAD_TOP) / 2 - k * y);
    zoomRef.current.transform(select(svgRef.current), target);
  }, []);

  // Bring an outside selection into view, opening the collapsed phases that hide it, once per
  // new selection (collapsing the selected packet's phase afterwards is the user's choice).
  const reveal = useRef<number | null>(null);
  const revealed = useRef<number | null>(null);
  if (selectedFrame !== revealed.current) {
    revealed.current = selectedFrame;
    reveal.current = selectedFrame;
  }
  useEffect(() => {
    const frame = reveal.current;
    if (frame === null) return;
    const s = state.current!;
    const i = s.layout.frameEntry.get(frame);
    if (i === undefined) {
      const hiding = s.layout.bands.filter(
        (b) =>
          b.collapsed &&
          frame >= b.phase.firstFrame &&
          frame <= b.phase.lastFrame &&
          s.connections[b.conn]!.rows.some((r) => r.frame === frame),
      );
      if (hiding.length)
        setCollapsed((prev) => new Set([...prev].filter((k) => !hiding.some((b) => b.key === k))));
      else reveal.current = null;
      return;
    }
    reveal.current = null;
    const sy = HEAD_TOP + s.transform.k * s.layout.ys[i]! + s.transform.y;
    if (sy < HEAD_TOP + 20 || sy > s.height - 20) scrollToFrame(frame);
  }, [selectedFrame, scrollToFrame, layout]);

  useEffect(() => {
    if (!apiRef) return;
    apiRef.current = {
      panBy: (dy) =>
        zoomRef.current &&
        svgRef.current &&
        zoomRef.current.translateBy(select(svgRef.current), 0, dy / state.current!.transform.k),
      zoomTo: (k) =>
        zoomRef.current &&
        svgRef.current &&
        zoomRef.current.scaleTo(select(svgRef.current), k, [0, HEAD_TOP]),
      scrollToFrame,
      renderedRows: () => state.current?.rendered ?? 0,
      svg: () => svgRef.current,
    };
    return () => {
      apiRef.current = null;
    };
  }, [apiRef, scrollToFrame]);

  const zoomBy = (f: number) => {
    if (zoomRef.current && svgRef.current) zoomRef.current.scaleBy(select(svgRef.current), f, [0, HEAD_TOP]);
  };
  const fit = () => {
    if (!zoomRef.current || !svgRef.current) return;
    const k = minZoom(box.height, layout.height);
    zoomRef.current.transform(select(svgRef.current), new ZoomTransform(k, 0, 0));
  };
  const allKeys = layout.bands.map((b) => b.key);

  if (connections.length === 0) {
    return (
      <div className="ladder-view empty" data-testid="ladder-empty">
        {t('ladder.empty')}
      </div>
    );
  }

  return (
    <section
      className="ladder-view"
      aria-label={t('ladder.title')}
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
    >
      <div
        className="ladder-toolbar"
        role="toolbar"
        aria-label={t('ladder.toolbar')}
        style={{
          display: 'flex',
          gap: 6,
          alignItems: 'center',
          padding: '4px 6px',
          whiteSpace: 'nowrap',
          minWidth: 0,
        }}
      >
        <button
          type="button"
          onClick={() => zoomBy(1.5)}
          aria-label={t('ladder.zoomIn')}
          title={t('ladder.zoomIn')}
        >
          +
        </button>
        <button
          type="button"
          onClick={() => zoomBy(1 / 1.5)}
          aria-label={t('ladder.zoomOut')}
          title={t('ladder.zoomOut')}
        >
          −
        </button>
        <button type="button" onClick={fit}>
          {t('ladder.zoomFit')}
        </button>
        <button
          type="button"
          onClick={() =>
            zoomRef.current &&
            svgRef.current &&
            zoomRef.current.transform(select(svgRef.current), zoomIdentity)
          }
        >
          {t('ladder.zoomReset')}
        </button>
        <button type="button" onClick={() => setCollapsed(new Set(allKeys))}>
          {t('ladder.collapseAll')}
        </button>
        <button type="button" onClick={() => setCollapsed(new Set())}>
          {t('ladder.expandAll')}
        </button>
        {endpointLanes > 2 ? (
          <button
            type="button"
            aria-pressed={mergeClients}
            onClick={() => setMergePref(!mergeClients)}
            title={t('ladder.mergeClientsHint')}
            data-testid="ladder-merge-clients"
          >
            {t('ladder.mergeClients')}
          </button>
        ) : null}
        <span
          className="ladder-hint"
          title={t('ladder.hint')}
          style={{ opacity: 0.7, fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }}
        >
          {t('ladder.hint')}
        </span>
      </div>
      <div
        ref={boxRef}
        className="ladder-box"
        style={{ flex: 1, minHeight: 240, overflowX: 'auto', overflowY: 'hidden', position: 'relative' }}
      >
        <svg
          ref={svgRef}
          className="wl"
          data-testid="ladder-svg"
          role="group"
          aria-label={t('ladder.title')}
          xmlns="http://www.w3.org/2000/svg"
          width={width}
          height={box.height}
          viewBox={`0 0 ${width} ${box.height}`}
          style={{ display: 'block', touchAction: 'none', userSelect: 'none' }}
        >
          <style>{LADDER_CSS}</style>
          <defs ref={(el) => void (el && markerDefs(select(el), idPrefix))} />
          <rect className="bg" x={0} y={0} width={width} height={box.height} />
          <g className="bands" />
          <g className="lanes" />
          <g className="gaps" />
          <g className="dense" />
          <g className="rows" />
          <g className="heads" />
        </svg>
      </div>
    </section>
  );
}
