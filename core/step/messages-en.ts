// English step annotations (see messages.ts). Plain text; numbers only through parameters.

import type { Catalog, SynOptions } from './messages.ts';
import type { Side } from './types.ts';

const SIDE: Record<Side, string> = { client: 'client', server: 'server' };
const Cap: Record<Side, string> = { client: 'Client', server: 'Server' };
const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

function synOptions(p: SynOptions): string {
  let s = '';
  if (p.mss !== undefined) s += `, MSS ${p.mss}`;
  if (p.windowScale !== undefined) s += `, window scale ${p.windowScale}`;
  if (p.sackPermitted) s += ', SACK permitted';
  return s;
}

const FRAMING = {
  'content-length': 'its length given by Content-Length',
  chunked: 'sent in chunks (Transfer-Encoding: chunked)',
  close: 'ending only when the server closes the connection',
  none: '',
} as const;

const KINDS: Record<number, string> = {
  0: 'continuation',
  1: 'text',
  2: 'binary',
  8: 'Close',
  9: 'Ping',
  10: 'Pong',
};

const CLOSE_CODES: Record<number, string> = {
  1000: 'normal closure',
  1001: 'going away: the endpoint is leaving, e.g. a page navigated away or a server shutting down',
  1002: 'protocol error',
  1003: 'unsupported data: a kind of message the endpoint cannot accept',
  1005: 'no status code was present',
  1006: 'abnormal closure without a Close frame',
  1007: 'invalid payload data, e.g. text that is not UTF-8',
  1008: 'policy violation',
  1009: 'message too big to process',
  1010: 'a required extension was not negotiated',
  1011: 'internal error: the server hit an unexpected condition',
  1012: 'service restart',
  1013: 'try again later',
  1014: 'bad gateway',
  1015: 'TLS handshake failure',
};

function closeMeaningEn(code: number): string | null {
  return (
    CLOSE_CODES[code] ??
    (code >= 4000 && code <= 4999
      ? 'an application-defined code'
      : code >= 3000 && code <= 3999
        ? 'a code registered by a library or framework'
        : null)
  );
}

