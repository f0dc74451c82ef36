// Connections overview: one lane per TCP connection on a shared time axis, coloured by protocol,
// with handshake and close marks. A d3 brush on the axis zooms; a click selects the connection and
// its first frame. Above CANVAS_THRESHOLD lanes it draws on a canvas (thousands of SVG nodes make
// every re-render slow).

import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scaleLinear, axisBottom, brushX, select, type ScaleLinear, type D3BrushEvent } from 'd3';
import type { CaptureModel } from '../../model.ts';
import { buildLanes, timeExtent, CANVAS_THRESHOLD, type Lane } from './lanes.ts';

export interface OverviewProps {
  model: CaptureModel;
  selectedConnections: number[];
  /** `add`: Ctrl/Cmd+click, toggles the connection in a multi-selection. */
  onSelectConnection: (id: number, firstFrame: number, add: boolean) => void;
}

const LABEL_W = 190;
const AXIS_H = 24;
const MAX_H = 170;

function laneHeight(n: number): number {
  return Math.max(2, Math.min(16, Math.floor(MAX_H / Math.max(n, 1))));
}

function durationText(s: number): string {
  return s >= 1 ? `${s.toFixed(3)} s` : `${(s * 1000).toFixed(3)} ms`;
}

export function Overview({ model, selectedConnections, onSelectConnection }: OverviewProps) {
  const { t } = useTranslation();
  const lanes = useMemo(() => buildLanes(model), [model]);
  const full = useMemo(() => timeExtent(model), [model]);
  const [domain, setDomain] = useState<[number, number]>(full);
  const [width, setWidth] = useState(800);
  const box = useRef<HTMLDivElement>(null);
  const axisRef = useRef<SVGGElement>(null);
  const brushRef = useRef<SVGGElement>(null);

  useEffect(() => setDomain(full), [full]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(200, el.clientWidth)));
    ro.observe(el);
    setWidth(Math.max(200, el.clientWidth));
    return () => ro.disconnect();
  }, []);

  const plotW = Math.max(50, width - LABEL_W - 12);
  const x = useMemo(() => scaleLinear().domain(domain).range([0, plotW]).clamp(false), [domain, plotW]);
  const useCanvas = lanes.length > CANVAS_THRESHOLD;
  // Dense captures squeeze every lane into the band (fractional heights on the canvas), so the
  // whole capture's shape is visible at once; the brush then zooms in time.
  const lh = useCanvas ? MAX_H / lanes.length : laneHeight(lanes.length);
  const lanesH = lanes.length * lh;

  useEffect(() => {
    if (!axisRef.current) return;
    select(axisRef.current).call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor(plotW / 90)))
        .tickFormat((v) => `${+v}`),
    );
  }, [x, plotW]);

  useEffect(() => {
    if (!brushRef.current) return;
    const g = select(brushRef.current);
    const brush = brushX<unknown>()
      .extent([
        [0, 0],
        [plotW, AXIS_H],
      ])
      .on('end', (ev: D3BrushEvent<unknown>) => {
        const sel = ev.selection as [number, number] | null;
        if (!sel) return;
        const [a, b] = [x.invert(sel[0]), x.invert(sel[1])];
        if (b - a > 1e-9) setDomain([a, b]);
        g.call(brush.move, null);
      });
    g.call(brush);
    g.on('dblclick', () => setDomain(full));
    return () => {
      g.on('.brush', null);
    };
  }, [x, plotW, full]);

  const zoomed = domain[0] !== full[0] || domain[1] !== full[1];

  return (
    <section className="overview" aria-label={t('overview.label')} data-testid="overview" ref={box}>
      <header className="pane-head">
        <h2>{t('overview.title')}</h2>
        <span className="legend" aria-label={t('overview.legend')}>
          {(['http', 'websocket', 'tls', 'unknown'] as const).map((a) => (
            <span key={a} className={`legend-item app-${a}`}>
              <i />
              {t(`overview.app.${a}`)}
            </span>
          ))}
          <span className="legend-item mark-hs">
            <b />
            {t('overview.handshake')}
          </span>
          <span className="legend-item mark-close">
            <b />
            {t('overview.close')}
          </span>
        </span>
        <span className="hint">{t('overview.brushHint')}</span>
        {zoomed ? (
          <button type="button" onClick={() => setDomain(full)}>
            {t('overview.reset')}
          </button>
        ) : null}
      </header>
      {lanes.length === 0 ? (
        <p className="empty">{t('overview.empty')}</p>
      ) : (
        <div className="overview-lanes" style={{ maxHeight: MAX_H + 4 }}>
          {useCanvas ? (
            <CanvasLanes
              lanes={lanes}
              x={x}
              width={plotW}
              laneH={lh}
              selected={selectedConnections}
              onPick={onSelectConnection}
              label={t('overview.label')}
            />
          ) : (
            <svg width={LABEL_W + plotW} height={lanesH} role="list" data-testid="overview-svg">
              <defs>
                <clipPath id="ov-clip">
                  <rect x={0} y={0} width={plotW} height={lanesH} />
                </clipPath>
              </defs>
              {lanes.map((lane, i) => (
                <SvgLane
                  key={lane.id}
                  lane={lane}
                  i={i}
                  lh={lh}
                  x={x}
                  selected={selectedConnections.includes(lane.id)}
                  onPick={onSelectConnection}
                  label={t('overview.lane', {
                    id: lane.id,
                    client: lane.client,
                    server: lane.server,
                    app: t(`overview.app.${lane.app}`),
                    duration: durationText(lane.end - lane.start),
                  })}
                />
              ))}
            </svg>
          )}
        </div>
      )}
      <svg className="overview-axis" width={LABEL_W + plotW} height={AXIS_H + 14}>
        <text x={4} y={14} className="axis-label">
          {t('overview.axis')}
        </text>
        <g transform={`translate(${LABEL_W},0)`}>
          <g ref={axisRef} className="axis" />
          <g ref={brushRef} className="brush" data-testid="overview-brush" />
        </g>
      </svg>
    </section>
  );
}

