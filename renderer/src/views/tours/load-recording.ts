// The tours' captures: samples/recordings/<name>.pcap, copied into the build by vite's publicDir
// (renderer/vite.config.ts) and fetched next to the page, like the bundled sample — which works
// in the browser, in web mode and in the desktop shell alike.

export function recordingFileName(recording: string): string {
  return `${recording}.pcap`;
}

export async function loadRecording(recording: string): Promise<File> {
  const name = recordingFileName(recording);
  const res = await fetch(`./recordings/${encodeURIComponent(name)}`);
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  return new File([await res.blob()], name, { type: 'application/vnd.tcpdump.pcap' });
}
