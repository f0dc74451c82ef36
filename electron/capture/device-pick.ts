// Chooses the capture device. The default is loopback, where the lab's traffic runs: `lo` on
// Linux, `lo0` on macOS, Npcap's "Adapter for loopback traffic capture" (\Device\NPF_Loopback) on
// Windows. libpcap flags it PCAP_IF_LOOPBACK on every OS; names are the fallback for old libpcaps.

export interface DeviceInfo {
  name: string;
  description?: string;
  flags?: string;
}

export function pickLoopback(devices: readonly DeviceInfo[]): string | null {
  const byFlag = devices.find((d) => d.flags?.includes('PCAP_IF_LOOPBACK'));
  if (byFlag) return byFlag.name;
  const byName = devices.find(
    (d) => /^lo0?$/.test(d.name) || /NPF_Loopback/i.test(d.name) || /loopback/i.test(d.description ?? ''),
  );
  return byName?.name ?? null;
}

/** The loopback name to try when no device list is available (external backends). */
export function defaultLoopbackName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin' || platform.endsWith('bsd')) return 'lo0';
  if (platform === 'win32') return '\\Device\\NPF_Loopback';
  return 'lo';
}
