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
  const out = step(states, ev);
  return out[0] === states[0] && out[1] === states[1] ? states : out;
}

function step(states: readonly [TcpState, TcpState], ev: SegmentEvent): [TcpState, TcpState] {
  const s = ev.direction;
  const r = (s ^ 1) as Direction;
  const out: [TcpState, TcpState] = [states[0], states[1]];
  const f = ev.flags;

  if (f & TcpFlag.RST) {
    out[0] = 'CLOSED';
    out[1] = 'CLOSED';
    return out;
  }

  // Step 1: what the sender acknowledges.
  if (f & TcpFlag.ACK) {
    if (ev.ackCoversSyn && out[r] === 'SYN-RECEIVED' && !(f & TcpFlag.SYN)) out[r] = 'ESTABLISHED';
    if (ev.ackCoversFin) {
      if (out[r] === 'FIN-WAIT-1') out[r] = 'FIN-WAIT-2';
      else if (out[r] === 'CLOSING') out[r] = 'TIME-WAIT';
      else if (out[r] === 'LAST-ACK') out[r] = 'CLOSED';
    }
  }

  // Step 2: the sender's own control bits.
  if (f & TcpFlag.SYN) {
    if (f & TcpFlag.ACK) {
      if (out[s] === 'LISTEN' || out[s] === 'SYN-RECEIVED' || out[s] === 'SYN-SENT' || out[s] === 'CLOSED') {
        out[s] = 'SYN-RECEIVED';
      }
      if (out[r] === 'SYN-SENT' || out[r] === 'SYN-RECEIVED') out[r] = 'ESTABLISHED';
    } else {
      if (out[s] === 'CLOSED' || out[s] === 'LISTEN') out[s] = 'SYN-SENT';
      if (out[r] === 'LISTEN' || out[r] === 'SYN-SENT') out[r] = 'SYN-RECEIVED';
    }
  }
  if (f & TcpFlag.FIN) {
    const peerFinSent =
      out[r] === 'FIN-WAIT-1' ||
      out[r] === 'FIN-WAIT-2' ||
      out[r] === 'CLOSING' ||
      out[r] === 'TIME-WAIT' ||
      out[r] === 'LAST-ACK';
    switch (out[s]) {
      case 'ESTABLISHED':
      case 'SYN-RECEIVED':
      case 'SYN-SENT':
        out[s] = 'FIN-WAIT-1';
        break;
      case 'CLOSE-WAIT':
        // Sent before the peer's FIN arrived (its ACK does not cover it): a simultaneous close.
        out[s] = peerFinSent && !ev.ackCoversFin ? 'CLOSING' : 'LAST-ACK';
        break;
      default:
        break; // a retransmitted FIN changes nothing
    }
    switch (out[r]) {
      case 'ESTABLISHED':
      case 'SYN-RECEIVED':
        out[r] = 'CLOSE-WAIT';
        break;
      case 'FIN-WAIT-1':
        out[r] = 'CLOSING';
        break;
      case 'FIN-WAIT-2':
        out[r] = 'TIME-WAIT';
        break;
      default:
        break;
    }
  }
  return out;
}
