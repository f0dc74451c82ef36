// Packet list rows, built while the file streams past (so a partial list can be shown before the
// whole file is read) and completed from the timeline at the end (connection ids, relative
// sequence numbers as the ladder shows them, analysis bits, application labels).

import type { CaptureRecord } from '../../../core/capture-file/types.ts';
import { TcpFlag, type DecodedPacket } from '../../../core/decode/types.ts';
import { flagsText } from '../../../core/timeline/ladder-text.ts';
import type { Timeline, AppLabel } from '../../../core/timeline/types.ts';
import { frameIndex } from '../../../core/timeline/frame-index.ts';
import type { PacketListRow } from '../model.ts';
import { lazyArray } from '../lazy-array.ts';

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

export function labelProtocol(labels: AppLabel[]): string {
  for (const l of labels) {
    if (l.kind.startsWith('http')) return 'HTTP';
    if (l.kind.startsWith('ws')) return 'WebSocket';
    if (l.kind.startsWith('tls')) return 'TLS';
  }
  return 'TCP';
}

/** Interned strings (addresses, protocols, repeated info texts) and one-off ones, by id. */
export class StringTable {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) this.ids.set(s, (id = this.add(s)));
    return id;
  }
  add(s: string): number {
    this.list.push(s);
    return this.list.length - 1;
  }
}

/** The packet list as columns, `count` rows (arrays may be longer). */
export interface PacketColumns {
  count: number;
  frame: Float64Array;
  time: Float64Array;
  epoch: Float64Array;
  length: Float64Array;
  fileOffset: Float64Array;
  capturedLength: Float64Array;
  linkType: Float64Array;
  connection: Float64Array;
  flags: Float64Array;
  /** NaN when absent. */
  srcPort: Float64Array;
  dstPort: Float64Array;
  analysis: Float64Array;
  /** Ids into `strings`; info -1 for none yet. */
  src: Uint32Array;
  dst: Uint32Array;
  protocol: Uint32Array;
  info: Int32Array;
  strings: StringTable;
}

const F64 = [
  'frame',
  'time',
  'epoch',
  'length',
  'fileOffset',
  'capturedLength',
  'linkType',
  'connection',
  'flags',
  'srcPort',
  'dstPort',
  'analysis',
] as const;

/**
 * Packet list rows, kept as columns (no object per packet: at 140k packets the objects, and the
 * collector walking them, were a good part of the load time); rows are made on demand (rowAt).
 */
export class PacketRowBuilder {
  /**
   * Build TCP info text as packets arrive (for the partial list). The worker turns this off once
   * the partial list is posted: the UI writes every TCP row's text from its ladder row, and
   * complete() does too unless told not to.
   */
  eager = true;
  /**
   * Where each row's ladder row is, as a global index over the timeline's connections in order
   * (-1 for none); set by complete().
   */
  ladderRef: Int32Array | null = null;
  private firstTime: number | null = null;
  private readonly rel = new RelativeSeq();
  private readonly c: PacketColumns;
  private readonly tcpId: number;

  /**
   * `capacity`: rows to make room for up front. The worker sizes it from the file (doubling from
   * a small start allocated, copied and page-faulted twice the final columns' size).
   */
  constructor(capacity = 1024) {
    const cap = Math.max(16, Math.floor(capacity));
    const f = () => new Float64Array(cap);
    this.c = {
      count: 0,
      frame: f(),
      time: f(),
      epoch: f(),
      length: f(),
      fileOffset: f(),
      capturedLength: f(),
      linkType: f(),
      connection: f(),
      flags: f(),
      srcPort: f(),
      dstPort: f(),
      analysis: f(),
      src: new Uint32Array(cap),
      dst: new Uint32Array(cap),
      protocol: new Uint32Array(cap),
      info: new Int32Array(cap),
      strings: new StringTable(),
    };
    this.tcpId = this.c.strings.intern('TCP');
  }

  get count(): number {
    return this.c.count;
  }

  /** The columns so far (read-only use: packing for the UI). */
  get columns(): PacketColumns {
    return this.c;
  }

  private grow(): void {
    const c = this.c;
    const cap = c.frame.length * 2;
    for (const k of F64) {
      const a = new Float64Array(cap);
      a.set(c[k]);
      c[k] = a;
    }
    for (const k of ['src', 'dst', 'protocol'] as const) {
      const a = new Uint32Array(cap);
      a.set(c[k]);
      c[k] = a;
    }
    const info = new Int32Array(cap);
    info.set(c.info);
    c.info = info;
  }

