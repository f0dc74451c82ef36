// Saving a file from the browser: a Blob URL on a temporary <a download>. In Electron the host
// service (R1's services/host.ts) can take over with a save dialog; the menu accepts a `save` prop.

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled (the download keeps its own reference).
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "capture.pcapng" → "capture" + suffix, with characters unsafe in file names replaced. */
export function exportName(captureName: string, suffix: string): string {
  let base = '';
  // Path separators, characters Windows forbids, and control characters all become '_'.
  for (const ch of captureName.replace(/\.(pcapng|pcap|cap)$/i, ''))
    base += ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch;
  base ||= 'capture';
  return `${base}${suffix}`;
}
