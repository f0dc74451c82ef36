// Abortive close, RFC 9293 §3.5.2 (reset generation) and §3.5.3 (reset processing): an RST tears
// the connection down at once; queued and in-flight data is discarded and there is no TIME-WAIT.

import { SPEC } from './spec-refs.ts';
import { isRst, type PacketContext } from './packet-context.ts';
import { TITLE, type StepWriter } from './step-writer.ts';

export function annotateReset(ctx: PacketContext, w: StepWriter): void {
  if (!isRst(ctx.row)) return;
  w.titled(TITLE.reset, 'titleRst', { who: ctx.who });
  w.say('rst', { who: ctx.who });
  const http = ctx.ix.ca.dissection.http;
  const unanswered = http.some(
    (x) =>
      x.request !== null && x.response === null && x.requestFrame !== null && x.requestFrame <= ctx.row.frame,
  );
  if (unanswered) w.say('rstUnanswered');
  w.cite(SPEC.tcpResetGeneration, SPEC.tcpResetProcessing);
}
