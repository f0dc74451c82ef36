// The three-way handshake, RFC 9293 §3.5 (Figure 6): SYN carries the client's initial sequence
// number (ISN) and options (MSS §3.7.1, window scale RFC 7323 §2, SACK-permitted RFC 2018), the
// SYN-ACK acknowledges ISN+1 and carries the server's ISN (SYN-SENT processing, §3.10.7.3), and the
// final ACK acknowledges the server's ISN+1. Both ends are ESTABLISHED after it.

import { millis } from './wire-text.ts';
import { SPEC } from './spec-refs.ts';
import { isAck, isRst, isSyn, moved, type PacketContext } from './packet-context.ts';
import { TITLE, type StepWriter } from './step-writer.ts';
import type { SynOptions } from './messages.ts';

function options(ctx: PacketContext, w: StepWriter): SynOptions {
  const o: SynOptions = {};
  const r = ctx.row;
  if (r.mss !== undefined) o.mss = w.fact('mss', r.mss);
  if (r.windowScale !== undefined) o.windowScale = w.fact('windowScale', r.windowScale);
  if (r.sackPermitted) o.sackPermitted = true;
  return o;
}

function cites(ctx: PacketContext, w: StepWriter): void {
  if (ctx.row.mss !== undefined) w.cite(SPEC.tcpMss);
  if (ctx.row.windowScale !== undefined) w.cite(SPEC.windowScale);
  if (ctx.row.sackPermitted) w.cite(SPEC.sack);
}

export function annotateHandshake(ctx: PacketContext, w: StepWriter): void {
  const r = ctx.row;
  const tcp = ctx.ix.ca.tcp;
  if (tcp.clientInferred && r.frame === tcp.frames[0]) w.say('midstream');
  if (isRst(r)) return;
  if (isSyn(r) && !isAck(r)) {
    const from = ctx.who === 'client' ? ctx.ix.client : ctx.ix.server;
    const to = ctx.who === 'client' ? ctx.ix.server : ctx.ix.client;
    w.titled(TITLE.handshake, 'titleSyn', { who: ctx.who });
    w.fact('client', from);
    w.fact('server', to);
    const isn = w.fact('isn', r.seq);
    w.say('syn', { who: ctx.who, from, to, isn, ...options(ctx, w) });
    const prev = ctx.ix.previousToServer;
    if (prev && ctx.who === 'client') {
      // Why HTTP/1.0 is "short": every further request pays this handshake again.
      const short = prev.dissection.httpSummary?.shortConnection === true && prev.tcp.close.kind !== 'none';
      w.say('synAgain', { server: to, short });
      if (short) w.cite(SPEC.httpTearDown);
    }
    w.cite(SPEC.tcpHandshake, SPEC.tcpStates);
    cites(ctx, w);
    return;
  }
  if (isSyn(r) && isAck(r)) {
    const from = ctx.who === 'server' ? ctx.ix.server : ctx.ix.client;
    w.titled(TITLE.handshake, 'titleSynAck', { who: ctx.who });
    w.fact('server', from);
    const ack = w.fact('ack', r.ack);
    const isn = w.fact('isn', r.seq);
    w.say('synAck', { who: ctx.who, from, ack, isn, ...options(ctx, w) });
    if (tcp.handshake.syn === null) w.say('synMissing');
    w.cite(SPEC.tcpHandshake, SPEC.tcpSynSent);
    cites(ctx, w);
    return;
  }
  // The ACK that completes the handshake: the one the TCP stage recorded, or any ACK moving the
  // SYN-RECEIVED side to ESTABLISHED.
  const completes = r.frame === tcp.handshake.ack || moved(ctx, ctx.peer, 'ESTABLISHED', 'SYN-RECEIVED');
  if (!completes || !isAck(r)) return;
  w.titled(TITLE.handshake, 'titleHandshakeAck');
  const ack = w.fact('ack', r.ack);
  // Quote the RTT only for a handshake captured in order (a reordered or clock-skewed capture
  // gives a meaningless number).
  const h = tcp.handshake;
  const inOrder = h.syn !== null && h.synAck !== null && h.syn < h.synAck && h.synAck < r.frame;
  const rtt =
    r.frame === h.ack && inOrder && tcp.initialRtt !== null && tcp.initialRtt > 0
      ? w.fact('rttMs', millis(tcp.initialRtt))
      : null;
  w.say('handshakeAck', { who: ctx.who, ack, rttMs: rtt });
  w.cite(SPEC.tcpHandshake, SPEC.tcpStates);
}
