// The display filter input: applies on Enter (or Apply), shows a parse error under the field and
// keeps the previous list while the text is bad; while a byte filter (frame contains …) searches
// the capture, the count says how far it got.

import { forwardRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterError } from './filter.ts';

export interface FilterBarProps {
  applied: string;
  error: FilterError | null;
  shown: number;
  total: number;
  /** 0..1 while the packet bytes are searched for the filter, else null/absent. */
  searching?: number | null;
  onApply: (text: string) => void;
}

export const FilterBar = forwardRef<HTMLInputElement, FilterBarProps>(function FilterBar(
  { applied, error, shown, total, searching = null, onApply },
  ref,
) {
  const { t } = useTranslation();
  const [text, setText] = useState(applied);
  return (
    <form
      className={`filter-bar${error ? ' bad' : ''}`}
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(text);
      }}
    >
      <input
        ref={ref}
        type="text"
        spellCheck={false}
        aria-label={t('filter.label')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'filter-error' : undefined}
        placeholder={t('filter.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
      />
      <button type="submit">{t('filter.apply')}</button>
      <button
        type="button"
        onClick={() => {
          setText('');
          onApply('');
        }}
      >
        {t('filter.clear')}
      </button>
      <details className="filter-help" data-testid="filter-help" style={{ position: 'relative' }}>
        <summary aria-label={t('filter.help.button')} title={t('filter.help.button')}>
          ?
        </summary>
        <div
          role="note"
          style={{
            position: 'absolute',
            zIndex: 30,
            right: 0,
            width: 460,
            padding: '6px 10px',
            background: 'var(--bg)',
            border: '1px solid var(--border)',
            fontSize: 12,
          }}
        >
          <strong>{t('filter.help.title')}</strong>
          <ul style={{ margin: '4px 0', paddingLeft: 16 }}>
            {(['protocols', 'fields', 'flags', 'logic', 'bytes', 'contains'] as const).map((k) => (
              <li key={k} data-testid={`filter-help-${k}`}>
                {t(`filter.help.${k}`)}
              </li>
            ))}
          </ul>
        </div>
      </details>
      {searching !== null ? (
        <span className="filter-count" role="status" data-testid="filter-searching">
          {t('filter.searching', { percent: Math.floor(searching * 100) })}
        </span>
      ) : (
        <span className="filter-count" data-testid="filter-count">
          {t('packets.shown', { shown, total })}
        </span>
      )}
      {error ? (
        <div id="filter-error" role="alert" className="filter-error" data-testid="filter-error">
          {t(`filter.error.${error.code}`, { token: error.token, column: error.column })}
        </div>
      ) : null}
    </form>
  );
});
