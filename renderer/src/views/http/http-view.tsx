// HTTP/1.x exchanges of the selected connection(s) (RFC 9112: request, final response, 1xx kept
// aside) with a network-panel style timing bar per exchange, every phase measured between capture
// frames (see http-timing.ts). Targets, reasons and other wire text are text nodes, clipped with the
// whole value in a tooltip and in the expanded row.

import { Fragment, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionModel } from '../../model.ts';
import type { ConnectionTimeline } from '../../../../core/timeline/types.ts';
import { clipText } from '../../../../core/bytes/safe-text.ts';
import {
  TIMING_KINDS,
  barBoxes,
  exchangeTimings,
  msText,
  timingExtent,
  type ExchangeTiming,
  type TimingKind,
} from './http-timing.ts';

export interface HttpViewProps {
  /** The selected connections' timelines. */
  connections: readonly ConnectionTimeline[];
  /** Where the dissections come from (the CaptureModel or just its connections). */
  model: { connections: readonly ConnectionModel[] };
  selectedFrame: number | null;
  onSelectFrame: (frame: number) => void;
}

export const TIMING_COLORS: Record<TimingKind, string> = {
  connect: '#f59e0b',
  sent: '#10b981',
  waiting: '#9ca3af',
  receiving: '#3b82f6',
  close: '#a855f7',
};

/** Exchanges rendered at first (a keep-alive connection can carry tens of thousands). */
const PAGE = 500;

const mono: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "WenQuanYi Micro Hei Mono", monospace',
};
const clipCell: CSSProperties = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  maxWidth: 280,
  padding: '2px 6px',
};
const pad: CSSProperties = { padding: '2px 6px', whiteSpace: 'nowrap' };

function sizeCell(n: number | null): string {
  return n === null ? '—' : `${n} B`;
}

function TimingBar({
  timing,
  extent,
  label,
}: {
  timing: ExchangeTiming;
  extent: [number, number] | null;
  label: string;
}) {
  const { t } = useTranslation();
  if (!extent) return null;
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="http-bar"
      style={{ position: 'relative', height: 12, minWidth: 160, background: 'var(--bg-alt, #f5f6f8)' }}
    >
      {barBoxes(timing, extent).map((b, i) => (
        <div
          key={i}
          data-phase={b.kind}
          title={`${t(`http.phase.${b.kind}`)}: ${msText(timing.phases[i]!.end - timing.phases[i]!.start)}`}
          style={{
            position: 'absolute',
            left: `${b.left * 100}%`,
            width: `max(2px, ${b.width * 100}%)`,
            top: 1,
            bottom: 1,
            background: TIMING_COLORS[b.kind],
          }}
        />
      ))}
    </div>
  );
}

