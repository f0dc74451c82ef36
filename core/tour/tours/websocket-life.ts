// Tour (d): a WebSocket's life (RFC 6455): the HTTP/1.1 Upgrade and 101 (§4.1, §4.2.2), then one
// long-lived full-duplex TCP connection carrying masked client frames and unmasked server frames
// (§5.2, §5.3), server push, ping/pong (§5.5.2, §5.5.3) and the close handshake (§5.5.1, §7).
import type { TourDef } from '../types.ts';
import { step } from './step.ts';

const ws = { application: 'websocket' } as const;

export const WEBSOCKET_LIFE: TourDef = {
  id: 'websocket-life',
  recording: 'websocket-chat',
  title: { en: 'A WebSocket, from Upgrade to close', zh: 'WebSocket：从 Upgrade 到关闭' },
  summary: {
    en: 'Upgrade, 101, then one full-duplex connection: messages both ways, server push, ping/pong, close.',
    zh: 'Upgrade、101，然后是一条全双工连接：双向消息、服务器推送、ping/pong、关闭握手。',
  },
  steps: [
    step(
      'syn',
      'ladder',
      ws,
      { kind: 'syn' },
      'A WebSocket starts as an ordinary TCP connection: SYN from port {clientPort} to {serverPort}.',
      'WebSocket 以一条普通的 TCP 连接开始：SYN 从端口 {clientPort} 发往 {serverPort}。',
    ),
    step(
      'upgrade',
      'http',
      ws,
      { kind: 'request' },
      'Then an HTTP/1.1 request, {method} {target} ({len} bytes), asks to switch protocols: Upgrade: websocket, with Sec-WebSocket-Key {wsKey}.',
      '接着是一个 HTTP/1.1 请求 {method} {target}（{len} 字节），要求切换协议：Upgrade: websocket，Sec-WebSocket-Key 为 {wsKey}。',
    ),
    step(
      'switching',
      'http',
      ws,
      { kind: 'response' },
      'The server agrees: {status} Switching Protocols, Sec-WebSocket-Accept {wsAccept} (SHA-1 of the key and the RFC 6455 GUID). After this packet the bytes are WebSocket frames, not HTTP.',
      '服务器同意：{status} Switching Protocols，Sec-WebSocket-Accept 为 {wsAccept}（由 key 与 RFC 6455 GUID 做 SHA-1 得到）。从这个包之后，字节流就是 WebSocket 帧而不是 HTTP 了。',
    ),
    step(
      'client-text',
      'websocket',
      ws,
      { kind: 'ws', from: 'client', opcode: 'text' },
      'The client\'s first message, "{wsText}": a text frame with a {wsHeader}-byte header and {wsPayload} bytes of payload, masked with key {maskKey} (clients always mask).',
      '客户端的第一条消息 "{wsText}"：一个文本帧，{wsHeader} 字节帧头、{wsPayload} 字节负载，使用掩码 {maskKey}（客户端总是加掩码）。',
    ),
    step(
      'server-text',
      'websocket',
      ws,
      { kind: 'ws', from: 'server', opcode: 'text' },
      'The server answers on the same connection, unmasked: "{wsText}", a {wsHeader}-byte header and {wsPayload} bytes. No new request, no new handshake.',
      '服务器在同一条连接上回复，不加掩码："{wsText}"，{wsHeader} 字节帧头、{wsPayload} 字节负载。没有新请求，也没有新握手。',
    ),
    step(
      'ping',
      'websocket',
      ws,
      { kind: 'ws', from: 'client', opcode: 'ping' },
      'A ping: a control frame ({wsPayload} bytes of payload) asking "are you still there?"',
      '一个 ping 控制帧（负载 {wsPayload} 字节），在问"你还在吗？"',
    ),
    step(
      'pong',
      'websocket',
      ws,
      { kind: 'ws', from: 'server', opcode: 'pong' },
      "The pong echoes the ping's payload ({wsPayload} bytes).",
      'pong 原样带回 ping 的负载（{wsPayload} 字节）。',
    ),
    step(
      'push',
      'websocket',
      ws,
      { kind: 'ws', from: 'server', opcode: 'text', text: 'push' },
      'Server push: "{wsText}", sent by the server with no request before it. Both sides send whenever they like: full duplex.',
      '服务器推送："{wsText}"，服务器在没有任何请求的情况下主动发送。双方随时都可以发送：全双工。',
    ),
    step(
      'client-close',
      'websocket',
      ws,
      { kind: 'ws', from: 'client', opcode: 'close' },
      'The client starts the close handshake: a Close frame with code {closeCode}.',
      '客户端发起关闭握手：一个 Close 帧，状态码 {closeCode}。',
    ),
    step(
      'server-close',
      'websocket',
      ws,
      { kind: 'ws', from: 'server', opcode: 'close' },
      'The server answers with its own Close (code {closeCode}).',
      '服务器用自己的 Close 帧回应（状态码 {closeCode}）。',
    ),
    step(
      'tcp-fin',
      'steps',
      ws,
      { kind: 'fin' },
      'Only then does TCP close: FIN from port {srcPort}, server {serverState}. One connection: {connPackets} packets, {connWsMessages} messages, {connHandshakes} TCP handshake.',
      '这之后 TCP 才关闭：FIN 来自端口 {srcPort}，服务器处于 {serverState}。一条连接：{connPackets} 个包，{connWsMessages} 条消息，{connHandshakes} 次 TCP 握手。',
    ),
    step(
      'tcp-last',
      'steps',
      ws,
      { kind: 'last' },
      'The last ACK (ack {ack}) ends the connection that carried the whole conversation: client {clientState}, server {serverState}.',
      '最后一个 ACK（ack {ack}）结束了承载整段对话的这条连接：客户端 {clientState}，服务器 {serverState}。',
    ),
  ],
};
