// The start screen: the guided tours as cards, one click each (the card loads the tour's bundled
// recording and starts it). Shown when no capture is open and from the toolbar's Tours button.

import { useTranslation } from 'react-i18next';
import { TOURS } from '../../../../core/tour/index.ts';
import type { TourDef } from '../../../../core/tour/index.ts';
import { recordingFileName } from './load-recording.ts';
import { TOURS_CSS } from './tours-style.ts';

export interface TourStartProps {
  language: 'en' | 'zh';
  onStart: (tour: TourDef) => void;
  /** Present when a capture is open behind the start screen: go back to it. */
  onClose?: () => void;
  /** Shown above the cards (e.g. "no capture open"). */
  note?: string;
}

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

export function TourStart({ language, onStart, onClose, note }: TourStartProps) {
  const { t } = useTranslation();
  const lang = language === 'zh' ? 'zh-CN' : 'en';
  return (
    <section className="tour-start" aria-labelledby="tour-start-title" data-testid="tour-start">
      <style>{TOURS_CSS}</style>
      {note ? <p className="placeholder">{note}</p> : null}
      <h2 id="tour-start-title">{t('tours.startTitle')}</h2>
      <p className="tour-start-lead">{t('tours.startLead')}</p>
      <ul className="tour-cards">
        {TOURS.map((tour, i) => (
          <li key={tour.id}>
            <button
              type="button"
              className="tour-card"
              data-testid={`tour-card-${tour.id}`}
              onClick={() => onStart(tour)}
              lang={lang}
            >
              <span className="tour-letter">{t('tours.tourN', { letter: LETTERS[i] ?? String(i + 1) })}</span>
              <strong>{tour.title[language]}</strong>
              <span className="tour-summary">{tour.summary[language]}</span>
              <span className="tour-meta">
                {t('tours.meta', { steps: tour.steps.length, file: recordingFileName(tour.recording) })}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {onClose ? (
        <button type="button" className="tour-start-close" onClick={onClose} data-testid="tour-start-close">
          {t('tours.backToCapture')}
        </button>
      ) : null}
    </section>
  );
}
