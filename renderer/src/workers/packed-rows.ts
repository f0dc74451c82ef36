// The two lists with a row per packet — the packet list and the ladder rows — packed into typed
// columns of exactly known size (one pass, no growth) for the worker → UI hand-over, and read back
// one row at a time. A structured clone of these ~280k objects cost seconds on both threads; the
// generic packer (pack.ts) is left for the irregular dissection. The packet list's info text of a
// TCP row is not carried at all: the UI writes it from the ladder row when the row is first shown
// (packetInfo), exactly as the worker's PacketRowBuilder.complete did.

import type { AppLabel, AppLabelKind, ConnectionTimeline, LadderRow } from '../../../core/timeline/types.ts';
import { TCP_STATES } from '../../../core/tcp/types.ts';
import { TcpFlag } from '../../../core/decode/types.ts';
import type { PacketListRow } from '../model.ts';
import { StringTable, labelProtocol, tcpInfo, type PacketColumns } from './packet-rows.ts';

/** Strings as one text and where each ends (one string crosses the thread boundary, not 100k). */
export interface PackedStrings {
  text: string;
  ends: Uint32Array;
}

/** The string table, packed for transfer by `finish`. */
class Strings extends StringTable {
  finish(transfer: ArrayBuffer[]): PackedStrings {
    const ends = new Uint32Array(this.list.length);
    let at = 0;
    for (let i = 0; i < this.list.length; i++) ends[i] = at += this.list[i]!.length;
    transfer.push(ends.buffer);
    return { text: this.list.join(''), ends };
  }
}

function stringAt(s: PackedStrings, id: number): string {
  return s.text.substring(id === 0 ? 0 : s.ends[id - 1]!, s.ends[id]!);
}

// ---- ladder rows ----

const NUM = [
  'frame',
  'time',
  'epoch',
  'dir',
  'flags',
  'seq',
  'ack',
  'relSeq',
  'relAck',
  'len',
  'window',
  'windowSize',
  'analysis',
  'linkHeader',
  'ipHeader',
  'tcpHeader',
] as const;
/** Optional numbers: NaN when absent. */
const OPT = [
  'dupAckOf',
  'dupAckCount',
  'retransmissionOf',
  'ackRtt',
  'mss',
  'windowScale',
  'tsVal',
  'tsEcr',
] as const;
/**
 * Fields read from fixed-width header fields (or counted in 32 bits) fit a narrower array exactly;
 * the rest (times, computed and optional numbers, NaN for absent) stay Float64. A third of the
 * ladder's column bytes, allocated and page-faulted in the worker, copied nowhere else.
 */
type NumArray = Float64Array | Uint32Array | Uint16Array | Uint8Array;
const NARROW = {
  frame: Uint32Array,
  dir: Uint8Array,
  flags: Uint16Array,
  seq: Uint32Array,
  ack: Uint32Array,
  window: Uint16Array,
  linkHeader: Uint16Array,
  ipHeader: Uint16Array,
  tcpHeader: Uint16Array,
} as const;
const STATES = TCP_STATES;
const STATE_CODE = new Map(STATES.map((s, i) => [s, i]));
const KINDS: AppLabelKind[] = [
  'http-request',
  'http-response',
  'http-interim',
  'ws-frame',
  'ws-message',
  'tls-client-hello',
  'tls',
];
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));
/** The packet list's protocol of a row whose first label has kind code k (as labelProtocol says). */
export const KIND_PROTOCOL: readonly string[] = KINDS.map((kind) =>
  labelProtocol([{ kind, text: '', ref: 0 }]),
);

export interface PackedLadder {
  /** Where each connection's rows start in the columns (connections + 1 entries). */
  offsets: Uint32Array;
  /** Float64 unless the field is a fixed-width wire field (NARROW). */
  num: Record<(typeof NUM)[number] | (typeof OPT)[number], NumArray>;
  /** 1 when sackPermitted is present (it is only ever set to true). */
  sackPermitted: Uint8Array;
  /** statesBefore[0], statesBefore[1], states[0], states[1] per row. */
  states: Uint8Array;
  /** Labels of row i are [labelEnds[i-1], labelEnds[i]). */
  labelEnds: Uint32Array;
  labelKind: Uint8Array;
  labelRef: Float64Array;
  labelText: Uint32Array;
  /** Rare fields as they are: [row, value]. */
  sack: Array<[number, Array<[number, number]>]>;
  diagnostics: Array<[number, string[]]>;
  strings: PackedStrings;
}

