// The TCP stage driver: decoded packets in, in file order; connections, per-segment analysis and
// reassembled byte streams out (core/tcp/types.ts). RFC 9293 §3.10.7 (segment arrival) is the
// frame of reference; the numbering and analysis follow tshark 4.0 so the two can be compared.
//
// Reset handling (RFC 9293 §3.10.7.3 and RFC 5961 §3): a RST is accepted unless the receiver is
// still in SYN-SENT and the RST does not acknowledge its SYN (ack != ISN + 1): such a RST would be
// discarded by the receiver (typically a blind injection) and only yields tcp.connection.rst_ignored.
// An accepted RST closes both endpoints and ends both byte streams.

import type { DecodedPacket } from '../decode/types.ts';
import { TcpFlag } from '../decode/types.ts';
import { diagnostic } from '../diagnostics/diagnostic.ts';
import type { Severity } from '../diagnostics/diagnostic.ts';
import { ConnectionTable, guessRoles, reusesPorts } from './connection-table.ts';
import type { TupleEntry } from './connection-table.ts';
import { seqAdd, seqGe } from './seq.ts';
import { FrameLog, FramePool, defineFrames } from './frame-log.ts';
import { SequenceAnalyzer } from './sequence-analysis.ts';
import { nextStates } from './state-machine.ts';
import type { SegmentEvent } from './state-machine.ts';
import { StreamReassembler } from './stream-reassembler.ts';
import type { ReassemblySink } from './stream-reassembler.ts';
import { Analysis } from './types.ts';
import type { Connection, Direction, SegmentInfo, TcpListener, TcpOptions, TcpState } from './types.ts';

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const DEFAULT_MAX_SEGMENTS = 1024;

/** Diagnostic id and severity for each analysis bit (tshark's expert info, severities adapted). */
export const ANALYSIS_DIAGNOSTICS: ReadonlyArray<readonly [number, string, Severity]> = [
  [Analysis.RETRANSMISSION, 'tcp.analysis.retransmission', 'warn'],
  [Analysis.FAST_RETRANSMISSION, 'tcp.analysis.fast_retransmission', 'warn'],
  [Analysis.SPURIOUS_RETRANSMISSION, 'tcp.analysis.spurious_retransmission', 'warn'],
  [Analysis.OUT_OF_ORDER, 'tcp.analysis.out_of_order', 'warn'],
  [Analysis.DUPLICATE_ACK, 'tcp.analysis.duplicate_ack', 'note'],
  [Analysis.ZERO_WINDOW, 'tcp.analysis.zero_window', 'warn'],
  [Analysis.ZERO_WINDOW_PROBE, 'tcp.analysis.zero_window_probe', 'note'],
  [Analysis.ZERO_WINDOW_PROBE_ACK, 'tcp.analysis.zero_window_probe_ack', 'note'],
  [Analysis.KEEP_ALIVE, 'tcp.analysis.keep_alive', 'note'],
  [Analysis.KEEP_ALIVE_ACK, 'tcp.analysis.keep_alive_ack', 'note'],
  [Analysis.WINDOW_UPDATE, 'tcp.analysis.window_update', 'chat'],
  [Analysis.WINDOW_FULL, 'tcp.analysis.window_full', 'note'],
  [Analysis.LOST_SEGMENT, 'tcp.analysis.lost_segment', 'warn'],
  [Analysis.ACKED_UNSEEN, 'tcp.analysis.ack_unseen', 'warn'],
  [Analysis.REUSED_PORTS, 'tcp.analysis.reused_ports', 'note'],
];

const ANY_RETRANSMISSION =
  Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION;

class Tracked implements TupleEntry {
  readonly analyzer = new SequenceAnalyzer();
  readonly reasm: [StreamReassembler, StreamReassembler];
  /** Raw sequence number just after each side's FIN (FIN seq + 1), once seen. */
  readonly finEnd: [number | null, number | null] = [null, null];
  nextInBucket: TupleEntry | null = null;
  /** conn.client, flattened: read for every packet. */
  private readonly clientAddress: string;
  private readonly clientPort: number;

