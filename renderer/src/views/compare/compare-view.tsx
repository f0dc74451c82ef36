// The "Compare" tab (teaching item 6): the capture's connections grouped as HTTP/1.0 short,
// HTTP/1.1 keep-alive, polling (the same request repeated: core/timeline/compare.ts), WebSocket
// and other, with what each group cost on the wire — TCP
// handshakes, round trips, header bytes against payload, time. The numbers are sums of the
// timeline's ConnectionMetrics (core/timeline/compare.ts), the same code behind the `metrics` of
// `wirestep analyze --json`.

import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CaptureModel } from '../../model.ts';
import {
  POLLING_MIN_REPEATS,
  compareCategories,
  type CategoryTotals,
  type CompareCategory,
} from '../../../../core/timeline/compare.ts';
import { drawBarChart, type Bar } from './compare-chart.ts';

export interface CompareViewProps {
  model: CaptureModel;
  onSelectFrame?: (frame: number) => void;
}

const COLORS: Record<CompareCategory, string> = {
  'http10-short': 'var(--app-tls)',
  'http11-keepalive': 'var(--app-http)',
  // No app colour fits "the same request again and again"; a fixed red reads on both themes.
  polling: 'var(--compare-polling, #d6456b)',
  websocket: 'var(--app-websocket)',
  other: 'var(--app-unknown)',
};
const PART_COLORS = {
  tcpIp: 'var(--fg-muted)',
  http: 'var(--app-http)',
  ws: 'var(--app-websocket)',
  payload: 'var(--accent)',
};

type ChartId = 'handshakes' | 'roundTrips' | 'bytes' | 'duration';
const CHARTS: ChartId[] = ['handshakes', 'roundTrips', 'bytes', 'duration'];

export function headerBytes(c: CategoryTotals): number {
  return c.tcpIpHeaderBytes + c.httpHeaderBytes + c.wsHeaderBytes;
}

function num(n: number, lang: string): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
}

function barsFor(chart: ChartId, totals: CategoryTotals[], t: TFunction, lang: string): Bar[] {
  return totals.map((c) => {
    const label = t(`compare.category.${c.category}`);
    const bar = (value: number, valueText: string): Bar => ({
      key: c.category,
      label,
      parts: [{ key: chart, value, color: COLORS[c.category] }],
      valueText,
    });
    switch (chart) {
      case 'handshakes':
        return bar(c.handshakes, num(c.handshakes, lang));
      case 'roundTrips':
        return bar(c.roundTrips, num(c.roundTrips, lang));
      case 'duration':
        return bar(c.duration, t('compare.ms', { value: (c.duration * 1000).toFixed(1) }));
      case 'bytes':
        return {
          key: c.category,
          label,
          parts: [
            { key: t('compare.part.tcpIp'), value: c.tcpIpHeaderBytes, color: PART_COLORS.tcpIp },
            { key: t('compare.part.http'), value: c.httpHeaderBytes, color: PART_COLORS.http },
            { key: t('compare.part.ws'), value: c.wsHeaderBytes, color: PART_COLORS.ws },
            { key: t('compare.part.payload'), value: c.payloadBytes, color: PART_COLORS.payload },
          ],
          valueText: t('compare.bytesText', {
            header: num(headerBytes(c), lang),
            payload: num(c.payloadBytes, lang),
          }),
        };
    }
  });
}

function Chart({ id, bars, title }: { id: ChartId; bars: Bar[]; title: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(360, el.clientWidth));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    if (ref.current) drawBarChart(ref.current, id, bars, width);
  }, [id, bars, width]);
  return (
    <figure
      className="compare-chart"
      data-testid={`compare-chart-${id}`}
      ref={box}
      style={{ margin: '0 0 12px' }}
    >
      <figcaption style={{ fontWeight: 600, fontSize: 13, margin: '4px 0' }}>{title}</figcaption>
      <svg ref={ref} role="img" aria-label={title} />
    </figure>
  );
}

export function CompareView({ model, onSelectFrame }: CompareViewProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const totals = useMemo(() => {
    const byId = new Map(model.connections.map((c) => [c.id, c.dissection]));
    return compareCategories(model.timeline, (id) => byId.get(id));
  }, [model]);
  const timelines = useMemo(() => new Map(model.timeline.connections.map((c) => [c.id, c])), [model]);
  const charts = useMemo(
    () => CHARTS.map((id) => ({ id, bars: barsFor(id, totals, t, lang) })),
    [totals, t, lang],
  );

  return (
    <div
      className="compare-view"
      data-testid="compare-view"
      style={{ padding: 12, overflow: 'auto', height: '100%' }}
    >
      <p style={{ margin: '0 0 8px', color: 'var(--fg-muted)' }}>{t('compare.intro')}</p>
      <p
        style={{ margin: '0 0 8px', color: 'var(--fg-muted)', fontSize: 12 }}
        data-testid="compare-polling-rule"
      >
        {t('compare.pollingRule', { n: POLLING_MIN_REPEATS })}
      </p>
      {charts.map((c) => (
        <Chart key={c.id} id={c.id} bars={c.bars} title={t(`compare.chart.${c.id}`)} />
      ))}
      <p className="compare-legend" style={{ fontSize: 12, display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        {(['tcpIp', 'http', 'ws', 'payload'] as const).map((p) => (
          <span key={p}>
            <span
              aria-hidden="true"
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                marginRight: 4,
                background: PART_COLORS[p],
              }}
            />
            {t(`compare.part.${p}`)}
          </span>
        ))}
      </p>
      <h3 style={{ fontSize: 13, margin: '12px 0 4px' }}>{t('compare.connections')}</h3>
      {totals.map((c) => (
        <section key={c.category} data-testid={`compare-group-${c.category}`} style={{ marginBottom: 8 }}>
          <h4 style={{ fontSize: 12, margin: '4px 0', color: COLORS[c.category] }}>
            {t(`compare.category.${c.category}`)} —{' '}
            {t('compare.groupSummary', { count: c.connections.length, messages: c.messages })}
          </h4>
          {c.connections.length === 0 ? (
            <p style={{ fontSize: 12, color: 'var(--fg-muted)', margin: 0 }}>{t('compare.none')}</p>
          ) : (
            <ul style={{ margin: 0, paddingLeft: 18, fontSize: 12, fontFamily: 'var(--mono)' }}>
              {c.connections.map((id) => {
                const tl = timelines.get(id);
                if (!tl) return null;
                const first = tl.rows[0]?.frame;
                const m = tl.metrics;
                return (
                  <li key={id} data-testid="compare-connection" data-connection={id}>
                    <button
                      type="button"
                      className="link-button"
                      disabled={first === undefined || !onSelectFrame}
                      onClick={() => first !== undefined && onSelectFrame?.(first)}
                      style={{
                        font: 'inherit',
                        background: 'none',
                        border: 'none',
                        padding: 0,
                        color: 'var(--accent)',
                        cursor: 'pointer',
                      }}
                    >
                      #{id} {tl.client} → {tl.server}
                    </button>{' '}
                    {t('compare.connectionLine', {
                      handshakes: m.handshakes,
                      roundTrips: m.roundTrips,
                      header: num(m.tcpIpHeaderBytes + m.httpHeaderBytes + m.wsHeaderBytes, lang),
                      payload: num(m.payloadBytes, lang),
                      ms: (m.duration * 1000).toFixed(1),
                    })}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
