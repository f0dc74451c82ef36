// Builds DecodedPacket objects directly (no capture file), for the TCP stage's tests.
import type { DecodedPacket } from '../../core/decode/types.ts';
import { TcpTracker } from '../../core/tcp/index.ts';
import type { Connection, Direction, EndReason, SegmentInfo, TcpOptions } from '../../core/tcp/types.ts';

export const F = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export interface Seg {
  /** 0: client (10.0.0.1:40000) → server (10.0.0.2:80); 1: the reverse. */
  dir: 0 | 1;
  seq: number;
  ack?: number;
  flags: number;
  /** Payload text or bytes; `wire` can make the wire length longer (snaplen cut). */
  data?: string | Uint8Array;
  wire?: number;
  window?: number;
  ws?: number;
  /** Seconds since the start of the capture. */
  t?: number;
  /** Override the ports (client port) to make another connection. */
  clientPort?: number;
  src?: string;
  dst?: string;
}

const HEADER = 54; // Ethernet 14 + IPv4 20 + TCP 20

export function packet(frame: number, s: Seg): { packet: DecodedPacket; data: Uint8Array } {
  const payload =
    typeof s.data === 'string' ? new TextEncoder().encode(s.data) : (s.data ?? new Uint8Array(0));
  const bytes = new Uint8Array(HEADER + payload.length);
  bytes.set(payload, HEADER);
  const cport = s.clientPort ?? 40000;
  const a = s.src ?? '10.0.0.1';
  const b = s.dst ?? '10.0.0.2';
  const t = s.t ?? frame * 0.1;
  const sec = Math.floor(t);
  const wire = s.wire ?? payload.length;
  const opts: DecodedPacket['tcp'] = {
    offset: 34,
    srcPort: s.dir === 0 ? cport : 80,
    dstPort: s.dir === 0 ? 80 : cport,
    seq: s.seq >>> 0,
    ack: (s.ack ?? 0) >>> 0,
    headerLength: 20,
    flags: s.flags,
    window: s.window ?? 1000,
    checksum: 0,
    urgentPointer: 0,
    options: s.ws === undefined ? { kinds: [] } : { kinds: [3], windowScale: s.ws },
    payloadLength: wire,
    payloadOffset: HEADER,
    payloadCaptured: payload.length,
    headerTruncated: false,
  };
  return {
    data: bytes,
    packet: {
      frame,
      tsSec: 1000 + sec,
      tsNsec: Math.round((t - sec) * 1e9),
      capturedLength: bytes.length,
      originalLength: HEADER + wire,
      link: { type: 1, headerLength: 14, etherType: 0x0800 },
      network: {
        version: 4,
        src: s.dir === 0 ? a : b,
        dst: s.dir === 0 ? b : a,
        offset: 14,
        headerLength: 20,
        totalLength: 40 + wire,
        protocol: 6,
        ttl: 64,
        isFragment: false,
      },
      tcp: opts,
      diagnostics: [],
    },
  };
}

export interface Recorded {
  tracker: TcpTracker;
  segments: SegmentInfo[];
  /** Per connection id and direction: the delivered text, with gaps as '~' per missing byte. */
  streams: Map<string, string>;
  events: string[];
  connections: Connection[];
}

/** Run segments (frame = index + 1) through a tracker and record everything it emits. */
export function run(segs: Seg[], options?: TcpOptions): Recorded {
  const segments: SegmentInfo[] = [];
  const streams = new Map<string, string>();
  const events: string[] = [];
  const put = (c: Connection, d: Direction, s: string) =>
    streams.set(`${c.id}:${d}`, (streams.get(`${c.id}:${d}`) ?? '') + s);
  const tracker = new TcpTracker(
    {
      segment: (i) => segments.push(i),
      data: (c, d, ch) => {
        put(c, d, new TextDecoder().decode(ch.data));
        events.push(
          `data ${c.id}:${d} @${ch.offset} ${JSON.stringify(new TextDecoder().decode(ch.data))} f${ch.frame}`,
        );
      },
      gap: (c, d, off, len, f) => {
        put(c, d, '~'.repeat(len));
        events.push(`gap ${c.id}:${d} @${off}+${len} f${f}`);
      },
      end: (c, d, r: EndReason, f) => events.push(`end ${c.id}:${d} ${r} ${f === null ? '-' : 'f' + f}`),
    },
    options,
  );
  segs.forEach((s, i) => {
    const p = packet(i + 1, s);
    tracker.push(p.packet, p.data);
    p.data.fill(0); // input is borrowed: the tracker must not keep it
  });
  tracker.finish();
  return { tracker, segments, streams, events, connections: tracker.connections };
}

/** A three-way handshake with client ISN `c` and server ISN `s`. */
export function handshake(c: number, s: number, extra: Partial<Seg> = {}): Seg[] {
  return [
    { dir: 0, seq: c, flags: F.SYN, ...extra },
    { dir: 1, seq: s, ack: c + 1, flags: F.SYN | F.ACK, ...extra },
    { dir: 0, seq: c + 1, ack: s + 1, flags: F.ACK, ...extra },
  ];
}
