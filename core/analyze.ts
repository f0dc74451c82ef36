// The engine's one entry point: composes the pipeline stages of DESIGN §1
//   capture-file → decode → tcp → dissect
// over pushed chunks of a capture file. Nothing here holds the file: records are decoded and
// handed to the TCP stage as they stream past, and only per-connection state is kept.

import type {
  CaptureError,
  CaptureFormat,
  CaptureInterface,
  CaptureRecord,
  CaptureReaderOptions,
  CaptureWarning,
} from './capture-file/types.ts';
import { createCaptureReader } from './capture-file/open-capture.ts';
import { decodePacket } from './decode/decode-packet.ts';
import type { DecodedPacket } from './decode/types.ts';
import type { Diagnostic } from './diagnostics/diagnostic.ts';
import { TcpTracker } from './tcp/index.ts';
import type { Connection, SegmentInfo, TcpListener, TcpOptions, TcpState } from './tcp/types.ts';
import { TcpFlag } from './decode/types.ts';
import type { PacketRow } from './timeline/types.ts';
import { ConnectionDissectors, type ConnectionDissection, type DissectOptions } from './dissect/dispatch.ts';

export interface AnalyzeOptions {
  capture?: CaptureReaderOptions;
  tcp?: TcpOptions;
  /** Application dissection options, or false for TCP analysis only (faster on huge files). */
  dissect?: DissectOptions | false;
  /** Record a PacketRow per TCP packet (for the timeline, ladder and step model). Off for the CLI's analyze. */
  rows?: boolean;
  /** Called for every decoded packet (after the TCP stage), e.g. to build a frame index. */
  /** `record` gives the file offset and lengths (the UI keeps them to re-read a frame on demand). */
  onPacket?: (packet: DecodedPacket, record: CaptureRecord) => void;
}

export interface CaptureSummary {
  format: CaptureFormat | null;
  byteOrder: 'le' | 'be' | null;
  linkTypes: number[];
  interfaces: CaptureInterface[];
  packets: number;
  bytesRead: number;
  /** Capture time of the first and last packet with a timestamp (seconds), null if none. */
  firstTime: number | null;
  lastTime: number | null;
  warnings: CaptureWarning[];
  /** The fatal problem that stopped reading, if any (packets before it were analysed). */
  error: CaptureError | null;
}

export interface AnalysisResult {
  capture: CaptureSummary;
  connections: ConnectionAnalysis[];
  /** Packet-level diagnostics not tied to a TCP connection (link/IP problems, non-TCP traffic notes). */
  diagnostics: Diagnostic[];
  /** Packets that are not TCP (UDP, ARP, ...), counted by kind. */
  otherPackets: Record<string, number>;
}

export interface ConnectionAnalysis {
  tcp: Connection;
  dissection: ConnectionDissection;
  /** One row per TCP packet, when AnalyzeOptions.rows was set. */
  rows?: PacketRow[];
  /** Link+IP+TCP header bytes of every packet of the connection (wireMetrics' input). */
  tcpIpHeaderBytes?: number;
}

/**
 * The [client, server] state pairs rows carry, one frozen array per pair: two new arrays per TCP
 * packet were a good part of recording rows, and nobody changes a row's states.
 */
const STATE_PAIRS = new Map<TcpState, Map<TcpState, [TcpState, TcpState]>>();
function statePair(a: TcpState, b: TcpState): [TcpState, TcpState] {
  let byB = STATE_PAIRS.get(a);
  if (!byB) STATE_PAIRS.set(a, (byB = new Map()));
  let pair = byB.get(b);
  if (!pair) byB.set(b, (pair = Object.freeze([a, b]) as [TcpState, TcpState]));
  return pair;
}

/** Cap on packet-level diagnostics kept, so a file of garbage cannot eat memory. */
const MAX_PACKET_DIAGNOSTICS = 10000;

export class Analyzer {
  private readonly reader;
  private readonly tracker: TcpTracker;
  private readonly dissectors: ConnectionDissectors;
  private readonly summary: CaptureSummary = {
    format: null,
    byteOrder: null,
    linkTypes: [],
    interfaces: [],
    packets: 0,
    bytesRead: 0,
    firstTime: null,
    lastTime: null,
    warnings: [],
    error: null,
  };
  private readonly diagnostics: Diagnostic[] = [];
  private droppedDiagnostics = 0;
  private readonly otherPackets: Record<string, number> = {};
  private finished: AnalysisResult | null = null;

  constructor(options: AnalyzeOptions = {}) {
    this.dissectors = new ConnectionDissectors(options.dissect || {});
    // Without dissection nobody reads stream bytes, and the TCP stage skips making them.
    const listener: TcpListener = options.dissect === false ? {} : this.dissectors.listener();
    // Rows need each packet's SegmentInfo; without them the tracker makes none (an object per
    // packet). The per-connection header-byte sum is kept either way, from the connection push()
    // returns (cheap; the analysis JSON's metrics need it).
    if (options.rows) listener.segment = (info, pkt) => this.keepRow(info, pkt);
    this.tracker = new TcpTracker(listener, options.tcp);
    const onPacket = options.onPacket;
    const s = this.summary;
    this.reader = createCaptureReader(
      {
        format: (format, byteOrder) => {
          s.format ??= format;
          s.byteOrder ??= byteOrder;
        },
        interface: (iface) => {
          s.interfaces.push(iface);
          if (!s.linkTypes.includes(iface.linkType)) s.linkTypes.push(iface.linkType);
        },
        warning: (w) => {
          if (s.warnings.length < 1000) s.warnings.push(w);
        },
        error: (e) => {
          s.error = e;
        },
        record: (rec) => {
          if (rec.hasTimestamp) {
            const t = rec.tsSec + rec.tsNsec / 1e9;
            if (s.firstTime === null) s.firstTime = t;
            s.lastTime = t;
          }
          const pkt = decodePacket(rec);
          for (const d of pkt.diagnostics) this.keepDiagnostic(d);
          if (pkt.tcp) {
            const conn = this.tracker.push(pkt, rec.data);
            if (conn !== null) this.addHeaderBytes(conn.id, pkt);
          } else {
            const kind = pkt.other ?? (pkt.network ? `ip-proto-${pkt.network.protocol}` : 'non-ip');
            this.otherPackets[kind] = (this.otherPackets[kind] ?? 0) + 1;
          }
          onPacket?.(pkt, rec);
        },
      },
      options.capture,
    );
  }

