// Where the renderer legitimately lives, and the one predicate every guard shares: is this URL
// the app itself? Used for IPC sender checks (Electron security checklist #17), navigation (#13)
// and CSP scoping. Two places only: the built renderer's index.html as a file: URL, and — in an
// unpackaged development run — the Vite dev server's loopback origin.

export interface AppLocation {
  /** file:///…/renderer/dist/index.html (query and fragment ignored when comparing). */
  indexUrl: string;
  /** http://127.0.0.1:5173 or http://localhost:5173; only ever set when the app is not packaged. */
  devOrigin?: string;
}

/** A dev origin is accepted only if it is plain http on loopback with an explicit port. */
export function parseDevOrigin(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' || !u.port || u.username || u.password) return undefined;
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost' && u.hostname !== '[::1]') return undefined;
  return u.origin;
}

export function isAppUrl(url: string | undefined | null, loc: AppLocation): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'file:') {
    const index = new URL(loc.indexUrl);
    // Exact file, not "anything under the app folder": a file: page elsewhere on disk is foreign.
    return u.host === index.host && u.pathname === index.pathname;
  }
  if (loc.devOrigin !== undefined && u.protocol === 'http:') {
    return `http://${u.host}` === loc.devOrigin;
  }
  return false;
}