/** Short lane title: the ports tell connections to one server apart. */
function laneTitle(lane: Lane): string {
  const port = (ep: string) => ep.slice(ep.lastIndexOf(':'));
  return `#${lane.id} ${port(lane.client)} → ${lane.server}`;
}

function SvgLane({
  lane,
  i,
  lh,
  x,
  selected,
  onPick,
  label,
}: {
  lane: Lane;
  i: number;
  lh: number;
  x: ScaleLinear<number, number>;
  selected: boolean;
  onPick: (id: number, f: number, add: boolean) => void;
  label: string;
}) {
  const y = i * lh;
  const x0 = x(lane.start);
  const w = Math.max(2, x(lane.end) - x0);
  const barH = Math.max(1, lh - 3);
  return (
    <g
      role="listitem"
      aria-label={label}
      aria-selected={selected}
      data-testid="overview-lane"
      data-connection={lane.id}
      className={`lane app-${lane.app}${selected ? ' selected' : ''}`}
      onClick={(e) => onPick(lane.id, lane.firstFrame, e.ctrlKey || e.metaKey)}
    >
      <title>{label}</title>
      <rect className="lane-bg" x={0} y={y} width={LABEL_W + x.range()[1]} height={lh} />
      {lh >= 10 ? (
        <text className="lane-label" x={4} y={y + lh - 4}>
          {laneTitle(lane)}
        </text>
      ) : null}
      <g transform={`translate(${LABEL_W},0)`} clipPath="url(#ov-clip)">
        <rect className="lane-bar" x={x0} y={y + 1.5} width={w} height={barH} rx={Math.min(3, barH / 2)} />
        {lane.handshake.map((t, k) => (
          <rect key={k} className="mark-hs" x={x(t) - 1} y={y + 1} width={2} height={lh - 2} />
        ))}
        {lane.close ? (
          <rect
            className={`mark-close ${lane.close.kind}`}
            x={x(lane.close.time) - 1}
            y={y + 1}
            width={2.5}
            height={lh - 2}
          />
        ) : null}
      </g>
    </g>
  );
}

function CanvasLanes({
  lanes,
  x,
  width,
  laneH,
  selected,
  onPick,
  label,
}: {
  lanes: Lane[];
  x: ScaleLinear<number, number>;
  width: number;
  laneH: number;
  selected: number[];
  onPick: (id: number, f: number, add: boolean) => void;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const w = LABEL_W + width;
  const h = lanes.length * laneH;
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = w * dpr;
    c.height = h * dpr;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const css = getComputedStyle(c);
    const colour = (name: string) => css.getPropertyValue(name).trim() || '#888';
    const fills: Record<string, string> = {
      http: colour('--app-http'),
      websocket: colour('--app-websocket'),
      tls: colour('--app-tls'),
      unknown: colour('--app-unknown'),
    };
    const sel = colour('--selection');
    const hs = colour('--mark-hs');
    const cl = colour('--mark-close');
    ctx.clearRect(0, 0, w, h);
    lanes.forEach((lane, i) => {
      const y = i * laneH;
      if (selected.includes(lane.id)) {
        ctx.fillStyle = sel;
        ctx.fillRect(0, y - 1, w, Math.max(3, laneH));
      }
      const x0 = LABEL_W + x(lane.start);
      ctx.fillStyle = fills[lane.app]!;
      ctx.fillRect(
        x0,
        y,
        Math.max(1.5, x(lane.end) - x(lane.start)),
        Math.max(1, laneH - (laneH >= 4 ? 1 : 0)),
      );
      if (laneH >= 4) {
        ctx.fillStyle = hs;
        for (const t of lane.handshake) ctx.fillRect(LABEL_W + x(t) - 0.5, y, 1, laneH);
        if (lane.close) {
          ctx.fillStyle = cl;
          ctx.fillRect(LABEL_W + x(lane.close.time) - 0.5, y, 1.5, laneH);
        }
      }
    });
  }, [lanes, x, w, h, laneH, selected]);
  return (
    <canvas
      ref={ref}
      data-testid="overview-canvas"
      data-lanes={lanes.length}
      role="img"
      aria-label={label}
      style={{ width: w, height: h }}
      onClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        const lane = lanes[Math.floor((e.clientY - r.top) / laneH)];
        if (lane) onPick(lane.id, lane.firstFrame, e.ctrlKey || e.metaKey);
      }}
    />
  );
}
