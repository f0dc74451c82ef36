// TLS seen from outside, RFC 8446 §4.1.2: the ClientHello (and its server_name, RFC 6066 §3) is
// the last thing readable; everything after the handshake is application data we cannot open.

import { SPEC } from './spec-refs.ts';
import type { PacketContext } from './packet-context.ts';
import { TITLE, type StepWriter } from './step-writer.ts';
import { wireText } from './wire-text.ts';

export function annotateTls(ctx: PacketContext, w: StepWriter): void {
  const tls = ctx.ix.ca.dissection.tls;
  if (!tls || ctx.row.len === 0) return;
  if (ctx.events?.tlsHello && tls.clientHello) {
    const sni = tls.sni ? w.fact('sni', wireText(tls.sni)) : null;
    w.titled(TITLE.application, 'titleTls');
    w.say('tlsHello', { sni });
    w.cite(SPEC.tlsClientHello);
  } else {
    w.say('tlsData');
  }
}
