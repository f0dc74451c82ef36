// HTTP/1.x on the wire, RFC 9112: the request line (§3) and status line (§4), how the body length
// is known (§6.3), and above all connection management: persistence (§9.3, HTTP/1.1 keeps the
// connection by default, HTTP/1.0 closes unless keep-alive), pipelining (§9.3.2) and tear-down
// (§9.6, `Connection: close`). The 101 response to an Upgrade (RFC 9110 §7.8, §15.2.2) hands the
// connection to WebSocket, whose Sec-WebSocket-Accept check is RFC 6455 §4.2.2.

import type { HttpExchange } from '../dissect/http1/types.ts';
import { SPEC } from './spec-refs.ts';
import type { PacketContext } from './packet-context.ts';
import { TITLE, type StepWriter } from './step-writer.ts';
import { wireText } from './wire-text.ts';

function request(ctx: PacketContext, w: StepWriter, x: HttpExchange): void {
  const req = x.request!;
  const method = w.fact('method', wireText(req.method));
  const target = w.fact('target', wireText(req.target));
  w.titled(TITLE.application, 'titleRequest', { method, target });
  w.cite(SPEC.httpRequestLine);
  if (!req.headersComplete) {
    // Numbers of a message the capture cut short would describe the capture, not the request.
    w.say('requestTruncated', { method, target });
    return;
  }
  const version = w.fact('version', wireText(req.version));
  const headerBytes = w.fact('headerBytes', req.headerBytes);
  const bodyBytes = req.bodyBytes > 0 && req.complete ? w.fact('requestBodyBytes', req.bodyBytes) : 0;
  w.say('request', { method, target, version, headerBytes, bodyBytes });
  const all = ctx.ix.ca.dissection.http;
  if (x.index > 0) {
    w.say('requestReuse', { requestNumber: w.fact('requestNumber', x.index + 1) });
    w.cite(SPEC.httpPersistence);
    const prev = all[x.index - 1];
    const prevResponse = prev?.responseFirstFrame ?? null;
    if (
      prev &&
      (prevResponse === null || (x.requestFirstFrame !== null && prevResponse > x.requestFirstFrame))
    ) {
      w.say('requestPipelined');
      w.cite(SPEC.httpPipelining);
    }
  }
  if (!req.keepAlive) {
    w.say(req.version === 'HTTP/1.0' ? 'requestHttp10' : 'requestConnectionClose');
    w.cite(SPEC.httpPersistence);
  }
  const up = ctx.ix.ca.dissection.websocket?.upgrade;
  if (x.upgradeRequested && up && up.requestFrame === ctx.row.frame && up.key !== null) {
    w.say('requestUpgrade', { wsKey: w.fact('wsKey', wireText(up.key)) });
    w.cite(SPEC.wsClientHandshake, SPEC.httpUpgrade);
  }
}

function response(ctx: PacketContext, w: StepWriter, x: HttpExchange): void {
  const res = x.response!;
  const ws = ctx.ix.ca.dissection.websocket;
  const status = w.fact('status', res.status);
  if (res.status === 101 && ws?.upgrade && ws.upgrade.responseFrame === ctx.row.frame) {
    w.titled(TITLE.application, 'titleUpgrade');
    const wsAccept = w.fact('wsAccept', wireText(ws.upgrade.accept ?? ''));
    w.say('upgrade', { status, wsAccept, valid: ws.upgrade.acceptValid });
    if (ws.upgrade.acceptValid) w.say('upgradeLong');
    if (ws.permessageDeflate) {
      w.say('upgradeDeflate');
      w.cite(SPEC.permessageDeflate);
    }
    w.cite(SPEC.http101, SPEC.wsServerAccept);
    return;
  }
  const reason = w.fact('reason', wireText(res.reason));
  w.titled(TITLE.application, 'titleResponse', { status, reason });
  if (!res.complete || res.missingBytes > 0) {
    w.say('responseIncomplete', { status, reason });
    w.cite(SPEC.httpStatusLine);
    return;
  }
  const framing = res.framing;
  const bodyBytes = framing === 'none' ? 0 : w.fact('bodyBytes', res.bodyBytes);
  w.say('response', { status, reason, bodyBytes, framing });
  w.cite(SPEC.httpStatusLine, SPEC.httpBodyLength);
  const req = x.request;
  if (!res.keepAlive || (req !== null && !req.keepAlive)) {
    const v10 = res.version === 'HTTP/1.0' || req?.version === 'HTTP/1.0';
    w.say(v10 ? 'responseShortHttp10' : 'responseShortClose');
    w.cite(SPEC.httpTearDown);
  } else if (x.upgrade === null && !x.tunnel) {
    w.say('responseKeepAlive');
    w.cite(SPEC.httpPersistence);
  }
}

export function annotateHttp(ctx: PacketContext, w: StepWriter): void {
  const e = ctx.events;
  if (!e) return;
  for (const x of e.requests) request(ctx, w, x);
  for (const i of e.interim) {
    const status = w.fact('status', i.status);
    const reason = w.fact('reason', wireText(i.reason));
    w.titled(TITLE.application, 'titleResponse', { status, reason });
    w.say('interim', { status, reason });
    w.cite(SPEC.httpStatusLine);
  }
  for (const x of e.responseHeaders) {
    w.say('responseHeaders', { framing: x.response!.framing });
    w.cite(SPEC.httpStatusLine);
  }
  for (const x of e.responses) response(ctx, w, x);
}
