// The step's title and annotation in the UI language, the facts it quotes plus the packet's TCP
// numbers as a small table, and "why?" links to the spec sections. Text nodes only: the
// annotation quotes wire strings (request targets, WebSocket text).

import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../core/step/index.ts';
import type { FactRow } from './step-data.ts';

export interface AnnotationPanelProps {
  step: Step;
  language: 'en' | 'zh';
  facts: FactRow[];
}

export function AnnotationPanel({ step, language, facts }: AnnotationPanelProps) {
  const { t } = useTranslation();
  return (
    <section className="step-annotation" aria-label={t('steps.annotation')} data-testid="step-annotation">
      <h3 data-testid="step-title" lang={language === 'zh' ? 'zh-CN' : 'en'}>
        {step.title[language]}
      </h3>
      <p data-testid="step-text" lang={language === 'zh' ? 'zh-CN' : 'en'}>
        {step.annotation[language]}
      </p>
      {step.spec.length ? (
        <p className="step-why" data-testid="step-why">
          <span>{t('steps.why')}</span>{' '}
          {step.spec.map((s) => (
            <a key={s.url} href={s.url} target="_blank" rel="noopener noreferrer" title={s.url}>
              {s.rfc} {s.section}
            </a>
          ))}
        </p>
      ) : null}
      <div className="step-facts" data-testid="step-facts">
        <span className="facts-caption">{t('steps.facts')}</span>
        {(['step', 'packet'] as const).map((source) => {
          const rows = facts.filter((f) => f.source === source);
          if (!rows.length) return null;
          return (
            <dl key={source} className={`facts ${source}`} aria-label={t(`steps.factsOf.${source}`)}>
              {rows.map((f) => (
                <div key={f.key} data-fact={f.key} data-source={f.source}>
                  <dt title={factLabel(t, f.key)}>{factLabel(t, f.key)}</dt>
                  <dd title={f.value}>{f.value}</dd>
                </div>
              ))}
            </dl>
          );
        })}
      </div>
    </section>
  );
}

/** `target.2` (a second request in one packet) reads as "Target (2)". */
function factLabel(t: (k: string, o?: Record<string, unknown>) => string, key: string): string {
  const m = /^(.*)\.(\d+)$/.exec(key);
  const base = m ? m[1]! : key;
  const label = t(`steps.fact.${base}`, { defaultValue: base });
  return m ? `${label} (${m[2]})` : label;
}
