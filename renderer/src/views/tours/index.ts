// Guided tours (teaching item 5): the start screen's tour cards and the tour player.
export { TourStart, type TourStartProps } from './tour-start.tsx';
export { TourPlayer, pressTab, type TourPlayerProps } from './tour-player.tsx';
export { useTours, type ToursController } from './use-tours.ts';
export { loadRecording, recordingFileName } from './load-recording.ts';
