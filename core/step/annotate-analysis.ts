// Events of tshark's TCP sequence analysis (tcp.analysis.*), explained: retransmissions (RFC 6298
// timer, RFC 5681 §3.2 fast retransmit), duplicate ACKs (RFC 5681 §2), zero windows and probes
// (RFC 9293 §3.8.6.1), keep-alives (§3.8.4), window updates (§3.8.6).

import { Analysis } from '../tcp/types.ts';
import { SPEC } from './spec-refs.ts';
import type { PacketContext } from './packet-context.ts';
import { TITLE, type StepWriter } from './step-writer.ts';

export function annotateAnalysis(ctx: PacketContext, w: StepWriter): void {
  const r = ctx.row;
  const a = r.analysis;
  if (a === 0) return;
  if (a & Analysis.SPURIOUS_RETRANSMISSION) {
    w.titled(TITLE.analysis, 'titleRetransmission').say('spuriousRetransmission').cite(SPEC.rto);
  } else if (a & Analysis.FAST_RETRANSMISSION) {
    w.titled(TITLE.analysis, 'titleRetransmission').say('fastRetransmission').cite(SPEC.fastRetransmit);
  } else if (a & Analysis.RETRANSMISSION) {
    w.titled(TITLE.analysis, 'titleRetransmission').say('retransmission').cite(SPEC.rto);
  }
  if (a & Analysis.OUT_OF_ORDER)
    w.titled(TITLE.analysis, 'titleAnalysis').say('outOfOrder').cite(SPEC.tcpSequence);
  if (a & Analysis.DUPLICATE_ACK && r.dupAckOf !== undefined && r.dupAckCount !== undefined) {
    const dupAckCount = w.fact('dupAckCount', r.dupAckCount);
    const dupAckOf = w.fact('dupAckOf', r.dupAckOf);
    w.titled(TITLE.analysis, 'titleDupAck')
      .say('dupAck', { dupAckCount, dupAckOf })
      .cite(SPEC.fastRetransmit);
  }
  if (a & Analysis.ZERO_WINDOW)
    w.titled(TITLE.analysis, 'titleAnalysis').say('zeroWindow', { who: ctx.who }).cite(SPEC.tcpWindow);
  if (a & Analysis.ZERO_WINDOW_PROBE)
    w.titled(TITLE.analysis, 'titleAnalysis').say('zeroWindowProbe').cite(SPEC.tcpWindow);
  if (a & Analysis.ZERO_WINDOW_PROBE_ACK) w.say('zeroWindowProbeAck');
  if (a & Analysis.KEEP_ALIVE)
    w.titled(TITLE.analysis, 'titleAnalysis').say('keepAlive').cite(SPEC.tcpKeepAlive);
  if (a & Analysis.KEEP_ALIVE_ACK) w.say('keepAliveAck').cite(SPEC.tcpKeepAlive);
  if (a & Analysis.WINDOW_UPDATE) {
    const windowSize = w.fact('windowSize', r.windowSize);
    w.titled(TITLE.analysis, 'titleAnalysis').say('windowUpdate', { windowSize }).cite(SPEC.tcpWindow);
  }
  if (a & Analysis.WINDOW_FULL) w.say('windowFull').cite(SPEC.tcpWindow);
  if (a & Analysis.LOST_SEGMENT) w.say('lostSegment');
  if (a & Analysis.ACKED_UNSEEN) w.say('ackedUnseen');
  if (a & Analysis.REUSED_PORTS) w.say('reusedPorts');
}
