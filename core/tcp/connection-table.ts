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

export class ConnectionTable<T> {
  private readonly byTuple = new Map<string, T>();
  private count = 0;

  get(key: string): T | undefined {
    return this.byTuple.get(key);
  }

  /** Register a new connection for the tuple (replacing an older one); returns its id. */
  add(key: string, value: T): void {
    this.byTuple.set(key, value);
  }

  nextId(): number {
    return this.count++;
  }
}
