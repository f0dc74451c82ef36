// React glue for the desktop host: subscribes to the files it announces (command line, OS file
// association, its own File ▸ Open) and to the menu commands the renderer carries out. Both are
// no-ops in a browser, where `window.wirestep` does not exist.

import { useEffect, useRef } from 'react';
import type { DesktopApi, DesktopMenuCommand, DesktopOpenedFile } from './desktop-api.ts';
import { desktop } from './host.ts';

/**
 * Opens every file the host announces. Returns a ref that turns true once one arrived, so the
 * start-up sample is not opened over (or after) a file given on the command line. Declare it
 * before the effect that opens the sample: the host delivers files buffered before the page
 * subscribed synchronously, inside the subscribe call.
 */
export function useDesktopFiles(open: (api: DesktopApi, file: DesktopOpenedFile) => void) {
  const announced = useRef(false);
  useEffect(() => {
    const api = desktop();
    if (!api) return;
    return api.onFileOpened((file) => {
      announced.current = true;
      open(api, file);
    });
  }, [open]);
  return announced;
}

export type MenuHandlers = Partial<Record<DesktopMenuCommand, () => void>>;

/** Runs the handler for each menu command; commands without one are ignored. */
export function useDesktopMenu(handlers: MenuHandlers): void {
  // The latest handlers without re-subscribing on every render.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const api = desktop();
    if (!api) return;
    return api.onMenuCommand((command) => latest.current[command]?.());
  }, []);
}
