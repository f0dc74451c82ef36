// The tours' app-level state: whether the start screen is open, which tour runs, and starting one
// (load its bundled recording, then play once that capture is the open model).

import { useCallback, useState } from 'react';
import type { TourDef } from '../../../../core/tour/index.ts';
import type { CaptureModel } from '../../model.ts';
import { loadRecording, recordingFileName } from './load-recording.ts';

export interface ToursController {
  startOpen: boolean;
  openStart: () => void;
  closeStart: () => void;
  /** The running tour, once its recording is the open capture (fully read). */
  playing: TourDef | null;
  start: (tour: TourDef) => void;
  exit: () => void;
}

export function useTours(
  model: CaptureModel | null,
  partial: boolean,
  openFile: (f: File) => void,
  onError: (message: string) => void,
): ToursController {
  const [startOpen, setStartOpen] = useState(false);
  const [tour, setTour] = useState<TourDef | null>(null);
  const start = useCallback(
    (t: TourDef) => {
      setStartOpen(false);
      setTour(t);
      loadRecording(t.recording).then(openFile, (e: unknown) => {
        setTour(null);
        onError(e instanceof Error ? e.message : String(e));
      });
    },
    [openFile, onError],
  );
  // Another capture opened over the tour's: the tour no longer applies.
  const playing = tour && model && !partial && model.name === recordingFileName(tour.recording) ? tour : null;
  return {
    startOpen,
    openStart: useCallback(() => setStartOpen(true), []),
    closeStart: useCallback(() => setStartOpen(false), []),
    playing,
    start,
    exit: useCallback(() => setTour(null), []),
  };
}