  add(pkt: DecodedPacket, rec: CaptureRecord): void {
    const c = this.c;
    if (c.count === c.frame.length) this.grow();
    const i = c.count++;
    const epoch = rec.hasTimestamp ? rec.tsSec + rec.tsNsec / 1e9 : 0;
    if (this.firstTime === null && rec.hasTimestamp) this.firstTime = epoch;
    const net = pkt.network;
    const tcp = pkt.tcp;
    const strings = c.strings;
    c.frame[i] = rec.frame;
    c.time[i] = rec.hasTimestamp ? epoch - (this.firstTime ?? epoch) : 0;
    c.epoch[i] = epoch;
    c.src[i] = strings.intern(net?.src ?? pkt.link.src ?? '');
    c.dst[i] = strings.intern(net?.dst ?? pkt.link.dst ?? '');
    c.protocol[i] = tcp
      ? this.tcpId
      : strings.intern((pkt.other ?? (net ? `IPv${net.version}` : 'Unknown')).toUpperCase());
    c.length[i] = rec.originalLength;
    c.connection[i] = -1;
    c.flags[i] = tcp ? tcp.flags : 0;
    c.fileOffset[i] = rec.fileOffset;
    c.capturedLength[i] = rec.capturedLength;
    c.linkType[i] = rec.linkType;
    c.srcPort[i] = NaN;
    c.dstPort[i] = NaN;
    c.analysis[i] = NaN;
    c.info[i] = -1;
    let info: string;
    if (tcp && net) {
      c.srcPort[i] = tcp.srcPort;
      c.dstPort[i] = tcp.dstPort;
      if (!this.eager) return;
      const key = `${net.src}|${tcp.srcPort}|${net.dst}|${tcp.dstPort}`;
      const back = `${net.dst}|${tcp.dstPort}|${net.src}|${tcp.srcPort}`;
      const seq = this.rel.rel(key, tcp.seq, (tcp.flags & TcpFlag.SYN) !== 0);
      const peer = this.rel.peer(back);
      const hasAck = (tcp.flags & TcpFlag.ACK) !== 0;
      const ack = hasAck ? (peer === undefined ? tcp.ack : (tcp.ack - peer) >>> 0) : null;
      info = tcpInfo(tcp.srcPort, tcp.dstPort, tcp.flags, seq, ack, tcp.window, tcp.payloadLength);
    } else if (net) {
      info = pkt.other ? `${pkt.other} ${net.src} → ${net.dst}` : `IP protocol ${net.protocol}`;
    } else {
      info = pkt.other ?? 'not IP';
    }
    if (pkt.diagnostics.length) info += ` [${pkt.diagnostics[0]!.id}]`;
    // Non-TCP texts repeat (same kind, same addresses); TCP ones hardly ever.
    c.info[i] = tcp ? strings.add(info) : strings.intern(info);
  }

  /** Row i as a PacketListRow (a new object each call). */
  rowAt(i: number): PacketListRow {
    const c = this.c;
    const s = c.strings.list;
    const info = c.info[i]!;
    const row: PacketListRow = {
      frame: c.frame[i]!,
      time: c.time[i]!,
      epoch: c.epoch[i]!,
      src: s[c.src[i]!]!,
      dst: s[c.dst[i]!]!,
      protocol: s[c.protocol[i]!]!,
      length: c.length[i]!,
      info: info >= 0 ? s[info]! : '',
      connection: c.connection[i]!,
      flags: c.flags[i]!,
      fileOffset: c.fileOffset[i]!,
      capturedLength: c.capturedLength[i]!,
      linkType: c.linkType[i]!,
    };
    const sp = c.srcPort[i]!;
    if (!Number.isNaN(sp)) {
      row.srcPort = sp;
      row.dstPort = c.dstPort[i]!;
    }
    const a = c.analysis[i]!;
    if (!Number.isNaN(a)) row.analysis = a;
    return row;
  }

  /** Every row so far, made now (tests, small captures). */
  get rows(): PacketListRow[] {
    const out: PacketListRow[] = [];
    for (let i = 0; i < this.c.count; i++) out.push(this.rowAt(i));
    return out;
  }

