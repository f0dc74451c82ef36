// Tour (b): HTTP/1.0 short connections — one connection per request, closed after the response
// (RFC 1945 §1.3) — and HTTP/1.1 persistent connections as the fix (RFC 9112 §9.3): the same
// three requests, first on three connections, then on one.
import type { TourDef } from '../types.ts';
import { step } from './step.ts';

const first = { exchanges: 'one', nth: 0 } as const;
const keep = { exchanges: 'many' } as const;

export const HTTP_SHORT_VS_KEEPALIVE: TourDef = {
  id: 'http-short-vs-keepalive',
  recording: 'http10-vs-keepalive',
  title: {
    en: 'HTTP/1.0 short connections, HTTP/1.1 keep-alive',
    zh: 'HTTP/1.0 短连接与 HTTP/1.1 keep-alive',
  },
  summary: {
    en: 'Three files: one handshake and one close per request, then all three on one kept-alive connection.',
    zh: '三个文件：每个请求一次握手、一次关闭；然后三个请求共用一条保持打开的连接。',
  },
  steps: [
    step(
      'first-syn',
      'ladder',
      first,
      { kind: 'syn' },
      'HTTP/1.0, three files. First request, first connection: SYN from port {clientPort} to {serverPort}.',
      'HTTP/1.0，三个文件。第一个请求，第一条连接：SYN 从端口 {clientPort} 发往 {serverPort}。',
    ),
    step(
      'first-request',
      'ladder',
      first,
      { kind: 'request' },
      'After the handshake, the request: {method} {target} {version}, {len} bytes.',
      '握手之后才是请求：{method} {target} {version}，{len} 字节。',
    ),
    step(
      'first-response',
      'ladder',
      first,
      { kind: 'data', from: 'server' },
      'The response: {len} bytes (seq {seq}, ack {ack}).',
      '响应：{len} 字节（seq {seq}，ack {ack}）。',
    ),
    step(
      'first-fin',
      'steps',
      first,
      { kind: 'fin' },
      'The server closes right after the response: FIN, seq {seq}; server {serverState}. One request cost {connPackets} packets, a handshake and a teardown.',
      '服务器在响应之后立刻关闭：FIN，seq {seq}；服务器处于 {serverState}。一个请求花费了 {connPackets} 个包、一次握手和一次挥手。',
    ),
    step(
      'second-syn',
      'ladder',
      { exchanges: 'one', nth: 1 },
      { kind: 'syn' },
      'The next file needs a new connection: a new handshake, from a new port {clientPort}.',
      '下一个文件需要一条新连接：新的握手，来自新的端口 {clientPort}。',
    ),
    step(
      'third-fin',
      'ladder',
      { exchanges: 'one', nth: 2 },
      { kind: 'fin' },
      'Third file, third connection, third close (FIN, seq {seq}). {shortConns} requests cost {shortHandshakes} handshakes and {shortHeaderBytes} bytes of headers.',
      '第三个文件，第三条连接，第三次关闭（FIN，seq {seq}）。{shortConns} 个请求花费了 {shortHandshakes} 次握手和 {shortHeaderBytes} 字节的头部。',
    ),
    step(
      'keepalive-syn',
      'ladder',
      keep,
      { kind: 'syn' },
      'HTTP/1.1 keep-alive, the fix: one handshake, from port {clientPort}, for all {connExchanges} requests.',
      'HTTP/1.1 keep-alive 是解决办法：一次握手（端口 {clientPort}）服务全部 {connExchanges} 个请求。',
    ),
    step(
      'keepalive-second',
      'http',
      keep,
      { kind: 'request', nth: 1 },
      'The second request, {method} {target}, goes on the open connection: no SYN before it; its seq {seq} continues where the first request ended.',
      '第二个请求 {method} {target} 走在已打开的连接上：之前没有 SYN；它的 seq {seq} 接着第一个请求继续编号。',
    ),
    step(
      'keepalive-third',
      'http',
      keep,
      { kind: 'request', nth: 2 },
      'The third request, {target}: same connection, seq {seq}.',
      '第三个请求 {target}：同一条连接，seq {seq}。',
    ),
    step(
      'keepalive-fin',
      'steps',
      keep,
      { kind: 'fin' },
      'The connection closes only when the client is done: FIN from port {srcPort}, client {clientState}. {keepAliveMessages} requests, {keepAliveHandshakes} handshake, {keepAliveHeaderBytes} header bytes (the short connections: {shortHeaderBytes}).',
      '只有客户端用完后连接才关闭：FIN 来自端口 {srcPort}，客户端处于 {clientState}。{keepAliveMessages} 个请求，{keepAliveHandshakes} 次握手，{keepAliveHeaderBytes} 字节头部（短连接为 {shortHeaderBytes} 字节）。',
    ),
  ],
};
