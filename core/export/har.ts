// HTTP exchanges as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/; W3C draft "HTTP
// Archive (HAR) format"), one entry per exchange with a request, timed from the capture's frames:
//   connect  SYN → ACK of the SYN-ACK (first exchange of a connection only)
//   send     first → last frame of the request
//   wait     last request frame → first response frame
//   receive  first → last frame of the response
// A WebSocket upgrade entry carries the connection's messages in Chrome DevTools' extension
// `_webSocketMessages` ({type: 'send'|'receive', time: epoch seconds, opcode, data}; binary data
// base64). Bodies are not kept by the engine, so `content.text` / `postData.text` are absent or
// empty; sizes are the wire counts (bodySize: body bytes on the wire, content.size: after
// removing the chunked coding).

import type { Connection } from '../tcp/types.ts';
import type { ConnectionDissection } from '../dissect/dispatch.ts';
import type { HttpExchange, HttpHeader, HttpMessage } from '../dissect/http1/types.ts';
import type { WsMessage } from '../dissect/websocket/types.ts';
import type { Timeline } from '../timeline/types.ts';
import { encodeBase64 } from '../bytes/base64.ts';

export interface HarSource {
  connections: Array<{ id: number; tcp: Connection; dissection: ConnectionDissection }>;
  timeline: Timeline;
}

export interface HarOptions {
  /** Only these connection ids (default: all). */
  connections?: readonly number[];
  creatorVersion?: string;
}

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarCookie extends HarNameValue {
  path?: string;
  domain?: string;
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: { mimeType: string; text: string; params?: HarNameValue[] };
  headersSize: number;
  bodySize: number;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarNameValue[];
  content: { size: number; mimeType: string; text?: string };
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarWebSocketMessage {
  type: 'send' | 'receive';
  time: number;
  opcode: number;
  data: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: {
    blocked: number;
    dns: number;
    connect: number;
    send: number;
    wait: number;
    receive: number;
    ssl: number;
  };
  serverIPAddress?: string;
  connection?: string;
  _webSocketMessages?: HarWebSocketMessage[];
}

export interface Har {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] };
}

const OPCODES: Record<WsMessage['type'], number> = { text: 1, binary: 2, close: 8, ping: 9, pong: 10 };

export function toHar(source: HarSource, options: HarOptions = {}): Har {
  const entries: HarEntry[] = [];
  for (const c of source.connections) {
    if (options.connections && !options.connections.includes(c.id)) continue;
    const epochOf = new Map<number, number>();
    const tl = source.timeline.connections.find((t) => t.id === c.id);
    for (const r of tl?.rows ?? []) epochOf.set(r.frame, r.epoch);
    for (const x of c.dissection.http) {
      if (!x.request) continue;
      entries.push(entry(c, x, epochOf));
    }
  }
  entries.sort((a, b) =>
    a.startedDateTime < b.startedDateTime ? -1 : a.startedDateTime > b.startedDateTime ? 1 : 0,
  );
  return {
    log: {
      version: '1.2',
      creator: { name: 'Wirestep', version: options.creatorVersion ?? '0.1.0' },
      entries,
    },
  };
}

function ms(seconds: number): number {
  return Math.max(0, Math.round(seconds * 1e6) / 1e3);
}

function entry(c: HarSource['connections'][number], x: HttpExchange, epochOf: Map<number, number>): HarEntry {
  const req = x.request!;
  const res = x.response;
  const at = (frame: number | null | undefined): number | null =>
    frame == null ? null : (epochOf.get(frame) ?? null);
  const reqStart = at(req.firstFrame) ?? at(x.requestFrame) ?? 0;
  const reqEnd = at(x.requestFrame) ?? reqStart;
  const resStart = at(res?.firstFrame) ?? at(x.responseFrame);
  const resEnd = at(x.responseFrame) ?? resStart;
  const hs = c.tcp.handshake;
  let connect = -1;
  let started = reqStart;
  if (x.index === 0 && hs.syn !== null && hs.ack !== null) {
    const syn = at(hs.syn);
    const ack = at(hs.ack);
    if (syn !== null && ack !== null) {
      connect = ms(ack - syn);
      started = syn;
    }
  }
  const send = ms(reqEnd - reqStart);
  const wait = resStart !== null ? ms(resStart - reqEnd) : 0;
  const receive = resStart !== null && resEnd !== null ? ms(resEnd - resStart) : 0;
  const upgrade = x.upgrade !== null && /websocket/i.test(x.upgrade.protocol);
  const e: HarEntry = {
    startedDateTime: isoTime(started),
    time: Math.round(((connect > 0 ? connect : 0) + send + wait + receive) * 1000) / 1000,
    request: request(req as HttpMessage & { method: string; target: string }, c, upgrade),
    response: response(res),
    cache: {},
    timings: { blocked: -1, dns: -1, connect, send, wait, receive, ssl: -1 },
    serverIPAddress: c.tcp.server.address,
    connection: String(c.id),
  };
  const ws = c.dissection.websocket;
  if (upgrade && ws) {
    e._webSocketMessages = ws.messages.map((m) => ({
      type: m.from === 'client' ? 'send' : 'receive',
      time: epochOf.get(m.lastFrame) ?? 0,
      opcode: OPCODES[m.type],
      data: messageData(m),
    }));
  }
  return e;
}

