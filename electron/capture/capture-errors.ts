// Turns libpcap's / tcpdump's / dumpcap's error text into the structured errors of the capture
// protocol. libpcap's own message is kept verbatim (users search for it); the id says what kind
// of problem it is, and a permission problem carries the exact per-OS fix.
import type { CaptureBackend, CaptureErrorMessage } from '../ipc/capture-protocol.ts';

export const PERMISSION_DOCS = 'native-notes/capture-permissions.md';

// libpcap: "socket: Operation not permitted", "You don't have permission to capture on that
// device", "(cannot open BPF device) /dev/bpf0: Permission denied"; Npcap: "Access is denied".
const PERMISSION = /not permitted|permission|EPERM|EACCES|access is denied|cannot open BPF device/i;
// libpcap: "can't parse filter expression: syntax error", "... unknown host 'x'", "illegal token".
const FILTER =
  /filter expression|invalid capture filter|syntax error|illegal token|unknown (host|port|network|protocol)|not a valid capture filter/i;
const NO_DEVICE = /no such device|doesn't exist|not exist|there is no device|unknown device|no interface/i;

export function classifyCaptureError(
  text: string,
  context: { execPath: string; backend: CaptureBackend; platform?: NodeJS.Platform },
): CaptureErrorMessage {
  const message = text.trim();
  if (FILTER.test(message)) return { id: 'capture.filter.invalid', message, fatal: true };
  if (PERMISSION.test(message)) {
    return {
      id: 'capture.permission',
      message,
      howToFix: permissionHowToFix(context.execPath, context.backend, context.platform),
      docs: PERMISSION_DOCS,
      fatal: true,
    };
  }
  if (NO_DEVICE.test(message)) return { id: 'capture.device.not_found', message, fatal: true };
  return { id: 'capture.failed', message, fatal: true };
}

/** Exact steps to grant capture rights, for the binary that really captures. */
export function permissionHowToFix(
  execPath: string,
  backend: CaptureBackend,
  platform: NodeJS.Platform = process.platform,
): string {
  const see = `See ${PERMISSION_DOCS} for the trade-offs.`;
  if (platform === 'linux') {
    if (backend === 'dumpcap')
      return [
        'dumpcap needs capture rights once for the group "wireshark":',
        '  sudo dpkg-reconfigure wireshark-common   (answer Yes; or: sudo setcap cap_net_raw,cap_net_admin=eip /usr/bin/dumpcap)',
        '  sudo usermod -aG wireshark "$USER"       (then log out and in again)',
        see,
      ].join('\n');
    if (backend === 'tcpdump')
      return [
        'tcpdump needs CAP_NET_RAW; either grant it to the binary:',
        '  sudo setcap cap_net_raw,cap_net_admin=eip "$(command -v tcpdump)"',
        'or add yourself to the "pcap" group where your distribution ships tcpdump that way, or start Wirestep with the dumpcap backend.',
        see,
      ].join('\n');
    return [
      'The capture agent runs in this binary, which needs CAP_NET_RAW (and CAP_NET_ADMIN for the buffer size):',
      `  sudo setcap cap_net_raw,cap_net_admin=eip '${execPath}'`,
      'This grants every script that binary runs the right to capture; to avoid that, run the agent through',
      `  pkexec '${execPath}' <agent>   (asks for the admin password each time)`,
      'or choose the dumpcap backend with your user in the "wireshark" group (sudo usermod -aG wireshark "$USER").',
      see,
    ].join('\n');
  }
  if (platform === 'darwin')
    return [
      'Capturing needs read access to the /dev/bpf* devices. Install Wireshark\'s "ChmodBPF" package',
      '(Wireshark.app → Contents/Resources/Extras/Install ChmodBPF.pkg), which gives the group "access_bpf"',
      'access at every boot, then: sudo dseditgroup -o edit -a "$USER" -t user access_bpf ; log out and in.',
      `One-off (until reboot): sudo chmod o+r /dev/bpf*`,
      see,
    ].join('\n');
  if (platform === 'win32')
    return [
      'Install Npcap (https://npcap.com) with "Support loopback traffic capture" ON and',
      '"Restrict Npcap driver\'s access to Administrators only" OFF; or run Wirestep as Administrator.',
      'If Npcap is already installed with the restriction, re-run its installer and untick that option.',
      see,
    ].join('\n');
  return `Run the capture agent with the rights to open the capture device. ${see}`;
}
