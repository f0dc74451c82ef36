// Web mode's host: the same live-capture calls Electron's preload offers, over the HTTP API of
// server/host-api.ts (JSON requests, file bytes by range, pushes on one EventSource). Present only
// when the page was served by `npm run web` (the server adds a `wirestep-host-api` meta tag to
// index.html): a plain static serve has no API, and the capture UI then stays hidden.

import type { CaptureHostApi, DesktopCaptureStatus, DesktopChunk, HostError } from './desktop-api.ts';

function apiBase(): string | null {
  if (typeof document === 'undefined') return null;
  const meta = document.querySelector<HTMLMetaElement>('meta[name="wirestep-host-api"]');
  return meta ? new URL(meta.content || 'api/', document.baseURI).href : null;
}

function hostError(body: unknown, status: number): HostError {
  const e = (body as { error?: { id?: unknown; message?: unknown; howToFix?: unknown; docs?: unknown } })
    ?.error;
  const id = typeof e?.id === 'string' ? e.id : 'host.failed';
  const message = typeof e?.message === 'string' ? e.message : `HTTP ${status}`;
  const err = new Error(`${id}: ${message}`) as HostError;
  err.id = id;
  if (typeof e?.howToFix === 'string') err.howToFix = e.howToFix;
  if (typeof e?.docs === 'string') err.docs = e.docs;
  return err;
}

export function createWebApi(base: string): CaptureHostApi {
  async function call<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(base + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) throw hostError(json, res.status);
    return json as T;
  }

  const listeners = new Set<(s: DesktopCaptureStatus) => void>();
  let source: EventSource | null = null;
  function subscribe(fn: (s: DesktopCaptureStatus) => void): () => void {
    listeners.add(fn);
    if (!source) {
      source = new EventSource(base + 'events');
      source.addEventListener('status', (ev) => {
        const status = JSON.parse((ev as MessageEvent<string>).data) as DesktopCaptureStatus;
        for (const l of listeners) l(status);
      });
    }
    return () => {
      listeners.delete(fn);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  }

  return {
    async readChunk(fileId, offset, length): Promise<DesktopChunk> {
      const res = await fetch(
        `${base}files/${encodeURIComponent(fileId)}?offset=${offset}&length=${length}`,
        {
          credentials: 'same-origin',
        },
      );
      if (!res.ok) throw hostError(await res.json().catch(() => null), res.status);
      return {
        bytes: new Uint8Array(await res.arrayBuffer()),
        eof: res.headers.get('X-Wirestep-Eof') === '1',
      };
    },
    listInterfaces: () => call('interfaces'),
    startCapture: (request = {}) => call('capture/start', request),
    stopCapture: (sessionId) => call('capture/stop', { sessionId }),
    runDemo: (scenario) => call('demo/run', { scenario }),
    openRecording: (scenario) => call('demo/recording', { scenario }),
    onCaptureStatus: subscribe,
  };
}

let cached: CaptureHostApi | null | undefined;

/** The web mode's host API, or null when the page was not served by `npm run web`. */
export function webApi(): CaptureHostApi | null {
  if (cached === undefined) {
    const base = apiBase();
    cached = base ? createWebApi(base) : null;
  }
  return cached;
}

/** Where live capture goes: the desktop preload when it offers capture, else web mode, else none. */
export function captureHost(): CaptureHostApi | null {
  const d =
    typeof window === 'undefined' ? undefined : (window.wirestep as unknown as Partial<CaptureHostApi>);
  if (d && typeof d.startCapture === 'function' && typeof d.readChunk === 'function')
    return d as CaptureHostApi;
  return webApi();
}

/** A host failure's id and text, from web mode's structured errors or Electron's `id: message` text. */
export function problemOf(e: unknown): { id: string; message: string; howToFix?: string } {
  const he = e as HostError;
  const full = e instanceof Error ? e.message : String(e);
  // Electron: the fix travels in the text after this mark (electron/main/ipc-handlers.ts withHowToFix).
  const cut = full.indexOf(HOW_TO_FIX_MARK);
  const text = cut < 0 ? full : full.slice(0, cut);
  const fix = he?.howToFix ?? (cut < 0 ? undefined : full.slice(cut + HOW_TO_FIX_MARK.length));
  const m = /\b((?:capture|ipc|demo|host)\.[a-z_.-]+): ([\s\S]*)$/.exec(text);
  const id = he?.id ?? m?.[1] ?? 'capture.failed';
  const message = m ? m[2]! : text;
  return fix ? { id, message, howToFix: fix } : { id, message };
}

/** Must equal electron/main/ipc-handlers.ts HOW_TO_FIX_MARK (the renderer may not import main). */
export const HOW_TO_FIX_MARK = '\n\nHow to fix:\n';
