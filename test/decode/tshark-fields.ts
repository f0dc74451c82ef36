// The fields the decode differentials compare with tshark, as we print them and as tshark does.
import { readFileSync } from 'node:fs';
import type { DecodedPacket } from '../../core/decode/index.ts';
import { parseTsv } from '../helpers/tshark.ts';

export const FIELDS = [
  'l4',
  'src',
  'dst',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.flags',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.len',
] as const;
export type Field = (typeof FIELDS)[number];

export function ours(p: DecodedPacket, field: Field): string {
  const t = p.tcp;
  switch (field) {
    case 'l4':
      return p.network ? (t ? 'tcp' : (p.other ?? '')) : '';
    case 'src':
      return p.network?.src ?? '';
    case 'dst':
      return p.network?.dst ?? '';
    case 'tcp.srcport':
      return t ? String(t.srcPort) : '';
    case 'tcp.dstport':
      return t ? String(t.dstPort) : '';
    case 'tcp.flags':
      return t ? `0x${t.flags.toString(16).padStart(4, '0')}` : '';
    case 'tcp.seq_raw':
      return t ? String(t.seq) : '';
    case 'tcp.ack_raw':
      return t ? String(t.ack) : '';
    case 'tcp.len':
      return t ? String(t.payloadLength) : '';
  }
}

export function theirs(row: Map<string, string>, field: Field): string {
  if (field === 'l4') {
    // The protocol tshark dissected after the (first) IP header and its extension headers,
    // e.g. eth:ethertype:ip:udp:dns → udp, ipv6:ipv6.hopopts:ah:tcp → tcp.
    const layers = (row.get('frame.protocols') ?? '').split(':');
    let i = layers.findIndex((l) => l === 'ip' || l === 'ipv6');
    if (i < 0) return '';
    i++;
    while (i < layers.length && (layers[i]!.startsWith('ipv6.') || layers[i] === 'ah')) i++;
    return layers[i] ?? '';
  }
  if (field === 'src') return row.get('ip.src') || row.get('ipv6.src') || '';
  if (field === 'dst') return row.get('ip.dst') || row.get('ipv6.dst') || '';
  return row.get(field) ?? '';
}

export function readTsv(path: string): Array<Map<string, string>> {
  return parseTsv(readFileSync(path, 'utf8')).map((row) => new Map(Object.entries(row)));
}

/**
 * Compares packets with tshark rows pairwise; differences not in `allowlist` ("<prefix>#<frame>:<field>")
 * are returned as problems. Also returns which allowlist keys were used.
 */
export function compareRows(
  prefix: string,
  packets: DecodedPacket[],
  rows: Array<Map<string, string>>,
  allowlist: Record<string, string>,
  tally: { compared: number; agreed: number; allowed: number; problems: string[]; used: Set<string> },
): void {
  const n = Math.min(packets.length, rows.length);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const p = packets[i]!;
    for (const field of FIELDS) {
      tally.compared++;
      const want = theirs(row, field);
      const got = ours(p, field);
      if (want === got) {
        tally.agreed++;
        continue;
      }
      const key = `${prefix}#${row.get('frame.number')}:${field}`;
      if (allowlist[key]) {
        tally.allowed++;
        tally.used.add(key);
      } else {
        tally.problems.push(`${key}: ours ${JSON.stringify(got)}, tshark ${JSON.stringify(want)}`);
      }
    }
  }
}