  constructor(
    readonly conn: Connection,
    readonly frames: FrameLog,
    /** The tuple as the first packet had it (source, destination). */
    readonly addrA: string,
    readonly portA: number,
    readonly addrB: string,
    readonly portB: number,
    listener: TcpListener,
    options: TcpOptions | undefined,
  ) {
    this.clientAddress = conn.client.address;
    this.clientPort = conn.client.port;
    const limits = {
      maxBytes: options?.maxBufferedBytesPerDirection ?? DEFAULT_MAX_BYTES,
      maxSegments: options?.maxBufferedSegmentsPerDirection ?? DEFAULT_MAX_SEGMENTS,
    };
    const onData = listener.data;
    const sink = (dir: Direction): ReassemblySink => ({
      // Left out when nobody listens: the reassembler then makes no view of the payload at all.
      data: onData
        ? (data, frame, offset) => onData.call(listener, conn, dir, { data, frame, offset })
        : undefined,
      gap: (offset, length, frame) => listener.gap?.(conn, dir, offset, length, frame),
      end: (reason, frame) => listener.end?.(conn, dir, reason, frame),
      diagnostic: (id, frame, message) =>
        conn.diagnostics.push(diagnostic(id, id === 'tcp.reassembly.gap' ? 'note' : 'warn', frame, message)),
    });
    this.reasm = [new StreamReassembler(sink(0), limits), new StreamReassembler(sink(1), limits)];
  }

  dirOf(address: string, port: number): Direction {
    return port === this.clientPort && address === this.clientAddress ? 0 : 1;
  }
}

/** The state machine's input, refilled per packet (nextStates keeps nothing of it). */
const stateEvent: SegmentEvent = { direction: 0, flags: 0, ackCoversSyn: false, ackCoversFin: false };

export class TcpTracker {
  readonly connections: Connection[] = [];
  private readonly table = new ConnectionTable<Tracked>();
  private readonly tracked: Tracked[] = [];
  private last: Tracked | undefined;
  private readonly framePool = new FramePool();

  constructor(
    private readonly listener: TcpListener,
    private readonly options?: TcpOptions,
  ) {}

