// The selected connections' packets as a pcapng file (draft-ietf-opsawg-pcapng: one SHB, one IDB
// per link type, one EPB per packet), built with core/capture-file's PcapngWriter. Packets are
// written in frame order with their original lengths, so a snaplen cut stays visible.

import { PcapngWriter } from '../capture-file/pcapng-writer.ts';

export interface ExportFrame {
  frame: number;
  /** Capture time, seconds since the epoch; tsSec/tsNsec win when given (exact nanoseconds). */
  epoch: number;
  tsSec?: number;
  tsNsec?: number;
  data: Uint8Array;
  originalLength: number;
  linkType: number;
}

export function selectedConnectionsPcapng(
  frames: ExportFrame[],
  options: { application?: string; comment?: string } = {},
): Uint8Array {
  const w = new PcapngWriter();
  const parts: Uint8Array[] = [
    w.header({
      application: options.application ?? 'Wirestep',
      ...(options.comment !== undefined ? { comment: options.comment } : {}),
    }),
  ];
  const ifaces = new Map<number, number>();
  const sorted = [...frames].sort((a, b) => a.frame - b.frame);
  for (const f of sorted) {
    let id = ifaces.get(f.linkType);
    if (id === undefined) {
      const iface = w.addInterface({ linkType: f.linkType, tsUnitsPerSecond: 1e9, snapLength: 0 });
      id = iface.id;
      ifaces.set(f.linkType, id);
      parts.push(iface.bytes);
    }
    let sec = f.tsSec;
    let nsec = f.tsNsec;
    if (sec === undefined || nsec === undefined) {
      sec = Math.floor(f.epoch);
      nsec = Math.min(999999999, Math.max(0, Math.round((f.epoch - sec) * 1e6) * 1000));
    }
    // pcapng timestamps are unsigned: a frame from before 1970 (a damaged file) is written at 0.
    if (sec < 0) {
      sec = 0;
      nsec = 0;
    }
    parts.push(
      w.packet({
        interfaceId: id,
        tsSec: sec,
        tsNsec: nsec,
        data: f.data,
        originalLength: Math.max(f.originalLength, f.data.length),
      }),
    );
  }
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Every frame number of the given connections, in file order (what the export must read). */
export function framesOfConnections(
  connections: Array<{ tcp: { id: number; frames: number[] } }>,
  ids: readonly number[],
): number[] {
  const set = new Set<number>();
  for (const c of connections) if (ids.includes(c.tcp.id)) for (const f of c.tcp.frames) set.add(f);
  return [...set].sort((a, b) => a - b);
}
