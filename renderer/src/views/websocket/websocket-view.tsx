// DevTools-like WebSocket message list for one connection (RFC 6455 §5.4-5.6 messages, §5.5
// control frames): direction, type, size, time and a preview per message; filters by type
// (control frames included) and by text; the selected message shown whole (text, pretty JSON,
// hex) with the WebSocket frames and TCP segments that carried it. Wire text is only ever a text
// node. The list is windowed, so a connection with 100k messages scrolls as fast as one with ten.

import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionModel } from '../../model.ts';
import type { ConnectionTimeline } from '../../../../core/timeline/types.ts';
import {
  WS_TYPE_FILTERS,
  carriersOf,
  filterMessages,
  hexDump,
  hexToBytes,
  messageRows,
  opcodeName,
  prettyJson,
  sizeText,
  timeLookup,
  type WsMessageRow,
  type WsTypeFilter,
} from './ws-messages.ts';

export interface WebSocketViewProps {
  connection: ConnectionModel | null;
  timeline: ConnectionTimeline | null;
  selectedFrame: number | null;
  onSelectFrame: (frame: number) => void;
}

const ROW_H = 24;
/** Height of the message list: a share of the view, within bounds. */
const LIST_MIN = 160;
const LIST_MAX = 520;
/** Characters of a text message rendered before a "show all" button (a message can be 16 MB). */
const TEXT_SHOWN = 200_000;

const mono: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "WenQuanYi Micro Hei Mono", monospace',
};
const cell: CSSProperties = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  padding: '0 6px',
};
const COLS = '28px 90px 80px 100px 1fr';
const tc: CSSProperties = { padding: '2px 8px', textAlign: 'left', whiteSpace: 'nowrap' };

function timeMs(t: number | null): string {
  return t === null ? '' : `${(t * 1000).toFixed(3)} ms`;
}

function FrameButton({
  frame,
  onSelectFrame,
  label,
}: {
  frame: number;
  onSelectFrame: (f: number) => void;
  label: string;
}) {
  return (
    <button
      type="button"
      className="frame-link"
      data-frame={frame}
      aria-label={label}
      onClick={() => onSelectFrame(frame)}
      style={{ ...mono, marginRight: 4 }}
    >
      #{frame}
    </button>
  );
}

