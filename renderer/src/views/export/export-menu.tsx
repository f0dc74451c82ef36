// The Export menu (WAI-ARIA menu button): ladder SVG / PNG, Mermaid, HAR, analysis JSON and pcapng
// of the selected connections (all connections when none is selected). Files are saved through the
// `save` prop (Electron's host later) or a browser download.

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureModel } from '../../model.ts';
import { downloadBlob } from './download.ts';
import { buildExport, EXPORT_KINDS, type ExportKind, type ReadFrames } from './export-files.ts';

export interface ExportMenuProps {
  model: CaptureModel | null;
  selectedConnections: readonly number[];
  /** Reads frames' bytes (the worker's {type:'frames'}); without it pcapng is disabled. */
  readFrames?: ReadFrames;
  save?: (name: string, blob: Blob) => void | Promise<void>;
}

export function ExportMenu({ model, selectedConnections, readFrames, save = downloadBlob }: ExportMenuProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const disabled = (kind: ExportKind) =>
    !model ||
    busy !== null ||
    (kind === 'pcapng' && !readFrames) ||
    ((kind === 'svg' || kind === 'png') &&
      typeof document !== 'undefined' &&
      !document.querySelector('[data-testid="ladder-svg"]'));

  const run = async (kind: ExportKind) => {
    if (!model) return;
    setBusy(kind);
    setError(null);
    try {
      const file = await buildExport(kind, model, selectedConnections, readFrames);
      await save(file.name, file.blob);
      setOpen(false);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      setError(msg.startsWith('export.') ? t(msg) : t('export.failed', { message: msg }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="export-menu" ref={ref} style={{ position: 'relative', display: 'inline-block' }}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="export-button"
        disabled={!model}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      >
        {t('export.button')}
      </button>
      {open && (
        <ul
          role="menu"
          aria-label={t('export.menu')}
          data-testid="export-menu"
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          style={{
            position: 'absolute',
            right: 0,
            zIndex: 20,
            margin: 0,
            padding: 4,
            listStyle: 'none',
            minWidth: 240,
            background: 'var(--bg, #fff)',
            border: '1px solid var(--border, #d7dbe3)',
            boxShadow: '0 4px 14px rgba(0,0,0,.15)',
          }}
        >
          {EXPORT_KINDS.map((kind) => (
            <li key={kind} role="none">
              <button
                type="button"
                role="menuitem"
                data-testid={`export-${kind}`}
                disabled={disabled(kind)}
                onClick={() => void run(kind)}
                style={{
                  display: 'block',
                  width: '100%',
                  textAlign: 'left',
                  padding: '4px 8px',
                  border: 0,
                  background: 'transparent',
                  color: 'inherit',
                  cursor: 'pointer',
                }}
              >
                {busy === kind ? t('export.working') : t(`export.${kind}`)}
              </button>
            </li>
          ))}
          {error && (
            <li
              role="alert"
              data-testid="export-error"
              style={{ color: 'var(--danger, #b3261e)', padding: '4px 8px' }}
            >
              {error}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