export function packLadder(
  connections: readonly ConnectionTimeline[],
  transfer: ArrayBuffer[],
): PackedLadder {
  const offsets = new Uint32Array(connections.length + 1);
  let n = 0;
  let labels = 0;
  connections.forEach((c, i) => {
    offsets[i] = n;
    n += c.rows.length;
    for (const r of c.rows) labels += r.labels.length;
  });
  offsets[connections.length] = n;
  const num = {} as PackedLadder['num'];
  for (const k of [...NUM, ...OPT]) num[k] = new (NARROW[k as keyof typeof NARROW] ?? Float64Array)(n);
  const sackPermitted = new Uint8Array(n);
  const states = new Uint8Array(n * 4);
  const labelEnds = new Uint32Array(n);
  const labelKind = new Uint8Array(labels);
  const labelRef = new Float64Array(labels);
  const labelText = new Uint32Array(labels);
  const sack: PackedLadder['sack'] = [];
  const diagnostics: PackedLadder['diagnostics'] = [];
  const strings = new Strings();
  let i = 0;
  let l = 0;
  // Spelled out (not a loop over NUM): a keyed load per field was half the packing time.
  const { frame, time, epoch, dir, flags, seq, ack, relSeq, relAck, len, window: win, windowSize } = num;
  const { analysis, linkHeader, ipHeader, tcpHeader, dupAckOf, dupAckCount, retransmissionOf } = num;
  const { ackRtt, mss, windowScale, tsVal, tsEcr } = num;
  let lastBefore: readonly string[] | null = null;
  let lastAfter: readonly string[] | null = null;
  let before0 = 0;
  let before1 = 0;
  let after0 = 0;
  let after1 = 0;
  for (const c of connections) {
    for (const r of c.rows) {
      frame[i] = r.frame;
      time[i] = r.time;
      epoch[i] = r.epoch;
      dir[i] = r.dir;
      flags[i] = r.flags;
      seq[i] = r.seq;
      ack[i] = r.ack;
      relSeq[i] = r.relSeq;
      relAck[i] = r.relAck;
      len[i] = r.len;
      win[i] = r.window;
      windowSize[i] = r.windowSize;
      analysis[i] = r.analysis;
      linkHeader[i] = r.linkHeader;
      ipHeader[i] = r.ipHeader;
      tcpHeader[i] = r.tcpHeader;
      dupAckOf[i] = r.dupAckOf ?? NaN;
      dupAckCount[i] = r.dupAckCount ?? NaN;
      retransmissionOf[i] = r.retransmissionOf ?? NaN;
      ackRtt[i] = r.ackRtt ?? NaN;
      mss[i] = r.mss ?? NaN;
      windowScale[i] = r.windowScale ?? NaN;
      tsVal[i] = r.tsVal ?? NaN;
      tsEcr[i] = r.tsEcr ?? NaN;
      if (r.sackPermitted) sackPermitted[i] = 1;
      // The analyzer shares one frozen array per state pair: consecutive rows mostly repeat it.
      const sb = r.statesBefore;
      if (sb !== lastBefore) {
        lastBefore = sb;
        before0 = STATE_CODE.get(sb[0])!;
        before1 = STATE_CODE.get(sb[1])!;
      }
      const sa = r.states;
      if (sa !== lastAfter) {
        lastAfter = sa;
        after0 = STATE_CODE.get(sa[0])!;
        after1 = STATE_CODE.get(sa[1])!;
      }
      states[i * 4] = before0;
      states[i * 4 + 1] = before1;
      states[i * 4 + 2] = after0;
      states[i * 4 + 3] = after1;
      for (const lb of r.labels) {
        labelKind[l] = KIND_CODE.get(lb.kind)!;
        labelRef[l] = lb.ref;
        labelText[l] = strings.add(lb.text);
        l++;
      }
      labelEnds[i] = l;
      if (r.sack) sack.push([i, r.sack]);
      if (r.diagnostics) diagnostics.push([i, r.diagnostics]);
      i++;
    }
  }
  transfer.push(offsets.buffer, sackPermitted.buffer, states.buffer, labelEnds.buffer);
  transfer.push(labelKind.buffer, labelRef.buffer, labelText.buffer);
  for (const k of [...NUM, ...OPT]) transfer.push(num[k].buffer as ArrayBuffer);
  return {
    offsets,
    num,
    sackPermitted,
    states,
    labelEnds,
    labelKind,
    labelRef,
    labelText,
    sack,
    diagnostics,
    strings: strings.finish(transfer),
  };
}

