// React context carrying the app state, its dispatch and the worker-backed actions.

import { createContext, useContext } from 'react';
import type { Action, AppState } from './app-state.ts';

export interface AppActions {
  openFile(file: File): void;
  pickFile(): void;
  cancel(): void;
  requestFrame(frame: number): void;
}

export interface AppContextValue {
  state: AppState;
  dispatch: (a: Action) => void;
  actions: AppActions;
  /** The last frame read from the file (bytes + field tree), for the detail view. */
  frameData: { frame: number; bytes: Uint8Array; tree: unknown } | null;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppContext');
  return v;
}
