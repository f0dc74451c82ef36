// Closing a connection, RFC 9293 §3.6 (Figure 12/13): the side that sends the first FIN goes
// FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT, the other CLOSE-WAIT → LAST-ACK → CLOSED; a simultaneous
// close passes through CLOSING. TIME-WAIT lasts 2×MSL so the last ACK can be repeated and old
// duplicates expire. The text follows the state transitions the packet caused (core/tcp).

import { SPEC } from './spec-refs.ts';
import { isFin, isRst, moved, type PacketContext } from './packet-context.ts';
import { TITLE, type StepWriter } from './step-writer.ts';
import type { Side } from './types.ts';

function timeWaitSide(ctx: PacketContext): Side | null {
  const s = ctx.row.states;
  return s[0] === 'TIME-WAIT' ? 'client' : s[1] === 'TIME-WAIT' ? 'server' : null;
}

export function annotateTeardown(ctx: PacketContext, w: StepWriter): void {
  const r = ctx.row;
  if (isRst(r)) return;
  const { who, peer } = ctx;
  if (isFin(r)) {
    if (moved(ctx, who, 'FIN-WAIT-1')) {
      w.titled(TITLE.teardown, 'titleFin', { who });
      w.say('finFirst', { who });
      w.cite(SPEC.tcpClosing, SPEC.tcpStates);
    } else if (moved(ctx, who, 'LAST-ACK')) {
      w.titled(TITLE.teardown, 'titleFin', { who });
      w.say('finSecond', { who, timeWait: moved(ctx, peer, 'TIME-WAIT') ? peer : null });
      w.cite(SPEC.tcpClosing, SPEC.tcpStates);
    } else if (moved(ctx, who, 'CLOSING') || moved(ctx, peer, 'CLOSING')) {
      w.titled(TITLE.teardown, 'titleFin', { who });
      w.say('finSimultaneous', { who });
      w.cite(SPEC.tcpClosing);
    }
    return;
  }
  if (moved(ctx, peer, 'FIN-WAIT-2', 'FIN-WAIT-1')) {
    w.titled(TITLE.teardown, 'titleFinAcked', { who });
    w.say('finAcked', { who });
    w.cite(SPEC.tcpClosing);
  } else if (moved(ctx, peer, 'CLOSED', 'LAST-ACK')) {
    w.titled(TITLE.teardown, 'titleLastAck');
    w.say('lastAck', { who, timeWait: timeWaitSide(ctx) });
    w.cite(SPEC.tcpClosing, SPEC.tcpStates);
  } else if (moved(ctx, peer, 'TIME-WAIT', 'CLOSING')) {
    w.titled(TITLE.teardown, 'titleFinAcked', { who });
    w.say('closingTimeWait', { who: peer });
    w.cite(SPEC.tcpClosing);
  }
}