function labelsAt(p: PackedLadder, i: number): AppLabel[] {
  const end = p.labelEnds[i]!;
  const out: AppLabel[] = [];
  for (let l = i === 0 ? 0 : p.labelEnds[i - 1]!; l < end; l++)
    out.push({
      kind: KINDS[p.labelKind[l]!]!,
      text: stringAt(p.strings, p.labelText[l]!),
      ref: p.labelRef[l]!,
    });
  return out;
}

/** Ladder row i (global index) as the timeline had it. */
export function ladderRowAt(p: PackedLadder, i: number, extras: Extras): LadderRow {
  const n = p.num;
  const st = p.states;
  // A literal in the analyzer's key order: one hidden class for all rows (the ladder reads them
  // on every pan/zoom frame), the optional fields added after as the analyzer does.
  const row: LadderRow = {
    frame: n.frame[i]!,
    time: n.time[i]!,
    epoch: n.epoch[i]!,
    dir: n.dir[i]! as LadderRow['dir'],
    flags: n.flags[i]!,
    seq: n.seq[i]!,
    ack: n.ack[i]!,
    relSeq: n.relSeq[i]!,
    relAck: n.relAck[i]!,
    len: n.len[i]!,
    window: n.window[i]!,
    windowSize: n.windowSize[i]!,
    analysis: n.analysis[i]!,
    statesBefore: [STATES[st[i * 4]!]!, STATES[st[i * 4 + 1]!]!],
    states: [STATES[st[i * 4 + 2]!]!, STATES[st[i * 4 + 3]!]!],
    linkHeader: n.linkHeader[i]!,
    ipHeader: n.ipHeader[i]!,
    tcpHeader: n.tcpHeader[i]!,
    labels: labelsAt(p, i),
  };
  const opt = (k: (typeof OPT)[number]) => {
    const v = n[k][i]!;
    if (!Number.isNaN(v)) row[k] = v;
  };
  opt('dupAckOf');
  opt('dupAckCount');
  opt('retransmissionOf');
  opt('ackRtt');
  opt('mss');
  opt('windowScale');
  if (p.sackPermitted[i]) row.sackPermitted = true;
  opt('tsVal');
  opt('tsEcr');
  const sack = extras.sack.get(i);
  if (sack) row.sack = sack;
  const d = extras.diagnostics.get(i);
  if (d) row.diagnostics = d;
  return row;
}

export interface Extras {
  sack: Map<number, Array<[number, number]>>;
  diagnostics: Map<number, string[]>;
}

export function ladderExtras(p: PackedLadder): Extras {
  return { sack: new Map(p.sack), diagnostics: new Map(p.diagnostics) };
}

/** The rows of connection `c` (index in the timeline). */
export function connectionRows(p: PackedLadder, c: number, extras: Extras): LadderRow[] {
  const out: LadderRow[] = [];
  for (let i = p.offsets[c]!; i < p.offsets[c + 1]!; i++) out.push(ladderRowAt(p, i, extras));
  return out;
}

// ---- packet list rows ----

/** PacketColumns as transferred: `n` rows, a ladder row reference per row, packed strings. */
export interface PackedPackets extends Omit<PacketColumns, 'count' | 'strings'> {
  n: number;
  /** Row i's global ladder row (-1: none); a row with one writes its info text from it. */
  ladder: Int32Array;
  strings: PackedStrings;
}

