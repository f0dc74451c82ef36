// Tour (c): the socket API over TCP. What each side's application most likely called (socket,
// bind, listen, connect, accept, send, recv, close) next to the segments those calls cause
// (RFC 9293 §3.5 opening, §3.6 closing; the user interface of §3.9.1).
import type { TourDef } from '../types.ts';
import { step } from './step.ts';

const c = { application: 'http', nth: 0 } as const;

export const SOCKET_API: TourDef = {
  id: 'socket-api',
  recording: 'http10-short',
  title: { en: 'The socket API over TCP', zh: 'TCP 之上的 socket API' },
  summary: {
    en: 'connect, accept, send, recv, close: which call makes which packet, on one HTTP/1.0 request.',
    zh: 'connect、accept、send、recv、close：在一个 HTTP/1.0 请求上看哪个调用产生哪个包。',
  },
  steps: [
    step(
      'connect',
      'steps',
      c,
      { kind: 'syn' },
      "A socket is the operating system's API over TCP. The server called socket(), bind() and listen() — nothing on the wire. The client's connect() sends this SYN (port {clientPort} → {serverPort}): client {clientState}, server {serverState}.",
      'socket 是操作系统在 TCP 之上提供的 API。服务器先调用了 socket()、bind()、listen()——线路上什么也看不到。客户端的 connect() 发出这个 SYN（端口 {clientPort} → {serverPort}）：客户端 {clientState}，服务器 {serverState}。',
    ),
    step(
      'kernel-syn-ack',
      'steps',
      c,
      { kind: 'syn-ack' },
      "The server's kernel answers SYN-ACK (ack {ack}) on its own: the application has not called accept() yet.",
      '服务器内核自己回复 SYN-ACK（ack {ack}）：此时应用还没有调用 accept()。',
    ),
    step(
      'accept',
      'steps',
      c,
      { kind: 'handshake-ack' },
      "This ACK completes the handshake: the client's connect() returns, and the server's accept() can hand the application a new socket. Both are {clientState}.",
      '这个 ACK 完成了握手：客户端的 connect() 返回，服务器的 accept() 可以把一个新 socket 交给应用。双方都处于 {clientState}。',
    ),
    step(
      'send-request',
      'steps',
      c,
      { kind: 'request' },
      "send(): the client writes {len} bytes ({method} {target}), seq {seq}. The server's recv() returns them; TCP itself knows nothing of HTTP.",
      'send()：客户端写入 {len} 字节（{method} {target}），seq {seq}。服务器的 recv() 读到它们；TCP 本身对 HTTP 一无所知。',
    ),
    step(
      'send-response',
      'steps',
      c,
      { kind: 'data', from: 'server' },
      "The server's send(): {len} bytes of response. Its ack {ack} says every byte of the request arrived.",
      '服务器的 send()：{len} 字节的响应。它的 ack {ack} 表示请求的每个字节都已收到。',
    ),
    step(
      'server-close',
      'steps',
      c,
      { kind: 'fin' },
      "close() on the server sends FIN (seq {seq}): server {serverState}. The client's next recv() will return zero: end of stream.",
      '服务器调用 close() 发出 FIN（seq {seq}）：服务器进入 {serverState}。客户端下一次 recv() 将返回零，表示数据流结束。',
    ),
    step(
      'client-close',
      'steps',
      c,
      { kind: 'fin', nth: 1 },
      'The client reads end of stream and calls close() too: FIN, ack {ack}. Client {clientState}.',
      '客户端读到数据流结束，也调用 close()：FIN，ack {ack}。客户端进入 {clientState}。',
    ),
    step(
      'time-wait',
      'steps',
      c,
      { kind: 'last' },
      'The last ACK (ack {ack}). The side that closed first now waits in {serverState}, so that late segments cannot be mistaken for a new connection on the same ports.',
      '最后一个 ACK（ack {ack}）。先关闭的一方现在处于 {serverState} 等待，以免迟到的报文被误认为同一对端口上的新连接。',
    ),
  ],
};
