// Tour (a): TCP has no "long" or "short" connection. An HTTP/1.0 exchange closed at once and a
// WebSocket kept open start with the same three-way handshake (RFC 9293 §3.5) and end with the
// same FIN exchange (§3.6): only the application decides how long a connection lives.
import type { TourDef } from '../types.ts';
import { step } from './step.ts';

const short = { application: 'http' } as const;
const long = { application: 'websocket' } as const;

export const TCP_SAME_HANDSHAKE: TourDef = {
  id: 'tcp-same-handshake',
  recording: 'short-vs-long',
  title: { en: 'TCP has no "long" or "short"', zh: 'TCP 没有"长连接"和"短连接"' },
  summary: {
    en: 'A short HTTP/1.0 connection and a long-lived WebSocket open with the very same handshake.',
    zh: '一条 HTTP/1.0 短连接和一条长期存在的 WebSocket，用的是完全相同的握手。',
  },
  steps: [
    step(
      'short-syn',
      'ladder',
      short,
      { kind: 'syn' },
      'Two connections to the same server: the first carries one HTTP/1.0 request and closes, the second a WebSocket that stays open. The first opens with SYN: client port {clientPort} → server port {serverPort}, MSS {mss}, window scale {wscale}.',
      '同一台服务器上的两条连接：第一条只承载一个 HTTP/1.0 请求就关闭，第二条承载一直打开的 WebSocket。第一条以 SYN 开始：客户端端口 {clientPort} → 服务器端口 {serverPort}，MSS {mss}，窗口缩放 {wscale}。',
    ),
    step(
      'short-syn-ack',
      'steps',
      short,
      { kind: 'syn-ack' },
      "The server's SYN-ACK: ack {ack} acknowledges the client's SYN (a SYN counts as one byte). Now the client is {clientState}, the server {serverState}.",
      '服务器的 SYN-ACK：ack {ack} 确认了客户端的 SYN（SYN 占用一个序号）。此时客户端处于 {clientState}，服务器处于 {serverState}。',
    ),
    step(
      'short-ack',
      'steps',
      short,
      { kind: 'handshake-ack' },
      "The client's ACK (seq {seq}, ack {ack}) completes the three-way handshake: both sides are {serverState}. Nothing in these three packets says how long the connection will live.",
      '客户端的 ACK（seq {seq}，ack {ack}）完成三次握手：双方都进入 {serverState}。这三个包里没有任何字段说明连接会存活多久。',
    ),
    step(
      'short-response',
      'ladder',
      short,
      { kind: 'data', from: 'server' },
      'One request, one response: the server sends {len} bytes (seq {seq}). HTTP/1.0 ends the exchange by closing the connection.',
      '一个请求，一个响应：服务器发送 {len} 字节（seq {seq}）。HTTP/1.0 用关闭连接来结束这次交换。',
    ),
    step(
      'short-fin',
      'steps',
      short,
      { kind: 'fin' },
      'The server closes: FIN, seq {seq}; it is now {serverState}. The connection lived {connDurationMs} ms and {connPackets} packets: "short" because the application closed it, not because of TCP.',
      '服务器关闭连接：FIN，seq {seq}；它现在处于 {serverState}。这条连接只存活了 {connDurationMs} 毫秒、{connPackets} 个包——它"短"，是因为应用关闭了它，而不是 TCP 的规定。',
    ),
    step(
      'long-syn',
      'steps',
      long,
      { kind: 'syn' },
      'The second connection will carry a WebSocket. Its SYN has the same flags and options: MSS {mss}, window scale {wscale}, from port {clientPort}. Client {clientState}.',
      '第二条连接将承载 WebSocket。它的 SYN 标志和选项完全一样：MSS {mss}，窗口缩放 {wscale}，来自端口 {clientPort}。客户端处于 {clientState}。',
    ),
    step(
      'long-syn-ack',
      'steps',
      long,
      { kind: 'syn-ack' },
      'The same SYN-ACK: ack {ack}. Client {clientState}, server {serverState}.',
      '同样的 SYN-ACK：ack {ack}。客户端 {clientState}，服务器 {serverState}。',
    ),
    step(
      'long-ack',
      'steps',
      long,
      { kind: 'handshake-ack' },
      'The same final ACK (ack {ack}): both {serverState}. Byte for byte, the handshake of a "long" connection is the handshake of a "short" one.',
      '同样的最后一个 ACK（ack {ack}）：双方都是 {serverState}。"长连接"的握手和"短连接"的握手一模一样。',
    ),
    step(
      'long-messages',
      'websocket',
      long,
      { kind: 'ws', from: 'server', opcode: 'text', nth: -1 },
      'What differs is what the application does next: this connection carries {connWsMessages} WebSocket messages over {connDurationMs} ms ({connPackets} packets) with no new handshake.',
      '不同的是应用接下来做什么：这条连接在 {connDurationMs} 毫秒内承载了 {connWsMessages} 条 WebSocket 消息（{connPackets} 个包），没有再次握手。',
    ),
    step(
      'long-fin',
      'ladder',
      long,
      { kind: 'fin' },
      'And it closes the same way: FIN (seq {seq}) when the application is done. TCP has no long or short connections, only connections kept open for a shorter or longer time.',
      '它也以同样的方式关闭：应用结束时发送 FIN（seq {seq}）。TCP 没有长短连接之分，只有被保持得更短或更长的连接。',
    ),
  ],
};