export function HttpView({ connections, model, selectedFrame, onSelectFrame }: HttpViewProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const timings = useMemo(() => {
    const out: ExchangeTiming[] = [];
    for (const tl of connections) {
      const cm = model.connections.find((c) => c.id === tl.id);
      if (cm) out.push(...exchangeTimings(cm, tl));
    }
    return out;
  }, [connections, model]);
  const extent = useMemo(() => timingExtent(timings), [timings]);
  const many = connections.length > 1;

  if (timings.length === 0) {
    return (
      <p className="placeholder" data-testid="http-none">
        {t('http.none')}
      </p>
    );
  }

  const frameButton = (f: number | null) =>
    f === null ? (
      '—'
    ) : (
      <button
        type="button"
        className="frame-link"
        data-frame={f}
        aria-label={t('http.selectFrame', { frame: f })}
        onClick={() => onSelectFrame(f)}
        style={mono}
      >
        #{f}
      </button>
    );

  return (
    <section className="http-view" aria-label={t('http.title')} style={{ overflow: 'auto', height: '100%' }}>
      <div
        className="http-legend"
        aria-label={t('http.legend')}
        style={{ display: 'flex', gap: 12, padding: 4, fontSize: 12 }}
      >
        {TIMING_KINDS.map((k) => (
          <span key={k}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                background: TIMING_COLORS[k],
                marginRight: 4,
              }}
            />
            {t(`http.phase.${k}`)}
          </span>
        ))}
      </div>
      <table
        role="table"
        aria-label={t('http.exchanges')}
        style={{ borderCollapse: 'collapse', width: '100%', fontSize: 12 }}
      >
        <thead>
          <tr style={{ textAlign: 'left', background: 'var(--bg-alt, #f5f6f8)' }}>
            <th style={pad}>#</th>
            {many && <th style={pad}>{t('http.col.connection')}</th>}
            <th style={pad}>{t('http.col.method')}</th>
            <th style={pad}>{t('http.col.target')}</th>
            <th style={pad}>{t('http.col.status')}</th>
            <th style={pad}>{t('http.col.requestSize')}</th>
            <th style={pad}>{t('http.col.responseSize')}</th>
            <th style={pad}>{t('http.col.duration')}</th>
            <th style={{ ...pad, width: '35%' }}>{t('http.col.timing')}</th>
          </tr>
        </thead>
        <tbody>
          {timings.slice(0, limit).map((x) => {
            const ex = x.exchange;
            const key = `${x.connection}:${ex.index}`;
            const isOpen = open === key;
            const frames = [ex.requestFirstFrame, ex.requestFrame, ex.responseFirstFrame, ex.responseFrame];
            const current =
              selectedFrame !== null &&
              frames.some((f) => f !== null && f <= selectedFrame) &&
              frames.some((f) => f !== null && f >= selectedFrame);
            const reason = ex.response?.reason ?? '';
            const statusText =
              ex.status === null ? (ex.responseLost ? t('http.lost') : '—') : `${ex.status} ${reason}`.trim();
            const target = ex.target ?? (ex.requestLost ? t('http.lost') : '');
            const duration = x.start !== null && x.end !== null ? msText(x.end - x.start) : '—';
            return (
              <Fragment key={key}>
                <tr
                  data-testid="http-row"
                  data-exchange={ex.index}
                  aria-expanded={isOpen}
                  aria-selected={current}
                  onClick={() => {
                    setOpen(isOpen ? null : key);
                    const f = ex.requestFirstFrame ?? ex.responseFirstFrame;
                    if (f !== null) onSelectFrame(f);
                  }}
                  style={{
                    cursor: 'pointer',
                    borderBottom: '1px solid var(--border, #d7dbe3)',
                    background: current ? 'var(--row-tls, #fdf3e3)' : undefined,
                  }}
                >
                  <td style={pad}>{ex.index + 1}</td>
                  {many && <td style={pad}>{x.connection}</td>}
                  <td style={{ ...pad, ...mono, fontWeight: 700 }}>{ex.method ?? '—'}</td>
                  <td style={{ ...clipCell, ...mono }} title={target}>
                    {clipText(target, 200)}
                  </td>
                  <td
                    style={{
                      ...pad,
                      color: ex.status !== null && ex.status >= 400 ? 'var(--danger, #b3261e)' : undefined,
                    }}
                    title={statusText}
                  >
                    {clipText(statusText, 60)}
                  </td>
                  <td style={pad}>{sizeCell(x.requestBytes)}</td>
                  <td style={pad}>{sizeCell(x.responseBytes)}</td>
                  <td style={pad}>{duration}</td>
                  <td style={pad}>
                    <TimingBar timing={x} extent={extent} label={t('http.timingOf', { n: ex.index + 1 })} />
                  </td>
                </tr>
                {isOpen && (
                  <tr data-testid="http-detail">
                    <td
                      colSpan={many ? 9 : 8}
                      style={{ padding: '4px 12px 10px', background: 'var(--bg-pane, #fbfbfc)' }}
                    >
                      <p style={{ ...mono, margin: '2px 0', wordBreak: 'break-all' }}>
                        {ex.method ?? '—'} {target}
                      </p>
                      <p style={{ margin: '2px 0' }}>
                        {t('http.bodies', { req: x.requestBody ?? 0, res: x.responseBody ?? 0 })}
                        {ex.upgrade ? ` · ${t('http.upgraded', { protocol: ex.upgrade.protocol })}` : ''}
                        {ex.interim.length
                          ? ` · ${t('http.interim', { list: ex.interim.map((r) => r.status).join(', ') })}`
                          : ''}
                        {` · ${ex.persistent ? t('http.persistent') : t('http.notPersistent')}`}
                      </p>
                      <table style={{ borderCollapse: 'collapse', fontSize: 12 }}>
                        <thead>
                          <tr>
                            <th style={pad}>{t('http.col.phase')}</th>
                            <th style={pad}>{t('http.col.from')}</th>
                            <th style={pad}>{t('http.col.to')}</th>
                            <th style={pad}>{t('http.col.duration')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {x.phases.map((p) => (
                            <tr key={p.kind} data-phase={p.kind}>
                              <td style={pad}>
                                <span
                                  style={{
                                    display: 'inline-block',
                                    width: 10,
                                    height: 10,
                                    background: TIMING_COLORS[p.kind],
                                    marginRight: 4,
                                  }}
                                />
                                {t(`http.phase.${p.kind}`)}
                              </td>
                              <td style={pad}>{frameButton(p.fromFrame)}</td>
                              <td style={pad}>{frameButton(p.toFrame)}</td>
                              <td style={pad}>{msText(p.end - p.start)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {timings.length > limit && (
        <button
          type="button"
          data-testid="http-more"
          onClick={() => setLimit((n) => n + PAGE * 4)}
          style={{ margin: 6 }}
        >
          {t('http.more', { shown: limit, total: timings.length })}
        </button>
      )}
    </section>
  );
}
