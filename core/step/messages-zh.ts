// 步骤注释的中文版（见 messages.ts）。纯文本；数字只通过参数传入。

import type { Catalog, SynOptions } from './messages.ts';
import type { Side } from './types.ts';

const SIDE: Record<Side, string> = { client: '客户端', server: '服务器' };
const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

function synOptions(p: SynOptions): string {
  let s = '';
  if (p.mss !== undefined) s += `，MSS（最大报文段长度）${p.mss}`;
  if (p.windowScale !== undefined) s += `，窗口缩放因子 ${p.windowScale}`;
  if (p.sackPermitted) s += '，支持 SACK（选择性确认）';
  return s;
}

const FRAMING = {
  'content-length': '长度由 Content-Length 给出',
  chunked: '以分块方式发送（Transfer-Encoding: chunked）',
  close: '直到服务器关闭连接才结束',
  none: '',
} as const;

const KINDS: Record<number, string> = {
  0: '延续帧',
  1: '文本帧',
  2: '二进制帧',
  8: 'Close（关闭）帧',
  9: 'Ping 帧',
  10: 'Pong 帧',
};

const CLOSE_CODES: Record<number, string> = {
  1000: '正常关闭',
  1001: '端点离开，例如页面跳转或服务器下线',
  1002: '协议错误',
  1003: '收到无法接受的数据类型',
  1005: '没有状态码',
  1006: '异常关闭，没有收到 Close 帧',
  1007: '数据无效，例如文本不是合法的 UTF-8',
  1008: '违反策略',
  1009: '消息过大，无法处理',
  1010: '缺少必需的扩展',
  1011: '服务器内部错误',
  1012: '服务重启',
  1013: '请稍后重试',
  1014: '网关错误',
  1015: 'TLS 握手失败',
};

function closeMeaningZh(code: number): string | null {
  return (
    CLOSE_CODES[code] ??
    (code >= 4000 && code <= 4999
      ? '应用自定义的状态码'
      : code >= 3000 && code <= 3999
        ? '由库或框架注册的状态码'
        : null)
  );
}

