// Connection identity, as tshark numbers tcp.stream (Wireshark packet-tcp.c, dissect_tcp and its
// conversation lookup): a connection is the pair of (address, port) endpoints regardless of
// direction; ids are 0-based in order of first packet. Ports are reused by a new connection when
// a SYN without ACK arrives for a known pair whose sender side already has a base sequence number
// different from this SYN's (tshark 4.0's rule: a retransmitted SYN with the same ISN stays in the
// same connection, even after a FIN or RST, because tshark 4.0 does not look at closure there).
// RFC 9293 §3.4.1 (quiet time, ISN selection) is why a new incarnation has a new ISN.

import type { Endpoint } from './types.ts';

/** Direction-independent key of a 4-tuple. */
export function tupleKey(srcAddr: string, srcPort: number, dstAddr: string, dstPort: number): string {
  if (srcAddr < dstAddr || (srcAddr === dstAddr && srcPort <= dstPort)) {
    return `${srcAddr}|${srcPort}|${dstAddr}|${dstPort}`;
  }
  return `${dstAddr}|${dstPort}|${srcAddr}|${srcPort}`;
}

/**
 * Does this segment start a new connection on a known 4-tuple? `senderBase` is the raw base
 * sequence the existing connection holds for the segment's sender (null when none yet).
 */
export function reusesPorts(flags: number, seq: number, senderBase: number | null): boolean {
  const SYN = 0x002;
  const ACK = 0x010;
  return (flags & (SYN | ACK)) === SYN && senderBase !== null && senderBase !== seq;
}

export interface RoleGuess {
  client: Endpoint;
  server: Endpoint;
  inferred: boolean;
}

/**
 * Roles from the first packet of a connection: the sender of a SYN is the client; the receiver of
 * a SYN-ACK is; otherwise (capture started mid-connection) guess: the lower port is the server
 * (well-known and registered service ports are below ephemeral ones), ties go to the destination.
 */
export function guessRoles(src: Endpoint, dst: Endpoint, flags: number): RoleGuess {
  const SYN = 0x002;
  const ACK = 0x010;
  if ((flags & (SYN | ACK)) === SYN) return { client: src, server: dst, inferred: false };
  if ((flags & (SYN | ACK)) === (SYN | ACK)) return { client: dst, server: src, inferred: false };
  if (src.port < dst.port) return { client: dst, server: src, inferred: true };
  return { client: src, server: dst, inferred: true };
}

/** What the table needs of an entry: the tuple as first seen, and a link for its hash chain. */
export interface TupleEntry {
  readonly addrA: string;
  readonly portA: number;
  readonly addrB: string;
  readonly portB: number;
  /** Next entry whose tuple has the same hash (the table's chain; owned by the table). */
  nextInBucket: TupleEntry | null;
}

/**
 * Connections by direction-independent 4-tuple. Runs once per packet, so it avoids building a
 * string key (a concatenation and a fresh string hash per packet cost more than the rest of the
 * lookup): each address string is numbered once (its hash is cached in the string by the engine),
 * the two (address number, port) endpoints are mixed into a small-integer hash, and entries with
 * equal hashes are chained and told apart by comparing the tuple itself.
 */
export class ConnectionTable<T extends TupleEntry> {
  private readonly buckets = new Map<number, T>();
  private readonly addressIds = new Map<string, number>();
  /** One-entry memo in front of addressIds: most packets repeat the previous address. */
  private memoAddress = '';
  private memoId = -1;
  private count = 0;

  /** The entry for this tuple, in either direction. */
  get(src: string, srcPort: number, dst: string, dstPort: number): T | undefined {
    const h = this.hash(src, srcPort, dst, dstPort);
    let e = this.buckets.get(h);
    while (e !== undefined) {
      if (
        (e.portA === srcPort && e.portB === dstPort && e.addrA === src && e.addrB === dst) ||
        (e.portA === dstPort && e.portB === srcPort && e.addrA === dst && e.addrB === src)
      ) {
        return e;
      }
      e = (e.nextInBucket ?? undefined) as T | undefined;
    }
    return undefined;
  }

  /** Register a new connection for its tuple, replacing an older one with the same tuple. */
  add(entry: T): void {
    const h = this.hash(entry.addrA, entry.portA, entry.addrB, entry.portB);
    const head = this.buckets.get(h);
    let prev: TupleEntry | null = null;
    for (let e: TupleEntry | null = head ?? null; e !== null; prev = e, e = e.nextInBucket) {
      if (sameTuple(e, entry)) {
        entry.nextInBucket = e.nextInBucket;
        e.nextInBucket = null;
        if (prev === null) this.buckets.set(h, entry);
        else prev.nextInBucket = entry;
        return;
      }
    }
    entry.nextInBucket = head ?? null;
    this.buckets.set(h, entry);
  }

  nextId(): number {
    return this.count++;
  }

  private hash(src: string, srcPort: number, dst: string, dstPort: number): number {
    // Symmetric in the two endpoints (a sum of their mixes), kept to a small integer so the Map
    // key is never boxed.
    const a = mix((this.addressId(src) << 16) | srcPort);
    const b = mix((this.addressId(dst) << 16) | dstPort);
    return (a + b) & 0x3fffffff;
  }

  private addressId(address: string): number {
    if (address === this.memoAddress) return this.memoId;
    let id = this.addressIds.get(address);
    if (id === undefined) {
      id = this.addressIds.size;
      this.addressIds.set(address, id);
    }
    this.memoAddress = address;
    this.memoId = id;
    return id;
  }
}

function sameTuple(x: TupleEntry, y: TupleEntry): boolean {
  return (
    (x.portA === y.portA && x.portB === y.portB && x.addrA === y.addrA && x.addrB === y.addrB) ||
    (x.portA === y.portB && x.portB === y.portA && x.addrA === y.addrB && x.addrB === y.addrA)
  );
}

/** 32-bit integer mixer (the murmur3 finaliser's two multiply-xorshift rounds). */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
