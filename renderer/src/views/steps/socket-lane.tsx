// The socket API calls that most likely produced this step, per side. A capture cannot see system
// calls: each is inferred from the wire (core/step/socket-calls.ts) and marked so.

import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../core/step/index.ts';

export interface SocketLaneProps {
  step: Step;
  language: 'en' | 'zh';
  client: string;
  server: string;
}

export function SocketLane({ step, language, client, server }: SocketLaneProps) {
  const { t } = useTranslation();
  return (
    <section className="socket-lane" aria-label={t('steps.socketLane')} data-testid="socket-lane">
      <h4>{t('steps.socketLane')}</h4>
      {(['client', 'server'] as const).map((side) => {
        const calls = step.socketCalls.filter((c) => c.side === side);
        return (
          <div key={side} className={`socket-side ${side}`} data-testid={`socket-${side}`}>
            <div className="socket-who" title={side === 'client' ? client : server}>
              {t(`steps.${side}`)}
            </div>
            {calls.length ? (
              <ol>
                {calls.map((c, i) => (
                  <li key={i} data-call={c.call}>
                    <code>{c.call}()</code> <span className="inferred">{t('steps.inferred')}</span>
                    <div className="socket-note">{c.note[language]}</div>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="socket-none">{t('steps.noCalls')}</p>
            )}
          </div>
        );
      })}
    </section>
  );
}