function messageData(m: WsMessage): string {
  if (m.type === 'text') return m.text ?? '';
  if (m.type === 'binary') return m.data ? encodeBase64(m.data) : '';
  if (m.type === 'close') return m.code !== null ? `${m.code}${m.reason ? ` ${m.reason}` : ''}` : '';
  return m.text ?? m.payloadHex ?? '';
}

function headerValue(headers: HttpHeader[], name: string): string | null {
  const lower = name.toLowerCase();
  const h = headers.find((x) => x.name.toLowerCase() === lower);
  return h ? h.value : null;
}

function request(
  m: HttpMessage & { method: string; target: string },
  c: HarSource['connections'][number],
  upgrade: boolean,
): HarRequest {
  const headers = m.headers.map((h) => ({ name: h.name, value: h.value }));
  const host =
    headerValue(m.headers, 'host') ??
    (c.tcp.server.address.includes(':')
      ? `[${c.tcp.server.address}]:${c.tcp.server.port}`
      : `${c.tcp.server.address}:${c.tcp.server.port}`);
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(m.target)
    ? m.target
    : `${upgrade ? 'ws' : 'http'}://${host}${m.target.startsWith('/') ? '' : '/'}${m.target}`;
  const out: HarRequest = {
    method: m.method,
    url,
    httpVersion: m.version,
    cookies: requestCookies(m.headers),
    headers,
    queryString: queryString(m.target),
    headersSize: m.headerBytes,
    bodySize: m.body ? m.bodyWireBytes : 0,
  };
  if (m.body) out.postData = { mimeType: headerValue(m.headers, 'content-type') ?? '', text: '' };
  return out;
}

function response(m: (HttpMessage & { status: number; reason: string }) | null): HarResponse {
  if (!m) {
    // No response in the capture: HAR's convention for a failed request.
    return {
      status: 0,
      statusText: '',
      httpVersion: '',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    };
  }
  return {
    status: m.status,
    statusText: m.reason,
    httpVersion: m.version,
    cookies: responseCookies(m.headers),
    headers: m.headers.map((h) => ({ name: h.name, value: h.value })),
    content: { size: m.bodyBytes, mimeType: headerValue(m.headers, 'content-type') ?? 'x-unknown' },
    redirectURL: headerValue(m.headers, 'location') ?? '',
    headersSize: m.headerBytes,
    bodySize: m.body ? m.bodyWireBytes : 0,
  };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function queryString(target: string): HarNameValue[] {
  const q = target.indexOf('?');
  if (q < 0) return [];
  const end = target.indexOf('#', q);
  return target
    .slice(q + 1, end < 0 ? undefined : end)
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0
        ? { name: decode(p), value: '' }
        : { name: decode(p.slice(0, eq)), value: decode(p.slice(eq + 1)) };
    });
}

/** RFC 6265 §5.4 Cookie: "a=b; c=d". */
function requestCookies(headers: HttpHeader[]): HarCookie[] {
  const out: HarCookie[] = [];
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'cookie') continue;
    for (const part of h.value.split(';')) {
      const eq = part.indexOf('=');
      if (eq <= 0) continue;
      out.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
    }
  }
  return out;
}

/** RFC 6265 §5.2 Set-Cookie: "name=value; Path=/; Domain=x; Expires=..; HttpOnly; Secure". */
function responseCookies(headers: HttpHeader[]): HarCookie[] {
  const out: HarCookie[] = [];
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'set-cookie') continue;
    const [first, ...attrs] = h.value.split(';');
    const eq = first!.indexOf('=');
    if (eq <= 0) continue;
    const cookie: HarCookie = { name: first!.slice(0, eq).trim(), value: first!.slice(eq + 1).trim() };
    for (const a of attrs) {
      const [k, ...v] = a.split('=');
      const key = k!.trim().toLowerCase();
      const val = v.join('=').trim();
      if (key === 'path') cookie.path = val;
      else if (key === 'domain') cookie.domain = val;
      else if (key === 'expires') cookie.expires = val;
      else if (key === 'httponly') cookie.httpOnly = true;
      else if (key === 'secure') cookie.secure = true;
    }
    out.push(cookie);
  }
  return out;
}

/** ISO 8601 with milliseconds, as HAR's startedDateTime. */
export function isoTime(epoch: number): string {
  const d = new Date(Math.round(epoch * 1000));
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}
