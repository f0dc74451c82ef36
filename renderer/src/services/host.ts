// The only code that talks to the host. In a browser that is the File API; inside Electron the
// preload exposes `window.wirestep` (desktop-api.ts): files come as granted ids whose bytes the
// worker reads through readChunk (desktop-chunks.ts), exports go through the host's save dialog.
// `window.wirestepHost` (a File-returning openFile) is the older embedding hook, still honoured.

import type { DesktopApi, DesktopExportKind } from './desktop-api.ts';
import { downloadBlob } from '../views/export/download.ts';

export interface Host {
  /** Asks the user for a capture file; null when they cancel. */
  openFile(): Promise<File | null>;
}

declare global {
  interface Window {
    wirestepHost?: Partial<Host>;
    /** The desktop host API (Electron preload); absent in a browser. */
    wirestep?: DesktopApi;
  }
}

/** The desktop host API when running inside the desktop app, else null. */
export function desktop(): DesktopApi | null {
  const api = typeof window === 'undefined' ? undefined : window.wirestep;
  return api && typeof api.openFile === 'function' && typeof api.readChunk === 'function' ? api : null;
}

/** The host's export kind for an export file name (HAR and Mermaid are JSON and text). */
export function exportKindOf(name: string): DesktopExportKind {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  switch (ext) {
    case 'svg':
    case 'png':
    case 'json':
    case 'csv':
    case 'html':
    case 'pcapng':
      return ext;
    case 'har':
      return 'json';
    default:
      return 'txt';
  }
}

/** Kinds the host writes as bytes; the rest go as text. */
const BINARY: ReadonlySet<DesktopExportKind> = new Set(['png', 'pcapng']);

/**
 * Saves an export: through the host's save dialog in the desktop app, else a browser download.
 * Resolves once written (or the dialog was cancelled).
 */
export async function saveExport(name: string, blob: Blob): Promise<void> {
  const api = desktop();
  if (!api) {
    downloadBlob(name, blob);
    return;
  }
  const kind = exportKindOf(name);
  const data = BINARY.has(kind) ? new Uint8Array(await blob.arrayBuffer()) : await blob.text();
  await api.exportFile({ kind, suggestedName: name, data });
}

function pickWithInput(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.pcap,.pcapng,.cap,.dmp';
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

export const host: Host = {
  openFile: () => (window.wirestepHost?.openFile ? window.wirestepHost.openFile() : pickWithInput()),
};

export const SAMPLE_NAME = 'wirestep-sample.pcap';

/**
 * A capture the web-mode server was started with (`npm start -- FILE`): the page URL names it
 * with `?open=NAME` and the server serves it, token-guarded, at `files/NAME`.
 */
export function initialCaptureName(): string | null {
  return new URLSearchParams(location.search).get('open');
}

/** Where the server serves a capture named with `?open=NAME` (absolute: the worker fetches it). */
export function serverCaptureUrl(name: string): string {
  return new URL(`./files/${encodeURIComponent(name)}`, location.href).href;
}

/** The capture bundled with the app (copied into the build from samples/). */
export async function loadSample(): Promise<File> {
  const res = await fetch(`./${SAMPLE_NAME}`);
  if (!res.ok) throw new Error(`sample: HTTP ${res.status}`);
  const blob = await res.blob();
  return new File([blob], SAMPLE_NAME, { type: 'application/vnd.tcpdump.pcap' });
}
