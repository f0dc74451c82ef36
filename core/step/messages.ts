// The message catalogue of the step annotations. Every message id has one function per language
// (messages-en.ts, messages-zh.ts) typed by this interface, so the compiler refuses a message that
// exists in only one language. Parameters carry the packet's numbers; the functions only place
// them (every number passed in is also recorded in the step's facts).

import type { Side } from './types.ts';

export interface SynOptions {
  mss?: number;
  windowScale?: number;
  sackPermitted?: boolean;
}

export interface Catalog {
  side(s: Side): string;

  // TCP three-way handshake (RFC 9293 §3.5)
  titleSyn(p: { who: Side }): string;
  syn(p: { who: Side; from: string; to: string; isn: number } & SynOptions): string;
  synAgain(p: { server: string; short: boolean }): string;
  titleSynAck(p: { who: Side }): string;
  synAck(p: { who: Side; from: string; ack: number; isn: number } & SynOptions): string;
  titleHandshakeAck(): string;
  handshakeAck(p: { who: Side; ack: number; rttMs: string | null }): string;
  scaledWindows(): string;

  // Data and acknowledgements (RFC 9293 §3.4, §3.8)
  titleData(p: { who: Side }): string;
  data(p: { who: Side; len: number; relSeq: number; nextSeq: number }): string;
  titleAck(p: { who: Side }): string;
  pureAck(p: { who: Side; relAck: number; windowSize: number }): string;
  dataAlsoAcks(p: { relAck: number }): string;
  segment(p: { who: Side; flags: string; relSeq: number; relAck: number }): string;
  midstream(): string;
  synMissing(): string;

  // Teardown (RFC 9293 §3.6)
  titleFin(p: { who: Side }): string;
  finFirst(p: { who: Side }): string;
  finSecond(p: { who: Side; timeWait: Side | null }): string;
  finSimultaneous(p: { who: Side }): string;
  titleFinAcked(p: { who: Side }): string;
  finAcked(p: { who: Side }): string;
  titleLastAck(): string;
  lastAck(p: { who: Side; timeWait: Side | null }): string;
  closingTimeWait(p: { who: Side }): string;

  // Reset (RFC 9293 §3.5.2, §3.5.3)
  titleRst(p: { who: Side }): string;
  rst(p: { who: Side }): string;
  rstUnanswered(): string;

  // HTTP/1.x (RFC 9112)
  titleRequest(p: { method: string; target: string }): string;
  request(p: {
    method: string;
    target: string;
    version: string;
    headerBytes: number;
    bodyBytes: number;
  }): string;
  requestTruncated(p: { method: string; target: string }): string;
  requestReuse(p: { requestNumber: number }): string;
  requestPipelined(): string;
  requestHttp10(): string;
  requestConnectionClose(): string;
  requestUpgrade(p: { wsKey: string }): string;
  titleResponse(p: { status: number; reason: string }): string;
  responseHeaders(p: { framing: 'content-length' | 'chunked' | 'close' | 'none' }): string;
  response(p: {
    status: number;
    reason: string;
    bodyBytes: number;
    framing: 'content-length' | 'chunked' | 'close' | 'none';
  }): string;
  interim(p: { status: number; reason: string }): string;
  responseIncomplete(p: { status: number; reason: string }): string;
  responseShortHttp10(): string;
  responseShortClose(): string;
  responseKeepAlive(): string;
  titleUpgrade(): string;
  upgrade(p: { status: number; wsAccept: string; valid: boolean }): string;
  upgradeLong(): string;
  upgradeDeflate(): string;

  // WebSocket (RFC 6455, RFC 7692)
  wsKind(opcode: number): string;
  titleWs(p: { who: Side; opcode: number }): string;
  wsFrameClient(p: { opcode: number; wsLen: number; maskKey: string; fin: boolean }): string;
  wsFrameServer(p: { opcode: number; wsLen: number; fin: boolean }): string;
  wsFrameUnmaskedClient(p: { opcode: number; wsLen: number }): string;
  wsCompressed(): string;
  wsText(p: { text: string }): string;
  wsPush(): string;
  wsSameConnection(): string;
  wsPing(): string;
  wsPong(): string;
  wsClose(p: { closeCode: number | null; reason: string; first: boolean; who: Side }): string;
  closeMeaning(code: number): string | null;

  // TLS (RFC 8446)
  titleTls(): string;
  tlsHello(p: { sni: string | null }): string;
  tlsData(): string;

  // Analysis events (tshark's tcp.analysis.*)
  titleRetransmission(): string;
  retransmission(): string;
  fastRetransmission(): string;
  spuriousRetransmission(): string;
  outOfOrder(): string;
  titleDupAck(): string;
  dupAck(p: { dupAckCount: number; dupAckOf: number }): string;
  zeroWindow(p: { who: Side }): string;
  zeroWindowProbe(): string;
  zeroWindowProbeAck(): string;
  keepAlive(): string;
  keepAliveAck(): string;
  windowUpdate(p: { windowSize: number }): string;
  windowFull(): string;
  lostSegment(): string;
  ackedUnseen(): string;
  reusedPorts(): string;
  titleAnalysis(): string;

  // Inferred socket calls (notes)
  sockServerSocket(): string;
  sockBind(p: { port: number }): string;
  sockListen(): string;
  sockClientSocket(): string;
  sockConnect(p: { to: string }): string;
  sockConnectReturns(): string;
  sockAccept(): string;
  sockSend(p: { len: number }): string;
  sockRecv(p: { len: number }): string;
  sockFinClose(p: { first: boolean }): string;
  sockRecvEof(): string;
  sockAbort(): string;
  sockReset(): string;
}

/** WebSocket opcode names used in both catalogues (RFC 6455 §5.2). */
export const WS_OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;
