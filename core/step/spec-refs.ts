// Links from a step to the specification text that defines what the packet does. Sections:
//   RFC 9293 (TCP) §3.3.2 states, §3.4 sequence numbers, §3.5 handshake, §3.5.2/§3.5.3 reset,
//   §3.6 closing, §3.7.1 MSS, §3.8.4 keep-alive, §3.8.6 window, §3.10.7.3 SYN-SENT processing;
//   RFC 7323 §2 window scale; RFC 2018 SACK; RFC 5681 §3.2 fast retransmit; RFC 6298 RTO;
//   RFC 9112 (HTTP/1.1) §3, §4, §6.3, §9.3, §9.3.2, §9.6; RFC 9110 §7.8, §15.2.2;
//   RFC 6455 (WebSocket) §4.1, §4.2.2, §5.2, §5.3, §5.4, §5.5.1-3, §5.6, §7.1.1, §7.4.1;
//   RFC 7692 §7 (permessage-deflate); RFC 8446 §4.1.2 (ClientHello).

import type { SpecRef } from './types.ts';

function ref(rfc: number, section: string): SpecRef {
  return {
    rfc: `RFC ${rfc}`,
    section: `§${section}`,
    url: `https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section}`,
  };
}

export const SPEC = {
  tcpStates: ref(9293, '3.3.2'),
  tcpSequence: ref(9293, '3.4'),
  tcpHandshake: ref(9293, '3.5'),
  tcpSynSent: ref(9293, '3.10.7.3'),
  tcpResetGeneration: ref(9293, '3.5.2'),
  tcpResetProcessing: ref(9293, '3.5.3'),
  tcpClosing: ref(9293, '3.6'),
  tcpMss: ref(9293, '3.7.1'),
  tcpKeepAlive: ref(9293, '3.8.4'),
  tcpWindow: ref(9293, '3.8.6'),
  tcpDataCommunication: ref(9293, '3.8'),
  windowScale: ref(7323, '2'),
  sack: ref(2018, '2'),
  fastRetransmit: ref(5681, '3.2'),
  rto: ref(6298, '5'),
  httpRequestLine: ref(9112, '3'),
  httpStatusLine: ref(9112, '4'),
  httpBodyLength: ref(9112, '6.3'),
  httpPersistence: ref(9112, '9.3'),
  httpPipelining: ref(9112, '9.3.2'),
  httpTearDown: ref(9112, '9.6'),
  httpUpgrade: ref(9110, '7.8'),
  http101: ref(9110, '15.2.2'),
  wsClientHandshake: ref(6455, '4.1'),
  wsServerAccept: ref(6455, '4.2.2'),
  wsFraming: ref(6455, '5.2'),
  wsMasking: ref(6455, '5.3'),
  wsFragmentation: ref(6455, '5.4'),
  wsClose: ref(6455, '5.5.1'),
  wsPing: ref(6455, '5.5.2'),
  wsPong: ref(6455, '5.5.3'),
  wsData: ref(6455, '5.6'),
  wsCloseTcp: ref(6455, '7.1.1'),
  wsStatusCodes: ref(6455, '7.4.1'),
  permessageDeflate: ref(7692, '7'),
  tlsClientHello: ref(8446, '4.1.2'),
} as const satisfies Record<string, SpecRef>;