  /**
   * What complete(timeline, { info: false }) does, read from the packed ladder rows
   * (packed-rows.ts packLadder) instead of the timeline's row objects: typed columns, no frame
   * index to build. `ids[c]`: the connection id of the ladder's connection c; `kindProtocol[k]`:
   * the protocol of a row whose first label has kind code k (packed-rows.ts KIND_PROTOCOL).
   */
  completePacked(
    l: {
      offsets: Uint32Array;
      labelEnds: Uint32Array;
      labelKind: Uint8Array;
      num: { frame: ArrayLike<number>; analysis: ArrayLike<number> };
    },
    ids: readonly number[],
    kindProtocol: readonly string[],
  ): PacketListRow[] {
    const c = this.c;
    const strings = c.strings;
    const n = c.count;
    const frames = c.frame;
    const refs = (this.ladderRef = new Int32Array(n).fill(-1));
    // Frame numbers are file positions: row i is frame i + 1 unless records were skipped.
    let byFrame: Map<number, number> | null = null;
    const indexOf = (f: number): number => {
      if (f >= 1 && f <= n && frames[f - 1] === f) return f - 1;
      if (!byFrame) {
        byFrame = new Map();
        for (let i = 0; i < n; i++) byFrame.set(frames[i]!, i);
      }
      return byFrame.get(f) ?? -1;
    };
    const kindIds = kindProtocol.map((p) => strings.intern(p));
    const { frame, analysis } = l.num;
    for (let ci = 0; ci < ids.length; ci++) {
      const id = ids[ci]!;
      for (let g = l.offsets[ci]!, end = l.offsets[ci + 1]!; g < end; g++) {
        const i = indexOf(frame[g]!);
        if (i < 0) continue;
        refs[i] = g;
        c.connection[i] = id;
        c.analysis[i] = analysis[g]!;
        const first = g === 0 ? 0 : l.labelEnds[g - 1]!;
        c.protocol[i] = l.labelEnds[g]! > first ? kindIds[l.labelKind[first]!]! : this.tcpId;
      }
    }
    for (let i = 0; i < n; i++) {
      if (refs[i]! >= 0 || c.info[i]! >= 0) continue;
      const sp = c.srcPort[i]!;
      const dp = c.dstPort[i]!;
      c.info[i] = strings.intern(`${Number.isNaN(sp) ? '' : sp} → ${Number.isNaN(dp) ? '' : dp}`);
    }
    return lazyArray(n, (i) => this.rowAt(i));
  }

  /**
   * Fills connection ids, relative numbers and app labels from the finished timeline; returns the
   * rows, each made when first read. With `info: false` the info text of rows with a ladder row is
   * left as it is (the UI writes it from the packed ladder row, workers/packed-rows.ts).
   */
  complete(timeline: Timeline, opts: { info?: boolean } = {}): PacketListRow[] {
    const lookup = frameIndex(timeline);
    const starts: number[] = [];
    let at = 0;
    for (const conn of timeline.connections) {
      starts.push(at);
      at += conn.rows.length;
    }
    const c = this.c;
    const strings = c.strings;
    const n = c.count;
    const refs = (this.ladderRef = new Int32Array(n).fill(-1));
    // Most rows carry no label (the shared empty list): their protocol is TCP, no string work.
    let lastLabels: AppLabel[] | null = null;
    let lastProtocol = this.tcpId;
    for (let i = 0; i < n; i++) {
      const hit = lookup(c.frame[i]!);
      const sp = c.srcPort[i]!;
      const dp = c.dstPort[i]!;
      if (!hit) {
        if (c.info[i]! < 0)
          c.info[i] = strings.intern(`${Number.isNaN(sp) ? '' : sp} → ${Number.isNaN(dp) ? '' : dp}`);
        continue;
      }
      refs[i] = starts[hit.connection]! + hit.row;
      const conn = timeline.connections[hit.connection]!;
      const r = conn.rows[hit.row]!;
      c.connection[i] = conn.id;
      c.analysis[i] = r.analysis;
      if (r.labels !== lastLabels) {
        lastLabels = r.labels;
        lastProtocol = r.labels.length === 0 ? this.tcpId : strings.intern(labelProtocol(r.labels));
      }
      c.protocol[i] = lastProtocol;
      if (opts.info === false) continue;
      const hasAck = (r.flags & TcpFlag.ACK) !== 0;
      let info = tcpInfo(
        Number.isNaN(sp) ? 0 : sp,
        Number.isNaN(dp) ? 0 : dp,
        r.flags,
        r.relSeq,
        hasAck ? r.relAck : null,
        r.windowSize,
        r.len,
      );
      if (r.labels.length) info = r.labels.map((l) => l.text).join(' · ') + '  ' + info;
      c.info[i] = strings.add(info);
    }
    return lazyArray(n, (i) => this.rowAt(i));
  }
}
