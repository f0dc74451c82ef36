// WebSocket frames and messages, RFC 6455: base framing (§5.2), client-to-server masking (§5.3,
// a client frame without a mask is a protocol error), fragmentation (§5.4), control frames Close
// (§5.5.1, status codes §7.4.1), Ping and Pong (§5.5.2, §5.5.3), data frames (§5.6), and
// permessage-deflate (RFC 7692 §7: RSV1 marks a compressed message).

import type { WsFrame, WsMessage } from '../dissect/websocket/types.ts';
import { SPEC } from './spec-refs.ts';
import type { PacketContext } from './packet-context.ts';
import { TITLE, type StepWriter } from './step-writer.ts';
import { wireText } from './wire-text.ts';

function frame(ctx: PacketContext, w: StepWriter, f: WsFrame): void {
  w.titled(TITLE.application, 'titleWs', { who: f.from, opcode: f.opcode });
  const wsLen = w.fact('wsLen', f.length);
  if (f.from === 'client' && f.masked && f.maskKey !== null) {
    const maskKey = w.fact('maskKey', f.maskKey);
    w.say('wsFrameClient', { opcode: f.opcode, wsLen, maskKey, fin: f.fin });
    w.cite(SPEC.wsMasking);
  } else if (f.from === 'client') {
    w.say('wsFrameUnmaskedClient', { opcode: f.opcode, wsLen });
    w.cite(SPEC.wsMasking);
  } else {
    w.say('wsFrameServer', { opcode: f.opcode, wsLen, fin: f.fin });
    w.cite(SPEC.wsFraming);
  }
  if (!f.fin || f.opcode === 0) w.cite(SPEC.wsFragmentation);
  if ((f.rsv & 4) !== 0 && ctx.ix.ca.dissection.websocket?.permessageDeflate) {
    w.say('wsCompressed');
    w.cite(SPEC.permessageDeflate);
  }
}

function previousDataMessage(ctx: PacketContext, m: WsMessage): WsMessage | null {
  const all = ctx.ix.ca.dissection.websocket!.messages;
  for (let i = (ctx.ix.messageIndex.get(m) ?? 0) - 1; i >= 0; i--) {
    const p = all[i]!;
    if (p.type === 'text' || p.type === 'binary') return p;
  }
  return null;
}

function message(ctx: PacketContext, w: StepWriter, m: WsMessage): void {
  switch (m.type) {
    case 'text':
    case 'binary':
      if (m.type === 'text' && m.text !== null && !m.incomplete)
        w.say('wsText', { text: w.fact('text', wireText(m.text)) });
      if (m.from === 'server' && previousDataMessage(ctx, m)?.from === 'server') w.say('wsPush');
      if (previousDataMessage(ctx, m) === null && ctx.ix.ca.dissection.websocket?.upgrade)
        w.say('wsSameConnection');
      w.cite(SPEC.wsData);
      return;
    case 'ping':
      w.say('wsPing').cite(SPEC.wsPing);
      return;
    case 'pong':
      w.say('wsPong').cite(SPEC.wsPong);
      return;
    case 'close': {
      const all = ctx.ix.ca.dissection.websocket!.messages;
      const idx = ctx.ix.messageIndex.get(m) ?? 0;
      const first = !all.slice(0, idx).some((p) => p.type === 'close' && p.from !== m.from);
      const closeCode = m.code === null ? null : w.fact('closeCode', m.code);
      const reason = m.reason ? w.fact('closeReason', wireText(m.reason)) : '';
      w.say('wsClose', { closeCode, reason, first, who: m.from });
      w.cite(SPEC.wsClose, SPEC.wsStatusCodes);
      if (!first) w.cite(SPEC.wsCloseTcp);
      return;
    }
  }
}

export function annotateWebSocket(ctx: PacketContext, w: StepWriter): void {
  const e = ctx.events;
  if (!e) return;
  for (const f of e.wsFrames) frame(ctx, w, f);
  for (const m of e.wsMessages) message(ctx, w, m);
}
