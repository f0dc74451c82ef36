// A capture problem as a clear message, never a stack trace: what went wrong in words, the
// underlying text (libpcap's own message for a bad filter), and for missing rights how to grant
// them on this OS (the agent's exact command when the host sends it) plus the fallbacks.
import { useTranslation } from 'react-i18next';
import type { CaptureProblem } from '../../state/use-live-capture.ts';

function osKey(): 'linux' | 'mac' | 'windows' {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  return /Mac/i.test(ua) ? 'mac' : /Windows/i.test(ua) ? 'windows' : 'linux';
}

const HEADLINE: Record<string, string> = {
  'capture.filter.invalid': 'capture.error.filter',
  'capture.permission': 'capture.error.permission',
  'capture.device.not_found': 'capture.error.device',
  'capture.backend.unavailable': 'capture.error.backend',
  'ipc.capture.busy': 'capture.error.busy',
};

export interface CaptureProblemProps {
  problem: CaptureProblem;
  /** Scenario whose recording the fallback offers (the failed demo's, else a default). */
  recordingScenario: string | null;
  canPlayRecording: boolean;
  onOpenFile: () => void;
  onPlayRecording: (scenario: string) => void;
  onDismiss: () => void;
}

export function CaptureProblemView(p: CaptureProblemProps) {
  const { t } = useTranslation();
  const { problem } = p;
  const permission = problem.id === 'capture.permission';
  return (
    <div className="capture-problem" role="alert" data-testid="capture-problem" data-problem={problem.id}>
      <strong>{t('capture.error.title')}: </strong>
      <span data-testid="capture-problem-headline">
        {t(HEADLINE[problem.id] ?? 'capture.error.other')}
      </span>{' '}
      <code data-testid="capture-problem-message">{problem.message}</code>
      {permission ? (
        <div className="capture-howto">
          <p>{t('capture.error.permissionWhy')}</p>
          {problem.howToFix ? (
            <pre data-testid="capture-howto">{problem.howToFix}</pre>
          ) : (
            <p data-testid="capture-howto">{t(`capture.howTo.${osKey()}`)}</p>
          )}
          <p>{t('capture.error.permissionFallback')}</p>
        </div>
      ) : null}
      <span className="capture-problem-actions">
        {permission ? (
          <button type="button" onClick={p.onOpenFile} data-testid="capture-fallback-open">
            {t('capture.error.openFile')}
          </button>
        ) : null}
        {permission && p.canPlayRecording && p.recordingScenario ? (
          <button
            type="button"
            onClick={() => p.onPlayRecording(p.recordingScenario!)}
            data-testid="capture-fallback-recording"
          >
            {t('capture.error.playRecording', { name: t(`capture.scenarios.${p.recordingScenario}.name`) })}
          </button>
        ) : null}
        <button type="button" onClick={p.onDismiss}>
          {t('capture.error.dismiss')}
        </button>
      </span>
    </div>
  );
}