  private readonly rows = new Map<number, PacketRow[]>();
  /** Link+IP+TCP header bytes per connection id (ids are dense, 0-based). */
  private readonly headerBytes: number[] = [];

  private addHeaderBytes(id: number, pkt: DecodedPacket): void {
    const n = pkt.link.headerLength + pkt.network!.headerLength + pkt.tcp!.headerLength;
    const hb = this.headerBytes;
    hb[id] = (hb[id] ?? 0) + n;
  }

  private keepRow(info: SegmentInfo, pkt: DecodedPacket): void {
    const tcp = pkt.tcp!;
    const net = pkt.network!;
    let list = this.rows.get(info.connection.id);
    const states = statePair(info.states[0], info.states[1]);
    let before: [TcpState, TcpState];
    if (!list) {
      list = [];
      this.rows.set(info.connection.id, list);
      const syn = (tcp.flags & TcpFlag.SYN) !== 0;
      const ack = (tcp.flags & TcpFlag.ACK) !== 0;
      // A capture that starts mid-connection: both ends were (as far as anyone can tell) ESTABLISHED.
      before =
        syn && !ack
          ? statePair('CLOSED', 'LISTEN')
          : syn
            ? statePair('SYN-SENT', 'LISTEN')
            : statePair('ESTABLISHED', 'ESTABLISHED');
    } else {
      before = list[list.length - 1]!.states;
    }
    const epoch = pkt.tsSec + pkt.tsNsec / 1e9;
    const o = tcp.options;
    const row: PacketRow = {
      frame: info.frame,
      time: epoch - (this.summary.firstTime ?? epoch),
      epoch,
      dir: info.direction,
      flags: tcp.flags,
      seq: tcp.seq,
      ack: tcp.ack,
      relSeq: info.relSeq,
      relAck: info.relAck,
      len: tcp.payloadLength,
      window: tcp.window,
      windowSize: info.windowSize,
      analysis: info.analysis,
      statesBefore: before,
      states,
      linkHeader: pkt.link.headerLength,
      ipHeader: net.headerLength,
      tcpHeader: tcp.headerLength,
    };
    if (info.dupAckOf !== undefined) row.dupAckOf = info.dupAckOf;
    if (info.dupAckCount !== undefined) row.dupAckCount = info.dupAckCount;
    if (info.retransmissionOf !== undefined) row.retransmissionOf = info.retransmissionOf;
    if (info.ackRtt !== undefined) row.ackRtt = info.ackRtt;
    if (o.mss !== undefined) row.mss = o.mss;
    if (o.windowScale !== undefined) row.windowScale = o.windowScale;
    if (o.sackPermitted) row.sackPermitted = true;
    if (o.tsVal !== undefined) row.tsVal = o.tsVal;
    if (o.tsEcr !== undefined) row.tsEcr = o.tsEcr;
    if (o.sack) row.sack = o.sack.map(([a, b]) => [a, b] as [number, number]);
    list.push(row);
  }

  private keepDiagnostic(d: Diagnostic): void {
    if (this.diagnostics.length < MAX_PACKET_DIAGNOSTICS) this.diagnostics.push(d);
    else this.droppedDiagnostics++;
  }

  /** Feed the next bytes of the file (borrowed for the call). */
  push(chunk: Uint8Array): void {
    this.summary.bytesRead += chunk.length;
    this.reader.push(chunk);
  }

  /** True once the capture reader stopped at a fatal error (further pushes are ignored). */
  get stopped(): boolean {
    return this.reader.failed !== null;
  }

  get packets(): number {
    return this.reader.packets;
  }

  /** End of input: flushes every stage and returns the result. */
  end(): AnalysisResult {
    if (this.finished) return this.finished;
    this.reader.end();
    this.tracker.finish();
    this.summary.packets = this.reader.packets;
    if (this.droppedDiagnostics > 0) {
      this.diagnostics.push({
        id: 'analysis.diagnostics.truncated',
        severity: 'note',
        frame: null,
        message: `${this.droppedDiagnostics} more packet diagnostics were not kept`,
      });
    }
    this.finished = {
      capture: this.summary,
      connections: this.tracker.connections.map((tcp) => {
        const ca: ConnectionAnalysis = {
          tcp,
          dissection: this.dissectors.result(tcp),
          tcpIpHeaderBytes: this.headerBytes[tcp.id] ?? 0,
        };
        const rows = this.rows.get(tcp.id);
        if (rows) ca.rows = rows;
        return ca;
      }),
      diagnostics: this.diagnostics,
      otherPackets: this.otherPackets,
    };
    return this.finished;
  }
}

/** Analyses a whole in-memory capture (tests, small files). */
export function analyzeBytes(bytes: Uint8Array, options?: AnalyzeOptions): AnalysisResult {
  const a = new Analyzer(options);
  a.push(bytes);
  return a.end();
}
