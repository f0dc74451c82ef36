// TCP flag names in Wireshark's order ("[FIN, ACK]", "[PSH, ACK]"): lowest bit first, as in the
// header's flag field (RFC 9293 §3.1, RFC 3168 §6.1 for ECE/CWR, RFC 9768 for AE).
import { TcpFlag } from './types.ts';

const NAMES: ReadonlyArray<readonly [number, string]> = [
  [TcpFlag.FIN, 'FIN'],
  [TcpFlag.SYN, 'SYN'],
  [TcpFlag.RST, 'RST'],
  [TcpFlag.PSH, 'PSH'],
  [TcpFlag.ACK, 'ACK'],
  [TcpFlag.URG, 'URG'],
  [TcpFlag.ECE, 'ECE'],
  [TcpFlag.CWR, 'CWR'],
  [TcpFlag.AE, 'AE'],
];

/** Names of the flags set, e.g. ['FIN', 'ACK'] for 0x011. */
export function tcpFlagNames(flags: number): string[] {
  const out: string[] = [];
  for (const [bit, name] of NAMES) if (flags & bit) out.push(name);
  return out;
}
