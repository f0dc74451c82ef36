// The tab views written by the other renderer parts (ladder, websocket, http, detail), found at
// build time: a view that exists is wired in, one that does not yet shows a placeholder.

import type { ComponentType } from 'react';

export type TabId = 'ladder' | 'websocket' | 'http' | 'detail' | 'steps' | 'compare';
export const TABS: TabId[] = ['ladder', 'websocket', 'http', 'detail', 'steps', 'compare'];
/** Tabs about the whole capture: shown without a selected connection, kept across selections. */
export const WHOLE_CAPTURE_TABS: ReadonlySet<TabId> = new Set<TabId>(['steps', 'compare']);

const modules = import.meta.glob<Record<string, unknown>>(
  './views/{ladder,websocket,http,detail,steps,compare}/index.ts',
  {
    eager: true,
  },
);

const EXPORT_NAMES: Record<TabId, string[]> = {
  ladder: ['LadderView', 'default'],
  websocket: ['WebSocketView', 'WebsocketView', 'default'],
  http: ['HttpView', 'HTTPView', 'default'],
  detail: ['DetailView', 'default'],
  steps: ['StepsView', 'default'],
  compare: ['CompareView', 'default'],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyView = ComponentType<any>;

export function viewComponent(tab: TabId): AnyView | null {
  const mod = modules[`./views/${tab}/index.ts`];
  if (!mod) return null;
  for (const name of EXPORT_NAMES[tab]) {
    const c = mod[name];
    if (typeof c === 'function' || (typeof c === 'object' && c !== null)) return c as AnyView;
  }
  return null;
}
