// The display filter's byte predicates (`frame contains "Upgrade"`, `tcp.payload contains 48:54`,
// `frame matches "re"`), searched in the worker: the capture file is re-read in file order, a few
// MiB at a time (records close together come from one read, as frame-reader.ts does), each record
// is located in the slice without copying, and each needle is looked for in its scope. One pass
// serves every needle of a filter; the answer is one bitset per needle (bit frame-1).
// Scopes follow Wireshark: `frame` is every captured byte of the record; `tcp` the TCP header and
// the captured payload; `tcp.payload` the captured payload, absent on a RST (Wireshark shows a
// RST's data as "Reset cause", not tcp.payload) and on segments whose payload was not captured.
// Single-needle search: memchr (Uint8Array.indexOf, native) for one byte, Horspool
// (Horspool 1980, "Practical fast searching in strings") otherwise; its shift table is built once
// per needle. TCP scopes: plain Ethernet / raw IP / Linux cooked + IPv4 or IPv6 + TCP are located
// here without allocating (RFC 791 §3.1, RFC 8200 §3, RFC 9293 §3.1); anything else (VLAN tags,
// IPv6 extension headers, fragments, odd lengths, other links) goes through core/decode's
// decodePacket, so both agree (tested on the corpus).

import { decodePacket } from '../../../core/decode/decode-packet.ts';
import type { CaptureRecord } from '../../../core/capture-file/types.ts';
import { frameDataOffset } from './frame-bytes.ts';
import { latin1, type ByteNeedle } from './byte-search-needle.ts';

/** What the search needs of a packet list row. */
export interface SearchRow {
  frame: number;
  fileOffset: number;
  capturedLength: number;
  /** Length on the wire. */
  length: number;
  linkType: number;
  srcPort?: number;
  connection: number;
}

export interface SearchSource {
  format: 'pcap' | 'pcapng' | null;
  byteOrder: 'le' | 'be' | null;
  packets: readonly SearchRow[];
}

export type ReadBytes = (start: number, end: number) => Promise<Uint8Array>;

export interface SearchOptions {
  /** Bytes read per file slice (default 4 MiB). */
  window?: number;
  /** Called after each slice with the packets done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between slices: true stops the search (it then resolves null). */
  cancelled?: () => boolean;
}

const WINDOW = 4 * 1024 * 1024;
/** Largest pcapng block header before the packet data (EPB: 28 bytes). */
const MAX_HEADER = 28;
const TCP_RST = 0x004;

/** Looks for one needle in hay[start, end). */
export type Matcher = (hay: Uint8Array, start: number, end: number) => boolean;

export function bytesMatcher(needle: Uint8Array): Matcher {
  const m = needle.length;
  if (m === 0) return () => false;
  if (m === 1) {
    const b = needle[0]!;
    return (hay, start, end) => {
      const at = hay.indexOf(b, start);
      return at >= 0 && at < end;
    };
  }
  const shift = new Int32Array(256).fill(m);
  for (let i = 0; i < m - 1; i++) shift[needle[i]!] = m - 1 - i;
  const last = needle[m - 1]!;
  return (hay, start, end) => {
    let i = start + m - 1;
    while (i < end) {
      const c = hay[i]!;
      if (c === last) {
        let j = m - 2;
        let k = i - 1;
        while (j >= 0 && hay[k] === needle[j]) {
          j--;
          k--;
        }
        if (j < 0) return true;
      }
      i += shift[c]!;
    }
    return false;
  };
}

/** A regular expression over the bytes read as latin1, case-insensitive (Wireshark's default). */
export function regexMatcher(pattern: string): Matcher {
  const re = new RegExp(pattern, 'i');
  return (hay, start, end) => re.test(latin1(hay, start, end));
}

export function matcherFor(n: ByteNeedle): Matcher {
  return n.regex !== undefined ? regexMatcher(n.regex) : bytesMatcher(n.bytes);
}

export function newBitset(packets: number): Uint8Array {
  return new Uint8Array((packets + 7) >>> 3);
}

