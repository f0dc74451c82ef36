// The BSD socket calls an application most likely made around each packet. A capture cannot see
// system calls, so every call is inferred from what the kernel put on the wire:
//   socket()/bind()/listen() on the server before the first SYN reaches it; connect() makes the
//   client kernel send the SYN and returns once the SYN-ACK arrives; accept() returns when the
//   final ACK completes the handshake (RFC 9293 §3.5); send() becomes data segments and recv()
//   returns them on the other side; close() or shutdown(SHUT_WR) makes a FIN (§3.6) and the
//   peer's recv() then returns 0; close() with SO_LINGER {on, 0} (or a crash) makes an RST
//   (§3.5.2), and the peer's next call fails with ECONNRESET.

import { Analysis } from '../tcp/types.ts';
import { isFin, isRst, isSyn, isAck, moved, type PacketContext } from './packet-context.ts';
import type { StepWriter } from './step-writer.ts';

const RETRANSMITTED =
  Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION;

export function inferSocketCalls(ctx: PacketContext, w: StepWriter): void {
  const r = ctx.row;
  const { who, peer } = ctx;
  const server = ctx.ix.ca.tcp.server;

  if (isRst(r)) {
    w.call(who, 'close', 'sockAbort');
    if (r.statesBefore[peer === 'client' ? 0 : 1] !== 'CLOSED') w.call(peer, 'recv', 'sockReset');
    return;
  }
  if (isSyn(r) && !isAck(r) && who === 'client') {
    if (ctx.showListen) {
      w.call('server', 'socket', 'sockServerSocket');
      w.call('server', 'bind', 'sockBind', { port: server.port });
      w.call('server', 'listen', 'sockListen');
    }
    w.call('client', 'socket', 'sockClientSocket');
    w.call('client', 'connect', 'sockConnect', { to: ctx.ix.server });
  }
  if (moved(ctx, 'client', 'ESTABLISHED', 'SYN-SENT')) w.call('client', 'connect', 'sockConnectReturns');
  if (moved(ctx, 'server', 'ESTABLISHED', 'SYN-RECEIVED')) w.call('server', 'accept', 'sockAccept');

  if (r.len > 0 && (r.analysis & RETRANSMITTED) === 0) {
    w.call(who, 'send', 'sockSend', { len: r.len });
    w.call(peer, 'recv', 'sockRecv', { len: r.len });
  }
  if (isFin(r)) {
    const first = moved(ctx, who, 'FIN-WAIT-1') || moved(ctx, who, 'CLOSING');
    const second = moved(ctx, who, 'LAST-ACK');
    if (first)
      w.call(who, ctx.ix.halfClosed.has(who) ? 'shutdown' : 'close', 'sockFinClose', { first: true });
    else if (second) w.call(who, 'close', 'sockFinClose', { first: false });
    // Only a peer that has not closed yet is still reading.
    if (moved(ctx, peer, 'CLOSE-WAIT')) w.call(peer, 'recv', 'sockRecvEof');
  }
}
