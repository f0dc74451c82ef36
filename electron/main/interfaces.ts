// Interfaces offered by Capture ▸ Interface. Listed from the OS in main rather than from libpcap,
// so main never loads the `cap` addon (only the agent does, and only the agent may need capture
// rights). On Linux and macOS these names are libpcap's device names; on Windows Npcap uses
// \Device\NPF_{GUID} names, so there the agent's default (the Npcap loopback adapter) is used
// unless the user types a device (native-notes/packaging.md, "Known gaps").
import type { CaptureInterface } from '../ipc/channels.ts';

export interface OsInterfaceAddress {
  internal: boolean;
}

export function interfacesFromOs(
  nets: Record<string, OsInterfaceAddress[] | undefined>,
  platform: NodeJS.Platform,
): CaptureInterface[] {
  const out: CaptureInterface[] = Object.entries(nets).map(([name, addrs]) => ({
    name,
    loopback: (addrs ?? []).some((a) => a.internal),
  }));
  if (platform === 'win32') {
    return [{ name: '\\Device\\NPF_Loopback', description: 'Npcap loopback adapter', loopback: true }];
  }
  if (platform === 'linux')
    out.push({ name: 'any', description: 'all interfaces (LINUX_SLL2)', loopback: false });
  // Loopback first: it is where the demo and local development traffic runs.
  return out.sort((a, b) => Number(b.loopback) - Number(a.loopback) || a.name.localeCompare(b.name));
}
