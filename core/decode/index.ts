// Public API of the decode stage: one capture record in, one DecodedPacket out.

export { decodePacket } from './decode-packet.ts';
export { LinkType, EtherType } from './link-layer.ts';
export { TcpOptionKind } from './tcp-options.ts';
export { Ipv6Next } from './ipv6.ts';
export { TcpFlag } from './types.ts';
export type { DecodedPacket, LinkLayer, NetworkLayer, TcpHeader, TcpOptions } from './types.ts';
