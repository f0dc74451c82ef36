// Packet list rows, built while the file streams past (so a partial list can be shown before the
// whole file is read) and completed from the timeline at the end (connection ids, relative
// sequence numbers as the ladder shows them, analysis bits, application labels).

import type { CaptureRecord } from '../../../core/capture-file/types.ts';
import { TcpFlag, type DecodedPacket } from '../../../core/decode/types.ts';
import { flagsText } from '../../../core/timeline/ladder-text.ts';
import type { Timeline, AppLabel } from '../../../core/timeline/types.ts';
import { frameIndex } from '../../../core/timeline/frame-index.ts';
import type { PacketListRow } from '../model.ts';

/** Relative sequence numbers before the TCP stage's own are known: first seq seen per direction. */
class RelativeSeq {
  private readonly isn = new Map<string, number>();
  rel(key: string, seq: number, syn: boolean): number {
    let base = this.isn.get(key);
    if (base === undefined || syn) {
      base = seq;
      this.isn.set(key, base);
    }
    return (seq - base) >>> 0;
  }
  peer(key: string): number | undefined {
    return this.isn.get(key);
  }
}

export function tcpInfo(
  srcPort: number,
  dstPort: number,
  flags: number,
  seq: number,
  ack: number | null,
  win: number,
  len: number,
): string {
  let s = `${srcPort} → ${dstPort} [${flagsText(flags)}] Seq=${seq}`;
  if (ack !== null) s += ` Ack=${ack}`;
  return s + ` Win=${win} Len=${len}`;
}

function labelProtocol(labels: AppLabel[]): string {
  for (const l of labels) {
    if (l.kind.startsWith('http')) return 'HTTP';
    if (l.kind.startsWith('ws')) return 'WebSocket';
    if (l.kind.startsWith('tls')) return 'TLS';
  }
  return 'TCP';
}

export class PacketRowBuilder {
  readonly rows: PacketListRow[] = [];
  /**
   * Build TCP info text as packets arrive (for the partial list). The worker turns this off once
   * the partial list is posted: complete() writes every TCP row's text anyway, so later rows
   * skip the string building.
   */
  eager = true;
  private firstTime: number | null = null;
  private readonly rel = new RelativeSeq();

  add(pkt: DecodedPacket, rec: CaptureRecord): void {
    const epoch = rec.hasTimestamp ? rec.tsSec + rec.tsNsec / 1e9 : 0;
    if (this.firstTime === null && rec.hasTimestamp) this.firstTime = epoch;
    const net = pkt.network;
    const tcp = pkt.tcp;
    const row: PacketListRow = {
      frame: rec.frame,
      time: rec.hasTimestamp ? epoch - (this.firstTime ?? epoch) : 0,
      epoch,
      src: net?.src ?? pkt.link.src ?? '',
      dst: net?.dst ?? pkt.link.dst ?? '',
      protocol: tcp ? 'TCP' : (pkt.other ?? (net ? `IPv${net.version}` : 'Unknown')).toUpperCase(),
      length: rec.originalLength,
      info: '',
      connection: -1,
      flags: tcp ? tcp.flags : 0,
      fileOffset: rec.fileOffset,
      capturedLength: rec.capturedLength,
      linkType: rec.linkType,
    };
    if (tcp && net) {
      row.srcPort = tcp.srcPort;
      row.dstPort = tcp.dstPort;
      if (!this.eager) {
        this.rows.push(row);
        return;
      }
      const key = `${net.src}|${tcp.srcPort}|${net.dst}|${tcp.dstPort}`;
      const back = `${net.dst}|${tcp.dstPort}|${net.src}|${tcp.srcPort}`;
      const seq = this.rel.rel(key, tcp.seq, (tcp.flags & TcpFlag.SYN) !== 0);
      const peer = this.rel.peer(back);
      const hasAck = (tcp.flags & TcpFlag.ACK) !== 0;
      const ack = hasAck ? (peer === undefined ? tcp.ack : (tcp.ack - peer) >>> 0) : null;
      row.info = tcpInfo(tcp.srcPort, tcp.dstPort, tcp.flags, seq, ack, tcp.window, tcp.payloadLength);
    } else if (net) {
      row.info = pkt.other ? `${pkt.other} ${net.src} → ${net.dst}` : `IP protocol ${net.protocol}`;
    } else {
      row.info = pkt.other ?? 'not IP';
    }
    if (pkt.diagnostics.length) row.info += ` [${pkt.diagnostics[0]!.id}]`;
    this.rows.push(row);
  }

  /** Fills connection ids, relative numbers and app labels from the finished timeline. */
  complete(timeline: Timeline): PacketListRow[] {
    const lookup = frameIndex(timeline);
    for (const row of this.rows) {
      const hit = lookup(row.frame);
      if (!hit) {
        if (row.info === '') row.info = `${row.srcPort ?? ''} → ${row.dstPort ?? ''}`;
        continue;
      }
      const conn = timeline.connections[hit.connection]!;
      const r = conn.rows[hit.row]!;
      row.connection = conn.id;
      row.analysis = r.analysis;
      const hasAck = (r.flags & TcpFlag.ACK) !== 0;
      let info = tcpInfo(
        row.srcPort ?? 0,
        row.dstPort ?? 0,
        r.flags,
        r.relSeq,
        hasAck ? r.relAck : null,
        r.windowSize,
        r.len,
      );
      if (r.labels.length) info = r.labels.map((l) => l.text).join(' · ') + '  ' + info;
      row.info = info;
      row.protocol = labelProtocol(r.labels);
    }
    return this.rows;
  }
}
