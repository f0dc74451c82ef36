// Data segments and pure acknowledgements, RFC 9293 §3.4 (sequence numbers count bytes; the ACK
// field names the next byte expected) and §3.8.6 (the window a receiver advertises). Numbers are
// relative to each side's ISN, as Wireshark shows them, so a reader can follow byte counts.

import { SPEC } from './spec-refs.ts';
import { isAck, isFin, isRst, isSyn, type PacketContext } from './packet-context.ts';
import { TITLE, type StepWriter } from './step-writer.ts';
import { tcpFlagNames } from '../decode/tcp-flag-names.ts';

export function annotateData(ctx: PacketContext, w: StepWriter): void {
  const r = ctx.row;
  if (r.len === 0) return;
  const len = w.fact('len', r.len);
  const relSeq = w.fact('relSeq', r.relSeq);
  const nextSeq = w.fact('nextSeq', r.relSeq + r.len + (isSyn(r) ? 1 : 0) + (isFin(r) ? 1 : 0));
  w.titled(TITLE.data, 'titleData', { who: ctx.who });
  w.say('data', { who: ctx.who, len, relSeq, nextSeq });
  w.cite(SPEC.tcpSequence);
}

/** A segment with nothing but an acknowledgement: no data, no SYN/FIN/RST, no state change. */
export function annotatePureAck(ctx: PacketContext, w: StepWriter): void {
  const r = ctx.row;
  if (r.len > 0 || isSyn(r) || isFin(r) || isRst(r) || !isAck(r)) return;
  if (ctx.transitions.length > 0 || w.hasTitle) return;
  w.titled(TITLE.ack, 'titleAck', { who: ctx.who });
  const relAck = w.fact('relAck', r.relAck);
  const windowSize = w.fact('windowSize', r.windowSize);
  w.say('pureAck', { who: ctx.who, relAck, windowSize });
  w.cite(SPEC.tcpSequence, SPEC.tcpWindow);
}

/** Last resort, so that no step is left unexplained (e.g. a FIN of a connection caught mid-way). */
export function annotateFallback(ctx: PacketContext, w: StepWriter): void {
  if (w.hasTitle) return;
  const r = ctx.row;
  const flags = tcpFlagNames(r.flags).join(', ') || 'none';
  const relSeq = w.fact('relSeq', r.relSeq);
  const relAck = w.fact('relAck', r.relAck);
  w.titled(TITLE.ack, 'titleData', { who: ctx.who });
  w.say('segment', { who: ctx.who, flags, relSeq, relAck });
  w.cite(SPEC.tcpSequence);
}
