// RFC 9293 §3.3.2 (Figure 5, "TCP Connection State Diagram") as seen from a capture point: both
// endpoints' states are inferred from the segments on the wire, assuming every captured segment
// reached its receiver. Each segment is applied in two steps: first its ACK (what the sender
// acknowledges of the peer's SYN/FIN), then its own control bits (SYN, FIN, RST).
//
//   event (sender S → receiver R)            S before → after            R before → after
//   ─────────────────────────────────────────────────────────────────────────────────────────────
//   SYN                                      CLOSED      → SYN-SENT      LISTEN      → SYN-RECEIVED
//                                                                        SYN-SENT    → SYN-RECEIVED (simultaneous open)
//   SYN+ACK                                  LISTEN/SYN-RECEIVED → SYN-RECEIVED      SYN-SENT → ESTABLISHED
//   ACK covering R's SYN                     -                           SYN-RECEIVED → ESTABLISHED
//   ACK covering R's FIN                     -                           FIN-WAIT-1  → FIN-WAIT-2
//                                                                        CLOSING     → TIME-WAIT
//                                                                        LAST-ACK    → CLOSED
//   FIN (S had not seen R's FIN)             ESTABLISHED/SYN-RECEIVED → FIN-WAIT-1   ESTABLISHED → CLOSE-WAIT
//                                                                        FIN-WAIT-2  → TIME-WAIT
//                                                                        FIN-WAIT-1  → CLOSING (simultaneous close)
//   FIN acking R's FIN (normal 2nd FIN)      CLOSE-WAIT  → LAST-ACK      FIN-WAIT-2  → TIME-WAIT
//   FIN not acking R's FIN, R already sent   CLOSE-WAIT  → CLOSING       FIN-WAIT-1  → CLOSING
//     one (both closed at once)
//   RST                                      any         → CLOSED        any         → CLOSED
//
// So the side that closes first ends in TIME-WAIT once the other side's FIN arrives (after it
// saw its own FIN acknowledged), the side that closes second ends in CLOSED after the final ACK,
// and a simultaneous close leaves both in CLOSING, then TIME-WAIT. A capture that starts
// mid-connection starts both sides in ESTABLISHED; one that starts at the SYN starts the client in
// CLOSED and the server in LISTEN. TIME-WAIT's 2×MSL timer is not modelled (no timers on a capture).

import { TcpFlag } from '../decode/types.ts';
import type { Direction, TcpState } from './types.ts';

export interface SegmentEvent {
  /** The sender: 0 client, 1 server. */
  direction: Direction;
  /** TCP flags of the segment (see TcpFlag). */
  flags: number;
  /** The segment's ACK acknowledges the receiver's SYN. */
  ackCoversSyn: boolean;
  /** The segment's ACK acknowledges the receiver's FIN (false if the receiver sent none). */
  ackCoversFin: boolean;
}

/**
 * The states after one segment, [client, server]. The input is never modified; when nothing
 * changes the same array is returned (most segments change nothing, and callers keep the arrays).
 */
export function nextStates(states: [TcpState, TcpState], ev: SegmentEvent): [TcpState, TcpState] {
  const d = ev.direction;
  // Sender's and receiver's states as locals: no array is built unless something changes.
  let snd: TcpState = states[d];
  let rcv: TcpState = states[d ^ 1]!;
  const f = ev.flags;

  if (f & TcpFlag.RST) {
    snd = 'CLOSED';
    rcv = 'CLOSED';
  } else {
    // Step 1: what the sender acknowledges.
    if (f & TcpFlag.ACK) {
      if (ev.ackCoversSyn && rcv === 'SYN-RECEIVED' && !(f & TcpFlag.SYN)) rcv = 'ESTABLISHED';
      if (ev.ackCoversFin) {
        if (rcv === 'FIN-WAIT-1') rcv = 'FIN-WAIT-2';
        else if (rcv === 'CLOSING') rcv = 'TIME-WAIT';
        else if (rcv === 'LAST-ACK') rcv = 'CLOSED';
      }
    }

    // Step 2: the sender's own control bits.
    if (f & TcpFlag.SYN) {
      if (f & TcpFlag.ACK) {
        if (snd === 'LISTEN' || snd === 'SYN-RECEIVED' || snd === 'SYN-SENT' || snd === 'CLOSED') {
          snd = 'SYN-RECEIVED';
        }
        if (rcv === 'SYN-SENT' || rcv === 'SYN-RECEIVED') rcv = 'ESTABLISHED';
      } else {
        if (snd === 'CLOSED' || snd === 'LISTEN') snd = 'SYN-SENT';
        if (rcv === 'LISTEN' || rcv === 'SYN-SENT') rcv = 'SYN-RECEIVED';
      }
    }
    if (f & TcpFlag.FIN) {
      const peerFinSent =
        rcv === 'FIN-WAIT-1' ||
        rcv === 'FIN-WAIT-2' ||
        rcv === 'CLOSING' ||
        rcv === 'TIME-WAIT' ||
        rcv === 'LAST-ACK';
      switch (snd) {
        case 'ESTABLISHED':
        case 'SYN-RECEIVED':
        case 'SYN-SENT':
          snd = 'FIN-WAIT-1';
          break;
        case 'CLOSE-WAIT':
          // Sent before the peer's FIN arrived (its ACK does not cover it): a simultaneous close.
          snd = peerFinSent && !ev.ackCoversFin ? 'CLOSING' : 'LAST-ACK';
          break;
        default:
          break; // a retransmitted FIN changes nothing
      }
      switch (rcv) {
        case 'ESTABLISHED':
        case 'SYN-RECEIVED':
          rcv = 'CLOSE-WAIT';
          break;
        case 'FIN-WAIT-1':
          rcv = 'CLOSING';
          break;
        case 'FIN-WAIT-2':
          rcv = 'TIME-WAIT';
          break;
        default:
          break;
      }
    }
  }
  if (snd === states[d] && rcv === states[d ^ 1]) return states;
  return d === 0 ? [snd, rcv] : [rcv, snd];
}