export const EN: Catalog = {
  side: (s) => SIDE[s],

  titleSyn: ({ who }) => `SYN: the ${SIDE[who]} asks to open a connection`,
  syn: (p) =>
    `${Cap[p.who]} ${p.from} asks to open a connection to ${p.to}: SYN with initial sequence number ${p.isn}${synOptions(p)}. ` +
    `This is the first of the three packets of the three-way handshake; the ${SIDE[p.who]} is now in SYN-SENT.`,
  synAgain: (p) =>
    p.short
      ? `The previous connection to ${p.server} carried one HTTP request and was closed, so the next request needs a brand-new TCP connection and another three-way handshake: the cost of short connections.`
      : `There was already a connection to ${p.server} earlier in this capture; this one is new and starts with its own three-way handshake.`,
  titleSynAck: ({ who }) => `SYN-ACK: the ${SIDE[who]} accepts`,
  synAck: (p) =>
    `${Cap[p.who]} ${p.from} agrees: SYN-ACK acknowledges ISN+1 = ${p.ack}, and its own initial sequence number is ${p.isn}` +
    `${p.mss !== undefined || p.windowScale !== undefined || p.sackPermitted ? `; it offers${synOptions(p).slice(1)}` : ''}. ` +
    `Second packet of the three-way handshake: each side has now chosen a starting sequence number.`,
  titleHandshakeAck: () => 'ACK: the three-way handshake completes',
  handshakeAck: (p) =>
    `${Cap[p.who]} acknowledges the ${SIDE[other(p.who)]}'s ISN+1 = ${p.ack}: the three-way handshake is complete` +
    `${p.rttMs !== null ? `, after one round trip of ${p.rttMs} ms (SYN to this ACK)` : ''}. ` +
    `Both ends are ESTABLISHED and data can flow. Every new TCP connection pays this round trip before its first byte of data.`,
  scaledWindows: () => 'From now on both sides multiply the window field by their agreed scale factor.',

  titleData: ({ who }) => `Data from the ${SIDE[who]}`,
  data: (p) =>
    `The ${SIDE[p.who]} sends ${p.len} bytes of data (relative sequence ${p.relSeq}; the next byte will be ${p.nextSeq}).`,
  titleAck: ({ who }) => `ACK from the ${SIDE[who]} (no data)`,
  pureAck: (p) =>
    `The ${SIDE[p.who]} acknowledges every byte before relative sequence ${p.relAck} (the next byte it expects); ` +
    `this packet carries no data. Its receive window is ${p.windowSize} bytes.`,
  dataAlsoAcks: (p) => `The same packet acknowledges the peer's bytes up to relative sequence ${p.relAck}.`,

  segment: (p) =>
    `The ${SIDE[p.who]} sends a segment with flags ${p.flags} and no data (relative sequence ${p.relSeq}, acknowledging up to ${p.relAck}).`,
  midstream: () =>
    'The capture started after this connection was opened: its handshake is not in the file, so who is client and who is server is a guess, and the states before the first packet are assumed ESTABLISHED.',

  synMissing: () =>
    "The client's SYN is not in the capture (it was sent before the capture started, or the capture missed it).",

  titleFin: ({ who }) => `FIN: the ${SIDE[who]} closes its side`,
  finFirst: ({ who }) =>
    `The ${SIDE[who]} has nothing more to send and closes its direction of the connection: FIN. ` +
    `It enters FIN-WAIT-1; the ${SIDE[other(who)]} enters CLOSE-WAIT, and its next recv() reports end of stream. ` +
    `This starts the four-way teardown.`,
  finSecond: ({ who, timeWait }) =>
    `The ${SIDE[who]} closes its direction too: FIN, which also acknowledges the peer's FIN. It enters LAST-ACK and waits for the final ACK` +
    `${timeWait ? `; the ${SIDE[timeWait]}, which closed first, sees its own FIN acknowledged and the peer's FIN arrive, and enters TIME-WAIT` : ''}.`,
  finSimultaneous: ({ who }) =>
    `The ${SIDE[who]} sends its FIN before the peer's FIN was acknowledged: both sides close at once (simultaneous close, CLOSING).`,
  titleFinAcked: ({ who }) => `ACK of the ${SIDE[other(who)]}'s FIN`,
  finAcked: ({ who }) =>
    `The ${SIDE[who]} acknowledges the FIN: the ${SIDE[other(who)]} moves to FIN-WAIT-2. ` +
    `The connection is half-closed: the ${SIDE[who]} may still send data before it closes its own side.`,
  titleLastAck: () => 'Last ACK: the connection is closed',
  lastAck: ({ who, timeWait }) =>
    `Last ACK of the four-way teardown: the ${SIDE[other(who)]} goes from LAST-ACK to CLOSED.` +
    (timeWait
      ? ` The ${SIDE[timeWait]}, which closed first, stays in TIME-WAIT for twice the maximum segment lifetime (MSL): ` +
        `if this ACK is lost it can still answer the retransmitted FIN, and old duplicate segments die out before the ports are reused.`
      : ''),
  closingTimeWait: ({ who }) => `The ${SIDE[who]}'s FIN is acknowledged while closing: it enters TIME-WAIT.`,

  titleRst: ({ who }) => `RST: the ${SIDE[who]} aborts the connection`,
  rst: ({ who }) =>
    `The ${SIDE[who]} resets the connection: RST. This is an abortive close: no FIN handshake, data still in flight or not yet read is lost, ` +
    `and the ${SIDE[other(who)]}'s next recv() or send() fails with "connection reset" (ECONNRESET). Both ends go straight to CLOSED, without TIME-WAIT.`,
  rstUnanswered: () => 'The request sent on this connection never got a response.',

  titleRequest: (p) => `HTTP request: ${p.method} ${p.target}`,
  request: (p) =>
    `The client sends the HTTP request ${p.method} ${p.target} (${p.version}): ${p.headerBytes} bytes of request line and header fields` +
    `${p.bodyBytes > 0 ? `, followed by a ${p.bodyBytes}-byte body` : ''}.`,
  requestTruncated: (p) =>
    `The client sends the HTTP request ${p.method} ${p.target}, but the capture does not hold all of it (cut by the snapshot length or lost), so its header fields are incomplete.`,
  requestReuse: (p) =>
    `This is request number ${p.requestNumber} on the same TCP connection: no new handshake, the connection was kept alive (persistent connection).`,
  requestPipelined: () =>
    'It is sent before the previous response arrived: pipelining. The server must answer the requests in order.',
  requestHttp10: () =>
    'An HTTP/1.0 request without keep-alive: the client expects the server to close the connection after one response.',
  requestConnectionClose: () =>
    'The request says Connection: close: this connection will carry no further request.',
  requestUpgrade: (p) =>
    `It asks to switch this connection to WebSocket (Upgrade: websocket) with Sec-WebSocket-Key ${p.wsKey}.`,
  titleResponse: (p) => `HTTP response: ${p.status} ${p.reason}`,
  responseHeaders: (p) =>
    `The response's status line and header fields arrive${p.framing === 'none' ? '' : `; the body follows, ${FRAMING[p.framing]}`}.`,
  response: (p) =>
    `The server's response ${p.status} ${p.reason} is complete` +
    (p.framing === 'none' ? ', with no body.' : `: a ${p.bodyBytes}-byte body, ${FRAMING[p.framing]}.`),
  interim: (p) =>
    `An interim response ${p.status} ${p.reason}: the final response is still to come` +
    (p.status === 100 ? ' (Continue: the client may now send its request body).' : '.'),
  responseIncomplete: (p) =>
    `The server's response ${p.status} ${p.reason} ends here, but the capture does not hold all of its bytes (cut by the snapshot length, lost, or the capture ended).`,
  responseShortHttp10: () =>
    'The server closes the connection after this response: an HTTP/1.0 short connection. One request, one response; ' +
    'the next request needs a new TCP connection and a new three-way handshake.',
  responseShortClose: () =>
    'The connection closes after this response (Connection: close): a short connection. ' +
    'The next request needs a new TCP connection and a new three-way handshake.',
  responseKeepAlive: () =>
    'The connection stays open (persistent connection, keep-alive): the next request can reuse it without a new handshake.',
  titleUpgrade: () => 'HTTP 101: the connection switches to WebSocket',
  upgrade: (p) =>
    p.valid
      ? `The server answers ${p.status} Switching Protocols. Sec-WebSocket-Accept ${p.wsAccept} matches the key the client sent ` +
        `(a hash of the key and a fixed GUID), so this is a real WebSocket server: the connection now speaks WebSocket.`
      : `The server answers ${p.status} Switching Protocols, but Sec-WebSocket-Accept ${p.wsAccept} does not match the key the client sent: ` +
        'a conforming client would refuse the upgrade and close the connection.',
  upgradeLong: () =>
    'From here on the same TCP connection stays open and either side may send at any moment: a long connection, with no new handshakes.',
  upgradeDeflate: () => 'Both sides agreed on permessage-deflate: message payloads will be compressed.',

  wsKind: (op) => KINDS[op] ?? `reserved opcode ${op}`,
  titleWs: ({ who, opcode }) => `WebSocket ${KINDS[opcode] ?? 'frame'} from the ${SIDE[who]}`,
  wsFrameClient: (p) =>
    `The client sends a WebSocket ${KINDS[p.opcode] ?? 'reserved'} frame with ${p.wsLen} payload bytes, masked with key 0x${p.maskKey}, ` +
    `as the protocol requires for every frame from a client${p.fin ? '' : '. It is a fragment: the message continues in later frames'}.`,
  wsFrameServer: (p) =>
    `The server sends a WebSocket ${KINDS[p.opcode] ?? 'reserved'} frame with ${p.wsLen} payload bytes, unmasked (servers never mask)` +
    `${p.fin ? '' : '. It is a fragment: the message continues in later frames'}.`,
  wsFrameUnmaskedClient: (p) =>
    `The client sends a WebSocket ${KINDS[p.opcode] ?? 'reserved'} frame with ${p.wsLen} payload bytes without a mask: ` +
    'a protocol violation, the server must close the connection.',
  wsCompressed: () => 'Its payload is compressed with permessage-deflate (the RSV1 bit is set).',
  wsText: (p) => `The message reads "${p.text}".`,
  wsPush: () =>
    'The server sends this without being asked: plain HTTP request/response cannot do that, a WebSocket long connection can.',
  wsSameConnection: () =>
    'This message travels on the same TCP connection as the upgrade request: no new handshake, no new request line or headers, just a small frame header.',
  wsPing: () =>
    'A Ping checks that the other end is still alive; it must answer with a Pong carrying the same data.',
  wsPong: () => 'A Pong answers the Ping, echoing its data: the connection is alive.',
  wsClose: (p) =>
    `Close frame` +
    (p.closeCode !== null
      ? ` with status code ${p.closeCode}${closeMeaningEn(p.closeCode) ? ` (${closeMeaningEn(p.closeCode)})` : ''}`
      : ' without a status code') +
    (p.reason ? `, reason "${p.reason}"` : '') +
    '. ' +
    (p.first
      ? `The ${SIDE[p.who]} starts the WebSocket closing handshake; the other side answers with its own Close, then the server closes the TCP connection first.`
      : 'This answers the Close: the WebSocket closing handshake is done, and the TCP teardown follows.'),
  closeMeaning: (code) => closeMeaningEn(code),

  titleTls: () => 'TLS ClientHello',
  tlsHello: (p) =>
    `The client starts TLS with a ClientHello${p.sni ? ` for ${p.sni}` : ''}. From here on the bytes are encrypted: ` +
    'Wirestep can follow TCP but cannot see the HTTP or WebSocket inside.',
  tlsData: () => 'Encrypted TLS bytes.',

  titleRetransmission: () => 'Retransmission',
  retransmission: () =>
    'This is a retransmission: these bytes were already sent, but no acknowledgement came back in time, so the sender sends them again.',
  fastRetransmission: () =>
    'A fast retransmission: the receiver repeated its ACK several times (duplicate ACKs), so the sender resends the missing bytes without waiting for the timer.',
  spuriousRetransmission: () =>
    'The receiver had already acknowledged these bytes: the retransmission was unnecessary (spurious).',
  outOfOrder: () => 'This segment arrives out of order: it fills a hole before bytes that were already seen.',
  titleDupAck: () => 'Duplicate ACK',
  dupAck: (p) =>
    `Duplicate ACK number ${p.dupAckCount} of frame ${p.dupAckOf}: the receiver got a segment beyond a hole and repeats its last ACK to report the missing bytes; ` +
    'three duplicates make the sender retransmit at once (fast retransmit).',
  zeroWindow: ({ who }) =>
    `The ${SIDE[who]} advertises a zero window: its receive buffer is full because the application is not reading, so the peer must stop sending.`,
  zeroWindowProbe: () =>
    'A zero-window probe: the sender checks whether the receiver has opened its window again.',
  zeroWindowProbeAck: () => 'The answer to a zero-window probe: the window is still closed.',
  keepAlive: () =>
    'A TCP keep-alive: an empty probe sent after a long silence to check that the peer is still there.',
  keepAliveAck: () => 'The answer to a keep-alive: the peer is still there.',
  windowUpdate: (p) =>
    `A window update: the receiver has read data and opens its window to ${p.windowSize} bytes.`,
  windowFull: () =>
    "This segment fills the receiver's advertised window: the sender must wait for an ACK before sending more.",
  lostSegment: () =>
    'A previous segment was not captured: the sequence numbers jump over bytes the capture never saw.',
  ackedUnseen: () => 'This ACK covers bytes the capture never saw (the capture missed a segment).',
  reusedPorts: () => 'A new connection reuses the ports of an earlier one.',
  titleAnalysis: () => 'TCP event',

  sockServerSocket: () => 'The server created its socket with socket() before this packet.',
  sockBind: (p) => `The server bound it to port ${p.port} with bind().`,
  sockListen: () => 'listen(): from now on the kernel answers SYNs for that port on its own.',
  sockClientSocket: () => 'The client created its socket with socket().',
  sockConnect: (p) =>
    `connect() to ${p.to}: the kernel sends this SYN; connect() blocks until the handshake completes.`,
  sockConnectReturns: () => 'connect() returns: the SYN-ACK arrived, the client is ESTABLISHED.',
  sockAccept: () => 'accept() returns the new connection: the handshake is complete.',
  sockSend: (p) => `send() of ${p.len} bytes (the kernel may split or merge send() calls into segments).`,
  sockRecv: (p) => `recv() can return these ${p.len} bytes when the application reads.`,
  sockFinClose: (p) =>
    p.first
      ? 'close() or shutdown(SHUT_WR): the application is done sending, and the kernel sends a FIN.'
      : 'close(): the application closes its socket after reading end of stream; the kernel sends a FIN.',
  sockRecvEof: () => 'recv() returns 0: the peer closed its side (end of stream).',
  sockAbort: () =>
    'close() with SO_LINGER set to zero, or the process aborted: the kernel sends RST instead of FIN.',
  sockReset: () => 'The next recv() or send() fails with ECONNRESET.',
};