export const ZH: Catalog = {
  side: (s) => SIDE[s],

  titleSyn: ({ who }) => `SYN：${SIDE[who]}请求建立连接`,
  syn: (p) =>
    `${SIDE[p.who]} ${p.from} 向 ${p.to} 发起连接：SYN，初始序列号 ${p.isn}${synOptions(p)}。` +
    `这是三次握手的第一个报文，${SIDE[p.who]}进入 SYN-SENT 状态。`,
  synAgain: (p) =>
    p.short
      ? `上一条到 ${p.server} 的连接只承载了一个 HTTP 请求就关闭了，所以下一个请求必须新建 TCP 连接、再做一次三次握手：这就是短连接的代价。`
      : `此前抓包中已有一条到 ${p.server} 的连接；这是一条新连接，同样从三次握手开始。`,
  titleSynAck: ({ who }) => `SYN-ACK：${SIDE[who]}同意建立连接`,
  synAck: (p) =>
    `${SIDE[p.who]} ${p.from} 同意连接：SYN-ACK 的确认号为 ISN+1 = ${p.ack}，自己的初始序列号为 ${p.isn}` +
    `${p.mss !== undefined || p.windowScale !== undefined || p.sackPermitted ? `；并告知${synOptions(p).slice(1)}` : ''}。` +
    `这是三次握手的第二个报文：双方都已选定各自的起始序列号。`,
  titleHandshakeAck: () => 'ACK：三次握手完成',
  handshakeAck: (p) =>
    `${SIDE[p.who]}确认${SIDE[other(p.who)]}的 ISN+1 = ${p.ack}：三次握手完成` +
    `${p.rttMs !== null ? `，用时一个往返（RTT，从 SYN 到这个 ACK）${p.rttMs} 毫秒` : ''}。` +
    `双方都进入 ESTABLISHED（已建立）状态，可以开始传输数据。每条新的 TCP 连接在发送第一个数据字节之前都要付出这一个往返的代价。`,
  scaledWindows: () => '此后双方都按协商好的缩放因子放大窗口字段的值。',

  titleData: ({ who }) => `${SIDE[who]}发送数据`,
  data: (p) =>
    `${SIDE[p.who]}发送 ${p.len} 字节数据（相对序列号 ${p.relSeq}，下一个字节的序列号为 ${p.nextSeq}）。`,
  titleAck: ({ who }) => `${SIDE[who]}的纯 ACK（不带数据）`,
  pureAck: (p) =>
    `${SIDE[p.who]}确认已收到相对序列号 ${p.relAck} 之前的全部字节（${p.relAck} 是它期望的下一个字节）；` +
    `这个报文不携带数据。它的接收窗口为 ${p.windowSize} 字节。`,
  dataAlsoAcks: (p) => `同一个报文还确认了对方相对序列号 ${p.relAck} 之前的字节。`,

  segment: (p) =>
    `${SIDE[p.who]}发送一个标志为 ${p.flags} 的报文段，不带数据（相对序列号 ${p.relSeq}，确认到 ${p.relAck}）。`,
  midstream: () =>
    '抓包开始时这条连接已经建立：文件中没有它的握手，所以谁是客户端、谁是服务器只是推测，第一个报文之前的状态假定为 ESTABLISHED。',

  synMissing: () => '抓包中没有客户端的 SYN（它在抓包开始之前就已发出，或者没有被抓到）。',

  titleFin: ({ who }) => `FIN：${SIDE[who]}关闭自己的发送方向`,
  finFirst: ({ who }) =>
    `${SIDE[who]}没有数据要发了，关闭自己这个方向：发送 FIN。` +
    `${SIDE[who]}进入 FIN-WAIT-1，${SIDE[other(who)]}进入 CLOSE-WAIT，它下一次 recv() 会读到流结束（EOF）。` +
    `四次挥手由此开始。`,
  finSecond: ({ who, timeWait }) =>
    `${SIDE[who]}也关闭自己的方向：发送 FIN，同时确认对方的 FIN。${SIDE[who]}进入 LAST-ACK，等待最后一个 ACK` +
    `${timeWait ? `；先关闭的${SIDE[timeWait]}自己的 FIN 已被确认，又收到了对方的 FIN，于是进入 TIME-WAIT` : ''}。`,
  finSimultaneous: ({ who }) =>
    `${SIDE[who]}在对方的 FIN 被确认之前也发出了 FIN：双方同时关闭（CLOSING 状态）。`,
  titleFinAcked: ({ who }) => `确认${SIDE[other(who)]}的 FIN`,
  finAcked: ({ who }) =>
    `${SIDE[who]}确认了 FIN：${SIDE[other(who)]}进入 FIN-WAIT-2。` +
    `连接处于半关闭状态：${SIDE[who]}在关闭自己的方向之前仍然可以发送数据。`,
  titleLastAck: () => '最后一个 ACK：连接关闭',
  lastAck: ({ who, timeWait }) =>
    `四次挥手的最后一个 ACK：${SIDE[other(who)]}从 LAST-ACK 进入 CLOSED。` +
    (timeWait
      ? `先关闭的${SIDE[timeWait]}停留在 TIME-WAIT，等待两倍的最长报文段寿命（MSL）：` +
        '如果这个 ACK 丢失，它还能回应对方重传的 FIN；网络中迟到的旧报文也会在端口被重用之前消失。'
      : ''),
  closingTimeWait: ({ who }) => `${SIDE[who]}在 CLOSING 状态下收到对 FIN 的确认，进入 TIME-WAIT。`,

  titleRst: ({ who }) => `RST：${SIDE[who]}中止连接`,
  rst: ({ who }) =>
    `${SIDE[who]}发送 RST 重置连接。这是异常关闭（中止）：没有 FIN 挥手，仍在途中或尚未读取的数据都会丢失，` +
    `${SIDE[other(who)]}接下来的 recv() 或 send() 会报“连接被重置”（ECONNRESET）。双方直接进入 CLOSED，不经过 TIME-WAIT。`,
  rstUnanswered: () => '这条连接上发出的请求始终没有得到响应。',

  titleRequest: (p) => `HTTP 请求：${p.method} ${p.target}`,
  request: (p) =>
    `客户端发送 HTTP 请求 ${p.method} ${p.target}（${p.version}）：请求行和首部字段共 ${p.headerBytes} 字节` +
    `${p.bodyBytes > 0 ? `，后面跟着 ${p.bodyBytes} 字节的消息体` : ''}。`,
  requestTruncated: (p) =>
    `客户端发送 HTTP 请求 ${p.method} ${p.target}，但抓包中没有它的全部字节（被抓包长度截断或丢失），首部字段不完整。`,
  requestReuse: (p) =>
    `这是同一条 TCP 连接上的第 ${p.requestNumber} 个请求：不需要新的握手，连接被保持下来（持久连接）。`,
  requestPipelined: () =>
    '它在上一个响应到达之前就发出了：这就是管线化（pipelining），服务器必须按顺序回应。',
  requestHttp10: () => '这是不带 keep-alive 的 HTTP/1.0 请求：客户端预期服务器在一次响应之后就关闭连接。',
  requestConnectionClose: () => '请求中带有 Connection: close：这条连接不会再承载后续请求。',
  requestUpgrade: (p) =>
    `它请求把这条连接升级为 WebSocket（Upgrade: websocket），Sec-WebSocket-Key 为 ${p.wsKey}。`,
  titleResponse: (p) => `HTTP 响应：${p.status} ${p.reason}`,
  responseHeaders: (p) =>
    `响应的状态行和首部字段到达${p.framing === 'none' ? '' : `；随后是消息体，${FRAMING[p.framing]}`}。`,
  response: (p) =>
    `服务器的响应 ${p.status} ${p.reason} 已全部到达` +
    (p.framing === 'none' ? '，没有消息体。' : `：消息体 ${p.bodyBytes} 字节，${FRAMING[p.framing]}。`),
  interim: (p) =>
    `临时响应 ${p.status} ${p.reason}：最终响应还在后面` +
    (p.status === 100 ? '（Continue：客户端现在可以发送请求体了）。' : '。'),
  responseIncomplete: (p) =>
    `服务器的响应 ${p.status} ${p.reason} 到此结束，但抓包中没有它的全部字节（被抓包长度截断、丢失，或抓包已结束）。`,
  responseShortHttp10: () =>
    '服务器在这个响应之后关闭连接：这就是 HTTP/1.0 的短连接。一个请求，一个响应；' +
    '下一个请求需要新建 TCP 连接，重新三次握手。',
  responseShortClose: () =>
    '这个响应之后连接关闭（Connection: close）：短连接。下一个请求需要新建 TCP 连接，重新三次握手。',
  responseKeepAlive: () => '连接保持打开（持久连接，keep-alive）：下一个请求可以直接复用它，无需新的握手。',
  titleUpgrade: () => 'HTTP 101：连接升级为 WebSocket',
  upgrade: (p) =>
    p.valid
      ? `服务器回应 ${p.status} Switching Protocols（切换协议）。Sec-WebSocket-Accept ${p.wsAccept} 与客户端发送的密钥相符` +
        '（由密钥和一个固定的 GUID 计算出的哈希），说明对方确实是 WebSocket 服务器：连接从此改用 WebSocket 协议。'
      : `服务器回应 ${p.status} Switching Protocols（切换协议），但 Sec-WebSocket-Accept ${p.wsAccept} 与客户端发送的密钥不符：` +
        '符合规范的客户端会拒绝这次升级并关闭连接。',
  upgradeLong: () =>
    '从此以后这条 TCP 连接一直保持打开，双方都可以随时发送消息：这就是长连接，不再需要新的握手。',
  upgradeDeflate: () => '双方约定使用 permessage-deflate：消息负载将被压缩。',

  wsKind: (op) => KINDS[op] ?? `保留操作码 ${op} 的帧`,
  titleWs: ({ who, opcode }) => `${SIDE[who]}的 WebSocket ${KINDS[opcode] ?? '帧'}`,
  wsFrameClient: (p) =>
    `客户端发送一个 WebSocket ${KINDS[p.opcode] ?? '保留类型帧'}，负载 ${p.wsLen} 字节，使用掩码 0x${p.maskKey} 加掩码——` +
    `协议要求客户端发出的每一帧都必须加掩码${p.fin ? '' : '。这是一个分片：消息在后续帧中继续'}。`,
  wsFrameServer: (p) =>
    `服务器发送一个 WebSocket ${KINDS[p.opcode] ?? '保留类型帧'}，负载 ${p.wsLen} 字节，不加掩码（服务器从不加掩码）` +
    `${p.fin ? '' : '。这是一个分片：消息在后续帧中继续'}。`,
  wsFrameUnmaskedClient: (p) =>
    `客户端发送了一个没有掩码的 WebSocket ${KINDS[p.opcode] ?? '保留类型帧'}，负载 ${p.wsLen} 字节：违反协议，服务器必须关闭连接。`,
  wsCompressed: () => '它的负载用 permessage-deflate 压缩过（RSV1 位被置位）。',
  wsText: (p) => `消息内容为“${p.text}”。`,
  wsPush: () =>
    '服务器在没有收到请求的情况下主动发送：普通的 HTTP 请求/响应做不到这一点，WebSocket 长连接可以。',
  wsSameConnection: () =>
    '这条消息走的仍是发送升级请求的那条 TCP 连接：没有新的握手，也没有新的请求行和首部，只有一个很小的帧头。',
  wsPing: () => 'Ping 用来检查对端是否还在；对端必须回一个携带相同数据的 Pong。',
  wsPong: () => 'Pong 回应 Ping，原样带回它的数据：连接仍然活着。',
  wsClose: (p) =>
    'Close 帧' +
    (p.closeCode !== null
      ? `，状态码 ${p.closeCode}${closeMeaningZh(p.closeCode) ? `（${closeMeaningZh(p.closeCode)}）` : ''}`
      : '，没有状态码') +
    (p.reason ? `，原因“${p.reason}”` : '') +
    '。' +
    (p.first
      ? `${SIDE[p.who]}发起 WebSocket 关闭握手；对方会回一个自己的 Close，然后由服务器先关闭 TCP 连接。`
      : '这是对 Close 的回应：WebSocket 关闭握手完成，接下来是 TCP 的四次挥手。'),
  closeMeaning: (code) => closeMeaningZh(code),

  titleTls: () => 'TLS 握手：ClientHello（客户端问候）',
  tlsHello: (p) =>
    `客户端用 ClientHello 开始 TLS 握手${p.sni ? `，目标为 ${p.sni}` : ''}。从这里开始数据都是加密的：` +
    'Wirestep 能跟踪 TCP，但看不到里面的 HTTP 或 WebSocket。',
  tlsData: () => '加密的 TLS 数据。',

  titleRetransmission: () => '重传',
  retransmission: () => '这是一次重传：这些字节之前已经发送过，但没有及时收到确认，所以发送方再发一次。',
  fastRetransmission: () =>
    '快速重传：接收方多次重复同一个 ACK（重复确认），发送方不等超时就重发缺失的字节。',
  spuriousRetransmission: () => '接收方早已确认过这些字节：这次重传是不必要的（伪重传）。',
  outOfOrder: () => '这个报文乱序到达：它填补了已收到的字节之前的空洞。',
  titleDupAck: () => '重复 ACK',
  dupAck: (p) =>
    `第 ${p.dupAckCount} 个重复 ACK（重复帧 ${p.dupAckOf} 的确认）：接收方收到了空洞之后的报文，于是重复上一个 ACK 来报告缺失的字节；` +
    '累计三个重复确认会让发送方立即重传（快速重传）。',
  zeroWindow: ({ who }) => `${SIDE[who]}通告零窗口：应用没有读取数据，接收缓冲区已满，对方必须暂停发送。`,
  zeroWindowProbe: () => '零窗口探测：发送方检查接收方是否重新打开了窗口。',
  zeroWindowProbeAck: () => '对零窗口探测的回应：窗口仍然关闭。',
  keepAlive: () => 'TCP 保活（keep-alive）：长时间静默之后发送的空探测，检查对方是否还在。',
  keepAliveAck: () => '对保活探测的回应：对方还在。',
  windowUpdate: (p) => `窗口更新：接收方读走了数据，把窗口重新打开到 ${p.windowSize} 字节。`,
  windowFull: () => '这个报文填满了接收方通告的窗口：发送方必须等到 ACK 才能继续发送。',
  lostSegment: () => '前面有报文没有被抓到：序列号跳过了抓包从未见过的字节。',
  ackedUnseen: () => '这个 ACK 确认了抓包中没有出现的字节（抓包漏掉了一个报文）。',
  reusedPorts: () => '新连接重用了之前一条连接的端口。',
  titleAnalysis: () => 'TCP 事件',

  sockServerSocket: () => '在这个报文之前，服务器已用 socket() 创建了套接字。',
  sockBind: (p) => `服务器用 bind() 把它绑定到端口 ${p.port}。`,
  sockListen: () => 'listen()：此后内核会自行回应发往该端口的 SYN。',
  sockClientSocket: () => '客户端用 socket() 创建了套接字。',
  sockConnect: (p) => `connect() 连接 ${p.to}：内核发出这个 SYN；connect() 阻塞，直到握手完成。`,
  sockConnectReturns: () => 'connect() 返回：SYN-ACK 已到达，客户端进入 ESTABLISHED。',
  sockAccept: () => 'accept() 返回新连接：握手已经完成。',
  sockSend: (p) => `send() 发送 ${p.len} 字节（内核可能把多次 send() 拆分或合并成报文段）。`,
  sockRecv: (p) => `应用读取时，recv() 可以返回这 ${p.len} 字节。`,
  sockFinClose: (p) =>
    p.first
      ? 'close() 或 shutdown(SHUT_WR)：应用不再发送数据，内核发出 FIN。'
      : 'close()：应用读到流结束后关闭套接字，内核发出 FIN。',
  sockRecvEof: () => 'recv() 返回 0：对方关闭了它的方向（流结束）。',
  sockAbort: () => '设置 SO_LINGER 为零后调用 close()，或者进程异常终止：内核发送 RST 而不是 FIN。',
  sockReset: () => '接下来的 recv() 或 send() 会以 ECONNRESET 失败。',
};
