// The only code that talks to the host. In a browser that is the File API; inside Electron a
// preload will expose `window.wirestepHost` with the same shape and this module prefers it.

export interface Host {
  /** Asks the user for a capture file; null when they cancel. */
  openFile(): Promise<File | null>;
}

declare global {
  interface Window {
    wirestepHost?: Partial<Host>;
  }
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

export async function loadServerCapture(name: string): Promise<File> {
  const res = await fetch(`./files/${encodeURIComponent(name)}`);
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  return new File([await res.blob()], name, { type: 'application/octet-stream' });
}

/** The capture bundled with the app (copied into the build from samples/). */
export async function loadSample(): Promise<File> {
  const res = await fetch(`./${SAMPLE_NAME}`);
  if (!res.ok) throw new Error(`sample: HTTP ${res.status}`);
  const blob = await res.blob();
  return new File([blob], SAMPLE_NAME, { type: 'application/vnd.tcpdump.pcap' });
}
