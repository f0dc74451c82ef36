// Tour (e): overhead. The same messages fetched by HTTP polling — one HTTP/1.0 short connection
// per poll (RFC 1945 §1.3) — and carried over one WebSocket (RFC 6455 §5.2 frame headers of 2-14
// bytes): handshakes and header bytes, totalled as on the Compare tab.
import type { TourDef } from '../types.ts';
import { step } from './step.ts';

const poll1 = { application: 'http', nth: 0 } as const;
const pollLast = { application: 'http', nth: -1 } as const;
const ws = { application: 'websocket' } as const;

export const POLLING_OVERHEAD: TourDef = {
  id: 'polling-overhead',
  recording: 'polling-vs-websocket',
  title: { en: 'Overhead: HTTP polling vs WebSocket', zh: '开销：HTTP 轮询 vs WebSocket' },
  summary: {
    en: 'The same 20 messages: a connection per poll, or one WebSocket. Count the handshakes and header bytes.',
    zh: '同样的 20 条消息：每次轮询一条连接，或者一个 WebSocket。数一数握手和头部字节。',
  },
  steps: [
    step(
      'poll-syn',
      'steps',
      poll1,
      { kind: 'syn' },
      'Polling: the client asks "anything new?" {httpConns} times, each poll on a new HTTP/1.0 connection. The first poll starts with a handshake: SYN from port {clientPort}.',
      '轮询：客户端问了 {httpConns} 次"有新消息吗？"，每次轮询都是一条新的 HTTP/1.0 连接。第一次轮询从握手开始：SYN 来自端口 {clientPort}。',
    ),
    step(
      'poll-request',
      'ladder',
      poll1,
      { kind: 'request' },
      'The poll: {method} {target}, {len} bytes, almost all of it HTTP header.',
      '轮询请求：{method} {target}，{len} 字节，几乎全是 HTTP 头部。',
    ),
    step(
      'poll-response',
      'ladder',
      poll1,
      { kind: 'data', from: 'server' },
      'The answer: {len} bytes on the wire for {connPayloadBytes} bytes of payload; then the server closes.',
      '回答：线路上 {len} 字节，其中负载只有 {connPayloadBytes} 字节；随后服务器关闭连接。',
    ),
    step(
      'poll-last',
      'steps',
      pollLast,
      { kind: 'fin' },
      'The last poll closes like all the others ({connPackets} packets each time). Polling in total: {httpHandshakes} handshakes, {httpHeaderBytes} header bytes for {httpPayload} bytes of payload.',
      '最后一次轮询和其他每次一样关闭（每次 {connPackets} 个包）。轮询合计：{httpHandshakes} 次握手，{httpHeaderBytes} 字节头部，负载只有 {httpPayload} 字节。',
    ),
    step(
      'ws-syn',
      'ladder',
      ws,
      { kind: 'syn' },
      'Now the same messages over a WebSocket: one connection, one handshake (SYN from port {clientPort}), one Upgrade.',
      '现在用 WebSocket 传同样的消息：一条连接、一次握手（SYN 来自端口 {clientPort}）、一次 Upgrade。',
    ),
    step(
      'ws-message',
      'websocket',
      ws,
      { kind: 'ws', from: 'client', opcode: 'text' },
      'Each message is one frame: "{wsText}" costs a {wsHeader}-byte WebSocket header for {wsPayload} bytes of payload. No new connection, no HTTP header.',
      '每条消息就是一个帧："{wsText}" 只需 {wsHeader} 字节 WebSocket 帧头，负载 {wsPayload} 字节。没有新连接，也没有 HTTP 头部。',
    ),
    step(
      'ws-last',
      'websocket',
      ws,
      { kind: 'ws', from: 'server', opcode: 'text', nth: -1 },
      'The last echo, "{wsText}". This one connection carried {connWsMessages} messages with {connHandshakes} TCP handshake.',
      '最后一条回显 "{wsText}"。这一条连接承载了 {connWsMessages} 条消息，只有 {connHandshakes} 次 TCP 握手。',
    ),
    step(
      'compare',
      'compare',
      ws,
      { kind: 'last' },
      'The totals, as on the Compare tab: polling {httpHandshakes} handshakes and {httpHeaderBytes} header bytes; WebSocket {wsHandshakes} handshake and {wsHeaderBytes} header bytes, Upgrade included.',
      '合计（同 Compare 标签页）：轮询 {httpHandshakes} 次握手、{httpHeaderBytes} 字节头部；WebSocket {wsHandshakes} 次握手、{wsHeaderBytes} 字节头部（含 Upgrade）。',
    ),
  ],
};