  /** Takes the next packet; returns its connection (null when the packet is not TCP). */
  push(packet: DecodedPacket, data: Uint8Array): Connection | null {
    const tcp = packet.tcp;
    const net = packet.network;
    if (tcp === null || net === null) return null;
    const flags = tcp.flags;
    const src = net.src;
    const dst = net.dst;
    const srcPort = tcp.srcPort;
    const dstPort = tcp.dstPort;
    let t: Tracked | undefined;
    // Fast path: consecutive packets of one connection skip the table.
    const last = this.last;
    if (
      last !== undefined &&
      ((srcPort === last.portA && dstPort === last.portB && src === last.addrA && dst === last.addrB) ||
        (srcPort === last.portB && dstPort === last.portA && src === last.addrB && dst === last.addrA))
    ) {
      t = last;
    } else {
      t = this.table.get(src, srcPort, dst, dstPort);
    }
    let reused = false;
    // Only a SYN without ACK can start a new incarnation (reusesPorts); skip the lookup otherwise.
    if (t !== undefined && (flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN) {
      const d = t.dirOf(src, srcPort);
      if (reusesPorts(flags, tcp.seq, t.analyzer.base(d))) {
        t.reasm[0].finish();
        t.reasm[1].finish();
        t = undefined;
        reused = true;
      }
    }
    if (t === undefined) t = this.open(packet);
    this.last = t;
    const conn = t.conn;
    const dir = t.dirOf(src, srcPort);
    const rdir = (dir ^ 1) as Direction;
    const frame = packet.frame;
    const time = packet.tsSec + packet.tsNsec / 1e9;

    t.frames.push(frame);
    conn.lastTime = time;
    conn.packetsBy[dir]++;
    conn.payloadBytes[dir] += tcp.payloadLength;

    const syn = (flags & TcpFlag.SYN) !== 0;
    const ackFlag = (flags & TcpFlag.ACK) !== 0;
    if (syn) {
      if (conn.isn[dir] === null) {
        conn.isn[dir] = tcp.seq;
        conn.mss[dir] = tcp.options.mss ?? null;
        conn.windowScale[dir] = tcp.options.windowScale ?? null;
        conn.sackPermitted[dir] = tcp.options.sackPermitted === true;
      }
      t.analyzer.noteSynOption(dir, tcp.options.windowScale);
      if (!ackFlag && dir === 0 && conn.handshake.syn === null) conn.handshake.syn = frame;
      if (ackFlag) {
        if (dir === 1 && conn.handshake.synAck === null) conn.handshake.synAck = frame;
        if (t.analyzer.synAckRebase(dir, tcp.seq)) {
          reused = true;
          conn.isn[dir] = tcp.seq;
        }
      }
    } else if (
      ackFlag &&
      dir === 0 &&
      conn.handshake.ack === null &&
      conn.isn[1] !== null &&
      tcp.ack === seqAdd(conn.isn[1], 1)
    ) {
      conn.handshake.ack = frame;
    }

    const res = t.analyzer.analyze(
      dir,
      tcp.seq,
      tcp.ack,
      tcp.payloadLength,
      flags,
      tcp.window,
      packet.tsSec,
      packet.tsNsec,
      frame,
    );
    if (reused) res.analysis |= Analysis.REUSED_PORTS;
    const a = res.analysis;
    if (a !== 0) noteAnalysis(conn, a, frame);
    // Set once per connection (a getter that divides would box a new number per packet).
    if (conn.initialRtt === null) conn.initialRtt = t.analyzer.initialRtt;

    // Endpoint states and closing.
    const before = conn.states;
    const rst = (flags & TcpFlag.RST) !== 0;
    let rstAccepted = false;
    if (rst) {
      const recvIsn = conn.isn[rdir];
      rstAccepted =
        before[rdir] !== 'SYN-SENT' || (ackFlag && recvIsn !== null && tcp.ack === seqAdd(recvIsn, 1));
      if (rstAccepted) {
        conn.diagnostics.push(
          diagnostic(
            'tcp.connection.reset',
            'warn',
            frame,
            `connection reset by the ${dir === 0 ? 'client' : 'server'}`,
          ),
        );
        if (conn.close.kind !== 'rst')
          conn.close = { kind: 'rst', by: dir === 0 ? 'client' : 'server', frame };
      } else {
        conn.diagnostics.push(
          diagnostic(
            'tcp.connection.rst_ignored',
            'note',
            frame,
            'RST that does not acknowledge the SYN: a receiver in SYN-SENT discards it',
          ),
        );
      }
    }
    const fin = (flags & TcpFlag.FIN) !== 0;
    if (fin && conn.close.kind === 'none')
      conn.close = { kind: 'fin', by: dir === 0 ? 'client' : 'server', frame };
    if (!rst || rstAccepted) {
      const recvIsn = conn.isn[rdir];
      const recvFin = t.finEnd[rdir];
      const ev = stateEvent;
      ev.direction = dir;
      ev.flags = flags;
      ev.ackCoversSyn = ackFlag && recvIsn !== null && seqGe(tcp.ack, seqAdd(recvIsn, 1));
      ev.ackCoversFin = ackFlag && recvFin !== null && seqGe(tcp.ack, recvFin);
      conn.states = nextStates(before, ev);
    }
    if (fin && t.finEnd[dir] === null) t.finEnd[dir] = seqAdd(tcp.seq, tcp.payloadLength + (syn ? 2 : 1));

    const onSegment = this.listener.segment;
    if (onSegment !== undefined) {
      const info: SegmentInfo = {
        connection: conn,
        direction: dir,
        frame,
        relSeq: res.relSeq,
        relAck: res.relAck,
        relNextSeq: res.relNextSeq,
        windowSize: res.windowSize,
        analysis: a,
        states: conn.states,
      };
      if (res.dupAckOf !== undefined) {
        info.dupAckOf = res.dupAckOf;
        info.dupAckCount = res.dupAckCount!;
      }
      if (res.retransmissionOf !== undefined) info.retransmissionOf = res.retransmissionOf;
      if (res.ackedFrame !== undefined) {
        info.ackedFrame = res.ackedFrame;
        info.ackRtt = res.ackRtt!;
      }
      onSegment.call(this.listener, info, packet);
    }

    // Reassembly: this direction's bytes, then what this segment's ACK says about the other one.
    if (rst) {
      if (rstAccepted) {
        if (ackFlag) t.reasm[rdir].peerAck(tcp.ack, frame);
        t.reasm[dir].reset(frame);
        t.reasm[rdir].reset(frame);
      }
      return conn;
    }
    const start = Math.min(tcp.payloadOffset, data.length);
    const end = Math.min(start + tcp.payloadCaptured, data.length);
    t.reasm[dir].segmentIn(tcp.seq, syn, fin, data, start, end, tcp.payloadLength, frame);
    if (ackFlag) t.reasm[rdir].peerAck(tcp.ack, frame);
    return conn;
  }

  finish(): void {
    for (const t of this.tracked) {
      t.reasm[0].finish();
      t.reasm[1].finish();
    }
  }

  private open(packet: DecodedPacket): Tracked {
    const tcp = packet.tcp!;
    const net = packet.network!;
    const roles = guessRoles(
      { address: net.src, port: tcp.srcPort },
      { address: net.dst, port: tcp.dstPort },
      tcp.flags,
    );
    const midStream = (tcp.flags & TcpFlag.SYN) === 0;
    // A capture that starts at the SYN-ACK missed a SYN: the client is already in SYN-SENT.
    const synAckFirst = (tcp.flags & (TcpFlag.SYN | TcpFlag.ACK)) === (TcpFlag.SYN | TcpFlag.ACK);
    const initial: TcpState = midStream ? 'ESTABLISHED' : synAckFirst ? 'SYN-SENT' : 'CLOSED';
    const time = packet.tsSec + packet.tsNsec / 1e9;
    const frames = new FrameLog(this.framePool);
    // Built in steps so that `frames` (an accessor, see frame-log.ts) keeps its place in the key
    // order while every connection shares one fast hidden class.
    const conn = {
      id: this.table.nextId(),
      client: roles.client,
      server: roles.server,
      ipVersion: net.version,
      clientInferred: roles.inferred,
    } as Connection;
    defineFrames(conn, frames);
    conn.firstTime = time;
    conn.lastTime = time;
    conn.handshake = { syn: null, synAck: null, ack: null };
    conn.close = { kind: 'none', by: null, frame: null };
    conn.retransmissions = [];
    conn.fastRetransmissions = [];
    conn.spuriousRetransmissions = [];
    conn.outOfOrder = [];
    conn.duplicateAcks = [];
    conn.zeroWindows = [];
    conn.isn = [null, null];
    conn.mss = [null, null];
    conn.windowScale = [null, null];
    conn.sackPermitted = [false, false];
    conn.initialRtt = null;
    conn.states = [initial, midStream ? 'ESTABLISHED' : 'LISTEN'];
    conn.payloadBytes = [0, 0];
    conn.packetsBy = [0, 0];
    conn.diagnostics = [];
    const t = new Tracked(
      conn,
      frames,
      net.src,
      tcp.srcPort,
      net.dst,
      tcp.dstPort,
      this.listener,
      this.options,
    );
    this.table.add(t);
    this.tracked.push(t);
    this.connections.push(conn);
    this.listener.connection?.(conn, packet);
    return t;
  }
}

/**
 * The per-connection lists and diagnostics of a segment's analysis bits. Kept out of push(): each
 * branch here is first taken long after the JIT optimised push(), and one call site costs at most
 * one trip back to the interpreter where a branch per list cost one each.
 */
function noteAnalysis(conn: Connection, a: number, frame: number): void {
  if (a & ANY_RETRANSMISSION) conn.retransmissions.push(frame);
  if (a & Analysis.FAST_RETRANSMISSION) conn.fastRetransmissions.push(frame);
  if (a & Analysis.SPURIOUS_RETRANSMISSION) conn.spuriousRetransmissions.push(frame);
  if (a & Analysis.OUT_OF_ORDER) conn.outOfOrder.push(frame);
  if (a & Analysis.DUPLICATE_ACK) conn.duplicateAcks.push(frame);
  if (a & Analysis.ZERO_WINDOW) conn.zeroWindows.push(frame);
  for (let i = 0; i < ANALYSIS_DIAGNOSTICS.length; i++) {
    const [bit, id, severity] = ANALYSIS_DIAGNOSTICS[i]!;
    if (a & bit) conn.diagnostics.push(diagnostic(id, severity, frame, analysisMessage(id)));
  }
}

function analysisMessage(id: string): string {
  switch (id) {
    case 'tcp.analysis.retransmission':
      return 'retransmission: this segment repeats bytes already sent';
    case 'tcp.analysis.fast_retransmission':
      return 'fast retransmission after duplicate ACKs';
    case 'tcp.analysis.spurious_retransmission':
      return 'spurious retransmission: these bytes were already acknowledged';
    case 'tcp.analysis.out_of_order':
      return 'out-of-order segment';
    case 'tcp.analysis.duplicate_ack':
      return 'duplicate ACK';
    case 'tcp.analysis.zero_window':
      return 'zero window: the receiver cannot take more data';
    case 'tcp.analysis.lost_segment':
      return 'previous segment not captured';
    case 'tcp.analysis.ack_unseen':
      return 'ACK for a segment that was not captured';
    case 'tcp.analysis.reused_ports':
      return 'a new connection reuses the ports of an earlier one';
    default:
      return id.slice('tcp.analysis.'.length).replace(/_/g, ' ');
  }
}
