// The main window's options. Every security-relevant webPreference is written out, even where it
// equals Electron 45's default, so a reader (and test/electron/window-options.test.ts) sees the
// whole policy in one place and a future default change cannot loosen it silently.
// Ref: https://www.electronjs.org/docs/latest/tutorial/security (checklist items 2–4, 6, 8–10, 12).
import type { BrowserWindowOptions } from './electron-api.ts';

export function mainWindowOptions(preloadPath: string, o: { devTools?: boolean } = {}): BrowserWindowOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title: 'Wirestep',
    // Shown on ready-to-show: no white flash, and no window at all if the page fails to load.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // enableBlinkFeatures is deliberately absent: no opt-in Blink features.
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: o.devTools ?? false,
    },
  };
}