/**
 * Packs the packet list's columns (copies of the first `count` entries, so the builder can go on);
 * `ladderRef[i]` is row i's global ladder row (-1 for none), which then supplies the info text.
 */
export function packPackets(
  cols: PacketColumns,
  ladderRef: Int32Array | null,
  transfer: ArrayBuffer[],
): PackedPackets {
  const n = cols.count;
  const p: Omit<PackedPackets, 'strings'> = {
    n,
    frame: cols.frame.slice(0, n),
    time: cols.time.slice(0, n),
    epoch: cols.epoch.slice(0, n),
    length: cols.length.slice(0, n),
    fileOffset: cols.fileOffset.slice(0, n),
    capturedLength: cols.capturedLength.slice(0, n),
    linkType: cols.linkType.slice(0, n),
    connection: cols.connection.slice(0, n),
    flags: cols.flags.slice(0, n),
    srcPort: cols.srcPort.slice(0, n),
    dstPort: cols.dstPort.slice(0, n),
    analysis: cols.analysis.slice(0, n),
    src: cols.src.slice(0, n),
    dst: cols.dst.slice(0, n),
    protocol: cols.protocol.slice(0, n),
    info: cols.info.slice(0, n),
    ladder: ladderRef && ladderRef.length === n ? ladderRef.slice() : new Int32Array(n).fill(-1),
  };
  for (const a of Object.values(p)) if (ArrayBuffer.isView(a)) transfer.push(a.buffer as ArrayBuffer);
  const list = cols.strings.list;
  const ends = new Uint32Array(list.length);
  let at = 0;
  for (let i = 0; i < list.length; i++) ends[i] = at += list[i]!.length;
  transfer.push(ends.buffer);
  return { ...p, strings: { text: list.join(''), ends } };
}

/** The info text of a TCP row from its ladder row, as PacketRowBuilder.complete writes it. */
function ladderInfo(l: PackedLadder, i: number, srcPort: number, dstPort: number): string {
  const num = l.num;
  const flags = num.flags[i]!;
  let info = tcpInfo(
    srcPort,
    dstPort,
    flags,
    num.relSeq[i]!,
    flags & TcpFlag.ACK ? num.relAck[i]! : null,
    num.windowSize[i]!,
    num.len[i]!,
  );
  const end = l.labelEnds[i]!;
  const start = i === 0 ? 0 : l.labelEnds[i - 1]!;
  if (end > start) {
    const texts: string[] = [];
    for (let j = start; j < end; j++) texts.push(stringAt(l.strings, l.labelText[j]!));
    info = texts.join(' · ') + '  ' + info;
  }
  return info;
}

/** Packet row i as the worker had it (info written from the ladder row for TCP rows). */
export function packetRowAt(p: PackedPackets, ladder: PackedLadder | null, i: number): PacketListRow {
  const srcPort = p.srcPort[i]!;
  const dstPort = p.dstPort[i]!;
  const ref = p.ladder[i]!;
  const infoId = p.info[i]!;
  const row: PacketListRow = {
    frame: p.frame[i]!,
    time: p.time[i]!,
    epoch: p.epoch[i]!,
    src: stringAt(p.strings, p.src[i]!),
    dst: stringAt(p.strings, p.dst[i]!),
    protocol: stringAt(p.strings, p.protocol[i]!),
    length: p.length[i]!,
    info:
      ref >= 0 && ladder
        ? ladderInfo(ladder, ref, Number.isNaN(srcPort) ? 0 : srcPort, Number.isNaN(dstPort) ? 0 : dstPort)
        : infoId >= 0
          ? stringAt(p.strings, infoId)
          : '',
    connection: p.connection[i]!,
    flags: p.flags[i]!,
    fileOffset: p.fileOffset[i]!,
    capturedLength: p.capturedLength[i]!,
    linkType: p.linkType[i]!,
  };
  if (!Number.isNaN(srcPort)) row.srcPort = srcPort;
  if (!Number.isNaN(dstPort)) row.dstPort = dstPort;
  const a = p.analysis[i]!;
  if (!Number.isNaN(a)) row.analysis = a;
  return row;
}