export function bitGet(bits: Uint8Array, i: number): boolean {
  return ((bits[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0;
}

function bitSet(bits: Uint8Array, i: number): void {
  const k = i >>> 3;
  bits[k] = (bits[k] ?? 0) | (1 << (i & 7));
}

/**
 * Where the TCP segment and payload of the record at buf[at, end) are, relative to `at`: sets
 * `out` = [tcpStart, payloadStart, end] and returns true, or false when the record has no TCP
 * header. `payloadStart` = `end` when there is no tcp.payload (none captured, or a RST).
 */
export function tcpRanges(
  buf: Uint8Array,
  at: number,
  end: number,
  linkType: number,
  originalLength: number,
  frame: number,
  out: Int32Array,
): boolean {
  const fast = fastTcpRanges(buf, at, end, linkType, originalLength, out);
  if (fast >= 0) return fast === 1;
  return decodedTcpRanges(buf.subarray(at, end), linkType, originalLength, frame, out);
}

/**
 * The common cases of tcpRanges without decoding or allocating, for the record at
 * buf[at, end): 1 TCP (offsets in `out` relative to `at`), 0 not TCP, -1 ask decodePacket.
 */
export function fastTcpRanges(
  buf: Uint8Array,
  at: number,
  end: number,
  linkType: number,
  originalLength: number,
  out: Int32Array,
): number {
  const n = end - at;
  let ip: number;
  let version: number;
  if (linkType === 1) {
    // Ethernet II without VLAN tags.
    if (n < 14) return -1;
    const type = (buf[at + 12]! << 8) | buf[at + 13]!;
    if (type === 0x0800) version = 4;
    else if (type === 0x86dd) version = 6;
    else return -1;
    ip = 14;
  } else if (linkType === 101 || linkType === 228 || linkType === 229) {
    if (n < 1) return -1;
    ip = 0;
    version = buf[at]! >> 4;
  } else if (linkType === 113) {
    // Linux cooked v1: protocol at 14, network header at 16.
    if (n < 16) return -1;
    const type = (buf[at + 14]! << 8) | buf[at + 15]!;
    if (type === 0x0800) version = 4;
    else if (type === 0x86dd) version = 6;
    else return -1;
    ip = 16;
  } else return -1;
  const wireEnd = originalLength > n ? originalLength : n;
  const p = at + ip;
  let headerLength: number;
  let totalLength: number;
  if (version === 4) {
    if (n < ip + 20 || buf[p]! >> 4 !== 4) return -1;
    headerLength = (buf[p]! & 0x0f) * 4;
    totalLength = (buf[p + 2]! << 8) | buf[p + 3]!;
    // Fragments (MF or an offset), TSO's zero total length and short lengths: decodePacket.
    if (((buf[p + 6]! << 8) | buf[p + 7]!) & 0x3fff || totalLength < headerLength || headerLength < 20)
      return -1;
    if (buf[p + 9] !== 6) return 0;
  } else if (version === 6) {
    if (n < ip + 40 || buf[p]! >> 4 !== 6) return -1;
    // Extension headers and jumbograms: decodePacket.
    if (buf[p + 6] !== 6) return -1;
    const payload = (buf[p + 4]! << 8) | buf[p + 5]!;
    if (payload === 0) return -1;
    headerLength = 40;
    totalLength = 40 + payload;
  } else return -1;
  const wireLength = wireEnd - ip;
  const segment = (totalLength < wireLength ? totalLength : wireLength) - headerLength;
  const tcp = ip + headerLength;
  if (segment < 20 || n < tcp + 20) return -1;
  const tcpHeader = (buf[at + tcp + 12]! >> 4) * 4;
  if (tcpHeader < 20 || tcpHeader > segment || n < tcp + tcpHeader) return -1;
  const payloadAt = tcp + tcpHeader;
  const available = n - payloadAt;
  const payloadLength = segment - tcpHeader;
  const last = payloadAt + (available < payloadLength ? available : payloadLength);
  out[0] = tcp;
  out[1] = (buf[at + tcp + 13]! & TCP_RST) !== 0 || last === payloadAt ? last : payloadAt;
  out[2] = last;
  return 1;
}

/** tcpRanges through core/decode (allocates a DecodedPacket). */
export function decodedTcpRanges(
  data: Uint8Array,
  linkType: number,
  originalLength: number,
  frame: number,
  out: Int32Array,
): boolean {
  record.data = data;
  record.linkType = linkType;
  record.capturedLength = data.length;
  record.originalLength = originalLength;
  record.frame = frame;
  const tcp = decodePacket(record).tcp;
  record.data = EMPTY;
  if (tcp === null) return false;
  const end = tcp.payloadOffset + tcp.payloadCaptured;
  out[0] = tcp.offset;
  out[1] = (tcp.flags & TCP_RST) !== 0 || tcp.payloadCaptured === 0 ? end : tcp.payloadOffset;
  out[2] = end;
  return true;
}

/** pcap-savefile §"Packet Record": 16 bytes before the data (frame-bytes.ts). */
const PCAP_RECORD_HEADER = 16;

/** A pcapng block's type (its first 4 bytes), without a view per record; -1 past the end. */
function blockType(buf: Uint8Array, at: number, le: boolean): number {
  if (at + 4 > buf.length) return -1;
  return le
    ? (buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16) | (buf[at + 3]! << 24)) >>> 0
    : ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}

const EMPTY = new Uint8Array(0);
/** One record object reused for every decode (decodePacket does not keep it). */
const record: CaptureRecord = {
  frame: 0,
  fileOffset: 0,
  interfaceId: 0,
  linkType: 0,
  hasTimestamp: true,
  tsSec: 0,
  tsNsec: 0,
  capturedLength: 0,
  originalLength: 0,
  data: EMPTY,
};

/**
 * Searches every packet for every needle. Resolves one bitset per needle (bit `frame - 1` set when
 * the packet matches), or null when `cancelled()` turned true.
 */
export async function searchBytes(
  read: ReadBytes,
  fileSize: number,
  source: SearchSource,
  needles: readonly ByteNeedle[],
  options: SearchOptions = {},
): Promise<Uint8Array[] | null> {
  const rows = source.packets;
  const window = options.window ?? WINDOW;
  const matchers = needles.map(matcherFor);
  const scopes = needles.map((n) => n.scope);
  const bits = needles.map(() => newBitset(rows.length));
  const needTcp = scopes.some((s) => s !== 'frame');
  const le = source.byteOrder !== 'be';
  const ranges = new Int32Array(3);
  const pcapng = source.format === 'pcapng';
  let i = 0;
  while (i < rows.length) {
    if (options.cancelled?.()) return null;
    const start = rows[i]!.fileOffset;
    let end = start;
    let j = i;
    // Take records while the slice stays under `window` (a single huge record gets its own read).
    while (j < rows.length) {
      const r = rows[j]!;
      const recEnd = r.fileOffset + MAX_HEADER + r.capturedLength;
      if (j > i && (recEnd - start > window || r.fileOffset < start)) break;
      end = Math.max(end, recEnd);
      j++;
    }
    const buf = await read(start, Math.min(end, fileSize));
    if (options.cancelled?.()) return null;
    for (let k = i; k < j; k++) {
      const r = rows[k]!;
      const at = r.fileOffset - start;
      const dataAt = at + (pcapng ? frameDataOffset('pcapng', blockType(buf, at, le)) : PCAP_RECORD_HEADER);
      const dataEnd = Math.min(dataAt + r.capturedLength, buf.length);
      if (dataAt >= dataEnd) continue;
      const index = r.frame - 1;
      let tcp = false;
      if (needTcp && (r.srcPort !== undefined || r.connection >= 0))
        tcp = tcpRanges(buf, dataAt, dataEnd, r.linkType, r.length, r.frame, ranges);
      for (let n = 0; n < matchers.length; n++) {
        const scope = scopes[n]!;
        let s = dataAt;
        let e = dataEnd;
        if (scope !== 'frame') {
          if (!tcp) continue;
          s = dataAt + (scope === 'tcp' ? ranges[0]! : ranges[1]!);
          e = dataAt + ranges[2]!;
          if (s >= e) continue;
        }
        if (matchers[n]!(buf, s, e)) bitSet(bits[n]!, index);
      }
    }
    i = j;
    options.onProgress?.(i, rows.length);
  }
  return bits;
}
