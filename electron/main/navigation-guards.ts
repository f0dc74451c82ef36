// Keeps every web contents on the app: no navigation away (checklist #13), no new windows (#14),
// no <webview> (#12), no permissions (#5), and external links only through a checked
// shell.openExternal (#15). Wire text is attacker-controlled (a capture may hold any HTML), so
// these hold even if something ever renders it as markup.
import { isAppUrl, type AppLocation } from './app-location.ts';
import type { HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from './electron-api.ts';

const MAX_EXTERNAL_URL = 2048;

/** http(s) only, with a host and no embedded credentials: what may be handed to the OS browser. */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  if (!u.hostname || u.username || u.password) return false;
  return true;
}

/** will-navigate / will-redirect: stay on the app's own page (reloads and in-page hash moves are fine). */
export function allowNavigation(url: string, loc: AppLocation): boolean {
  return isAppUrl(url, loc);
}

/** setWindowOpenHandler: never a new Electron window; safe web links go to the OS browser. */
export function windowOpenDecision(
  details: HandlerDetails,
  openExternal: (url: string) => void,
): WindowOpenHandlerResponse {
  if (isSafeExternalUrl(details.url)) openExternal(details.url);
  return { action: 'deny' };
}

export interface GuardOptions {
  location: AppLocation;
  /** shell.openExternal; errors are swallowed (a missing browser is not the app's problem). */
  openExternal: (url: string) => Promise<void>;
}

export function guardWebContents(contents: WebContents, o: GuardOptions): void {
  const block = (event: { preventDefault(): void }, url: string) => {
    if (!allowNavigation(url, o.location)) event.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) =>
    windowOpenDecision(details, (url) => void o.openExternal(url).catch(() => {})),
  );
}

/** The app needs no camera, notifications, clipboard-read, geolocation, ...: deny every request and check. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