function MessageDetail({
  row,
  connection,
  timeline,
  onSelectFrame,
}: {
  row: WsMessageRow;
  connection: ConnectionModel;
  timeline: ConnectionTimeline | null;
  onSelectFrame: (f: number) => void;
}) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const [asHex, setAsHex] = useState(false);
  const ws = connection.dissection.websocket!;
  const m = row.message;
  const carriers = useMemo(() => carriersOf(m, ws, timeline?.rows ?? []), [m, ws, timeline]);
  const json = m.type === 'text' && !asHex ? prettyJson(m.text) : null;
  const bytes =
    m.data ??
    (m.payloadHex !== null
      ? hexToBytes(m.payloadHex)
      : m.text !== null
        ? new TextEncoder().encode(m.text)
        : null);
  const showHex = asHex || m.type === 'binary' || (m.text === null && m.type !== 'close');

  let body;
  if (showHex) {
    body = bytes ? (
      <pre data-testid="ws-hex" style={{ ...mono, margin: 0 }}>
        {hexDump(bytes).join('\n')}
      </pre>
    ) : (
      <p>{t('websocket.noPayload')}</p>
    );
  } else if (json !== null) {
    body = (
      <pre data-testid="ws-json" style={{ ...mono, margin: 0, whiteSpace: 'pre-wrap' }}>
        {json}
      </pre>
    );
  } else {
    const text = m.type === 'close' ? (m.reason ?? '') : (m.text ?? '');
    const shown = showAll || text.length <= TEXT_SHOWN ? text : text.slice(0, TEXT_SHOWN);
    body = (
      <>
        {m.type === 'close' && (
          <p data-testid="ws-close-code">
            {t('websocket.closeCode')}: {m.code ?? t('websocket.none')}
          </p>
        )}
        <pre
          data-testid="ws-text"
          style={{ ...mono, margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
        >
          {shown}
        </pre>
        {shown.length < text.length && (
          <button type="button" onClick={() => setShowAll(true)}>
            {t('websocket.showAll', { count: text.length })}
          </button>
        )}
      </>
    );
  }

  const notes: string[] = [];
  if (m.compressed) notes.push(t('websocket.compressed'));
  if (m.clipped) notes.push(t('websocket.clipped'));
  if (m.incomplete) notes.push(t('websocket.incomplete'));

  return (
    <section
      className="ws-detail"
      aria-label={t('websocket.detail')}
      data-testid="ws-detail"
      style={{ padding: 8, overflow: 'auto', flex: 1, minHeight: 0 }}
    >
      <header style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'baseline' }}>
        <strong>
          {row.dir === 'up' ? '↑' : '↓'} {t(`websocket.type.${m.type}`)}
        </strong>
        <span>{row.dir === 'up' ? t('websocket.clientToServer') : t('websocket.serverToClient')}</span>
        <span>
          {t('websocket.size')}: {sizeText(m.length)} ({t('websocket.onWire', { bytes: m.wireLength })})
        </span>
        <span>{timeMs(row.time)}</span>
        {notes.map((n) => (
          <span key={n} className="badge">
            {n}
          </span>
        ))}
        {(m.type === 'text' || m.type === 'close' || m.type === 'ping' || m.type === 'pong') && bytes && (
          <label>
            <input type="checkbox" checked={asHex} onChange={(e) => setAsHex(e.target.checked)} />{' '}
            {t('websocket.showHex')}
          </label>
        )}
      </header>
      <div
        style={{
          margin: '8px 0',
          maxHeight: 320,
          overflow: 'auto',
          border: '1px solid var(--border, #d7dbe3)',
          padding: 6,
        }}
      >
        {body}
      </div>
      <h4 style={{ margin: '8px 0 4px' }}>{t('websocket.frames', { count: carriers.frames.length })}</h4>
      <table
        className="ws-frames"
        data-testid="ws-frames"
        style={{ ...mono, fontSize: 12, borderCollapse: 'collapse' }}
      >
        <thead>
          <tr>
            <th style={tc}>{t('websocket.col.index')}</th>
            <th style={tc}>{t('websocket.col.opcode')}</th>
            <th style={tc}>FIN</th>
            <th style={tc}>RSV</th>
            <th style={tc}>{t('websocket.col.mask')}</th>
            <th style={tc}>{t('websocket.col.length')}</th>
            <th style={tc}>{t('websocket.col.captureFrames')}</th>
          </tr>
        </thead>
        <tbody>
          {carriers.frames.map((f) => (
            <tr key={f.index}>
              <td style={tc}>{f.index}</td>
              <td style={tc}>{opcodeName(f.opcode)}</td>
              <td style={tc}>{f.fin ? '1' : '0'}</td>
              <td style={tc}>{f.rsv.toString(2).padStart(3, '0')}</td>
              <td style={tc}>{f.maskKey ?? '—'}</td>
              <td style={tc}>
                {f.length}
                {f.truncated ? ` (${t('websocket.truncated')})` : ''}
              </td>
              <td style={tc}>
                <FrameButton
                  frame={f.firstFrame}
                  onSelectFrame={onSelectFrame}
                  label={t('websocket.selectFrame', { frame: f.firstFrame })}
                />
                {f.frame !== f.firstFrame && (
                  <FrameButton
                    frame={f.frame}
                    onSelectFrame={onSelectFrame}
                    label={t('websocket.selectFrame', { frame: f.frame })}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 style={{ margin: '8px 0 4px' }}>{t('websocket.segments', { count: carriers.segments.length })}</h4>
      <div data-testid="ws-segments">
        {carriers.segments.map((f) => (
          <FrameButton
            key={f}
            frame={f}
            onSelectFrame={onSelectFrame}
            label={t('websocket.selectFrame', { frame: f })}
          />
        ))}
      </div>
    </section>
  );
}

export function WebSocketView({ connection, timeline, selectedFrame, onSelectFrame }: WebSocketViewProps) {
  const { t } = useTranslation();
  const [type, setType] = useState<WsTypeFilter>('all');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const ws = connection?.dissection.websocket ?? null;
  const rows = useMemo(() => messageRows(ws, timeLookup(timeline?.rows ?? [])), [ws, timeline]);
  const shown = useMemo(() => filterMessages(rows, type, query), [rows, type, query]);
  const viewRef = useRef<HTMLElement>(null);
  const [listH, setListH] = useState(260);
  // A frame chosen elsewhere (packet list, ladder, steps, a tour) opens the message it belongs to
  // and scrolls it into view, so the message pane never says "select a message" beside a
  // highlighted one.
  useEffect(() => {
    if (selectedFrame === null) return;
    const pos = shown.findIndex(
      (r) => selectedFrame >= r.message.firstFrame && selectedFrame <= r.message.lastFrame,
    );
    if (pos < 0) return;
    setSelected(shown[pos]!.index);
    const list = listRef.current;
    if (list) {
      const top = pos * ROW_H;
      if (top < list.scrollTop || top + ROW_H > list.scrollTop + list.clientHeight)
        list.scrollTop = Math.max(0, top - ROW_H * 2);
    }
  }, [selectedFrame, shown]);
  useEffect(() => {
    const el = viewRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() =>
      setListH(Math.max(LIST_MIN, Math.min(LIST_MAX, Math.round(el.clientHeight * 0.4)))),
    );
    ro.observe(el);
    return () => ro.disconnect();
  }, [ws]);

  if (!connection || !ws) {
    return (
      <p className="placeholder" data-testid="ws-none">
        {t('websocket.notWebSocket')}
      </p>
    );
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - 5);
  const last = Math.min(shown.length, Math.ceil((scrollTop + listH) / ROW_H) + 5);
  const current = selected !== null ? rows[selected] : undefined;
  const atFrame = (r: WsMessageRow) =>
    selectedFrame !== null && selectedFrame >= r.message.firstFrame && selectedFrame <= r.message.lastFrame;

  const move = (delta: number) => {
    if (shown.length === 0) return;
    const at = shown.findIndex((r) => r.index === selected);
    const pos = Math.max(0, Math.min(shown.length - 1, at < 0 ? 0 : at + delta));
    setSelected(shown[pos]!.index);
    // Keep the keyboard selection in view.
    const list = listRef.current;
    if (list) {
      const top = pos * ROW_H;
      if (top < list.scrollTop) list.scrollTop = top;
      else if (top + ROW_H > list.scrollTop + listH) list.scrollTop = top + ROW_H - listH;
    }
  };

  return (
    <section
      ref={viewRef}
      className="websocket-view"
      aria-label={t('websocket.title')}
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
    >
      <div
        role="toolbar"
        aria-label={t('websocket.filters')}
        style={{ display: 'flex', gap: 8, alignItems: 'center', padding: 4, flexWrap: 'wrap' }}
      >
        <div role="radiogroup" aria-label={t('websocket.typeFilter')} style={{ display: 'flex', gap: 2 }}>
          {WS_TYPE_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={type === f}
              data-filter={f}
              onClick={() => setType(f)}
              style={{ fontWeight: type === f ? 700 : 400 }}
            >
              {t(`websocket.filter.${f}`)}
            </button>
          ))}
        </div>
        <input
          type="search"
          aria-label={t('websocket.search')}
          placeholder={t('websocket.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span data-testid="ws-count">
          {t('websocket.count', { shown: shown.length, total: rows.length })}
        </span>
        {ws.guess && <span className="badge">{t('websocket.guess')}</span>}
        {ws.permessageDeflate && <span className="badge">permessage-deflate</span>}
      </div>
      <div
        role="grid"
        aria-label={t('websocket.messages')}
        aria-rowcount={shown.length + 1}
        style={{ ...mono, fontSize: 12, borderTop: '1px solid var(--border, #d7dbe3)' }}
      >
        <div
          role="row"
          style={{
            display: 'grid',
            gridTemplateColumns: COLS,
            fontWeight: 700,
            height: ROW_H,
            alignItems: 'center',
            background: 'var(--bg-alt, #f5f6f8)',
          }}
        >
          <span role="columnheader" style={cell} aria-label={t('websocket.col.direction')} />
          <span role="columnheader" style={cell}>
            {t('websocket.col.type')}
          </span>
          <span role="columnheader" style={cell}>
            {t('websocket.col.size')}
          </span>
          <span role="columnheader" style={cell}>
            {t('websocket.col.time')}
          </span>
          <span role="columnheader" style={cell}>
            {t('websocket.col.data')}
          </span>
        </div>
        <div
          data-testid="ws-list"
          ref={listRef}
          tabIndex={0}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
            e.preventDefault();
            move(e.key === 'ArrowDown' ? 1 : -1);
          }}
          style={{ height: listH, overflowY: 'auto', position: 'relative' }}
        >
          <div style={{ height: shown.length * ROW_H, position: 'relative' }}>
            {shown.slice(first, last).map((r, i) => {
              const m = r.message;
              const isSel = r.index === selected;
              const cls = `ws-row ${r.dir} ${m.type}${isSel ? ' selected' : ''}${atFrame(r) ? ' current' : ''}`;
              return (
                <div
                  key={r.index}
                  role="row"
                  aria-selected={isSel}
                  aria-rowindex={first + i + 2}
                  className={cls}
                  data-message={r.index}
                  data-dir={r.dir}
                  data-type={m.type}
                  onClick={() => setSelected(r.index)}
                  style={{
                    position: 'absolute',
                    top: (first + i) * ROW_H,
                    left: 0,
                    right: 0,
                    height: ROW_H,
                    display: 'grid',
                    gridTemplateColumns: COLS,
                    alignItems: 'center',
                    cursor: 'pointer',
                    background: isSel
                      ? 'var(--selection, #cfe0ff)'
                      : atFrame(r)
                        ? 'var(--row-tls, #fdf3e3)'
                        : r.dir === 'up'
                          ? 'var(--row-http, #e7f6ec)'
                          : 'transparent',
                    color: m.type === 'close' ? 'var(--danger, #b3261e)' : undefined,
                    borderBottom: '1px solid var(--border, #d7dbe3)',
                  }}
                >
                  <span
                    role="gridcell"
                    style={{ ...cell, color: r.dir === 'up' ? '#2f7d32' : '#c62828', fontWeight: 700 }}
                    aria-label={
                      r.dir === 'up' ? t('websocket.clientToServer') : t('websocket.serverToClient')
                    }
                  >
                    {r.dir === 'up' ? '↑' : '↓'}
                  </span>
                  <span role="gridcell" style={cell}>
                    {t(`websocket.type.${m.type}`)}
                    {r.fragments > 1 ? ` ×${r.fragments}` : ''}
                  </span>
                  <span role="gridcell" style={cell}>
                    {sizeText(r.size)}
                  </span>
                  <span role="gridcell" style={cell}>
                    {timeMs(r.time)}
                  </span>
                  <span role="gridcell" style={cell} title={r.preview}>
                    {r.preview}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {current ? (
        <MessageDetail
          key={current.index}
          row={current}
          connection={connection}
          timeline={timeline}
          onSelectFrame={onSelectFrame}
        />
      ) : (
        <p className="placeholder" style={{ padding: 8 }}>
          {t('websocket.pick')}
        </p>
      )}
    </section>
  );
}
