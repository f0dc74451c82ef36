// App state shared by every view: the capture, the selection (frame, connections), the display
// filter, language and theme. One reducer, so list, ladder and detail can never disagree.

import type { CaptureModel } from '../model.ts';

export type Theme = 'light' | 'dark';
export type Language = 'en' | 'zh';

export interface LoadState {
  name: string;
  bytes: number;
  total: number;
  packets: number;
}

export interface AppError {
  message: string;
  offset?: number;
}

export interface AppState {
  model: CaptureModel | null;
  /** The last fully read model, restored when a load is cancelled. */
  previous: CaptureModel | null;
  /** True while the model is a partial one (file still being read). */
  partial: boolean;
  loading: LoadState | null;
  error: AppError | null;
  selectedFrame: number | null;
  selectedConnections: number[];
  filterText: string;
  language: Language;
  theme: Theme;
  /** Quiz mode: the list shows no packet after this frame until it is revealed (null: all). */
  horizon?: number | null;
  /** A live capture's re-read is under way: the current model stays shown until it is done. */
  refreshing?: boolean;
}

export type Action =
  /** `keep`: a re-read of the growing live capture file; keep the model, selection and tab meanwhile. */
  | { type: 'load-start'; name: string; total: number; keep?: boolean }
  | { type: 'progress'; bytes: number; total: number; packets: number }
  | { type: 'partial'; model: CaptureModel }
  | { type: 'done'; model: CaptureModel }
  | { type: 'cancelled' }
  | { type: 'error'; error: AppError | null }
  | { type: 'select-frame'; frame: number | null }
  /** `add`: toggle this connection in a multi-selection (Ctrl/Cmd+click) instead of replacing it. */
  | { type: 'select-connection'; connection: number | null; frame?: number | null; add?: boolean }
  | { type: 'filter'; text: string }
  | { type: 'quiz-horizon'; frame: number | null }
  | { type: 'language'; language: Language }
  | { type: 'theme'; theme: Theme };

export function initialState(language: Language = 'en', theme: Theme = 'light'): AppState {
  return {
    model: null,
    previous: null,
    partial: false,
    loading: null,
    error: null,
    selectedFrame: null,
    selectedConnections: [],
    filterText: '',
    language,
    theme,
  };
}

export function reducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'load-start':
      if (action.keep && state.model && !state.loading) return { ...state, refreshing: true };
      return {
        ...state,
        loading: { name: action.name, bytes: 0, total: action.total, packets: 0 },
        error: null,
        previous: state.partial ? state.previous : state.model,
        horizon: null,
      };
    case 'progress':
      return state.loading
        ? {
            ...state,
            loading: { ...state.loading, bytes: action.bytes, total: action.total, packets: action.packets },
          }
        : state;
    case 'partial':
      if (state.refreshing) return state;
      return { ...state, model: action.model, partial: true, selectedFrame: null, selectedConnections: [] };
    case 'done': {
      if (state.refreshing) {
        const n = action.model.packets.length;
        // Nothing selected yet (the capture started empty): the first packet, as a fresh load does.
        const first = action.model.packets[0];
        const frame =
          state.selectedFrame === null
            ? (first?.frame ?? null)
            : state.selectedFrame <= n
              ? state.selectedFrame
              : null;
        const kept = state.selectedConnections.filter((c) => c < action.model.connections.length);
        const conns =
          state.selectedFrame === null && first && first.connection >= 0 ? [first.connection] : kept;
        return {
          ...state,
          model: action.model,
          refreshing: false,
          selectedFrame: frame,
          selectedConnections: conns,
        };
      }
      const keep =
        state.partial && state.selectedFrame !== null && state.selectedFrame <= action.model.packets.length;
      const frame = keep ? state.selectedFrame : (action.model.packets[0]?.frame ?? null);
      const conn = frame !== null ? (action.model.packets[frame - 1]?.connection ?? -1) : -1;
      return {
        ...state,
        model: action.model,
        previous: null,
        partial: false,
        loading: null,
        selectedFrame: frame,
        selectedConnections: conn >= 0 ? [conn] : [],
      };
    }
    case 'cancelled':
      if (state.refreshing) return { ...state, refreshing: false };
      if (!state.loading) return state;
      return state.partial
        ? {
            ...state,
            model: state.previous,
            previous: null,
            loading: null,
            partial: false,
            selectedFrame: null,
            selectedConnections: [],
          }
        : { ...state, loading: null, previous: null };
    case 'error':
      return state.refreshing && action.error
        ? { ...state, error: action.error, refreshing: false }
        : { ...state, error: action.error };
    case 'quiz-horizon':
      return state.horizon === action.frame ? state : { ...state, horizon: action.frame };
    case 'select-frame': {
      const conn = action.frame !== null ? (state.model?.packets[action.frame - 1]?.connection ?? -1) : -1;
      return {
        ...state,
        selectedFrame: action.frame,
        // A frame of a connection already selected keeps a multi-selection (the ladder of several).
        selectedConnections:
          conn < 0 || state.selectedConnections.includes(conn) ? state.selectedConnections : [conn],
      };
    }
    case 'select-connection': {
      const id = action.connection;
      if (id !== null && action.add) {
        const has = state.selectedConnections.includes(id);
        const next = has
          ? state.selectedConnections.filter((c) => c !== id)
          : [...state.selectedConnections, id];
        return { ...state, selectedConnections: next.sort((a, b) => a - b) };
      }
      return {
        ...state,
        selectedConnections: id === null ? [] : [id],
        selectedFrame: action.frame !== undefined ? action.frame : state.selectedFrame,
      };
    }
    case 'filter':
      return { ...state, filterText: action.text };
    case 'language':
      return { ...state, language: action.language };
    case 'theme':
      return { ...state, theme: action.theme };
  }
}
