// Short names for the packet list's protocol column when a packet is not TCP: IANA "Protocol
// Numbers" (IP protocol field / IPv6 next header) and IEEE EtherTypes. Built once at load so the
// hot path only indexes an array.

const IP_PROTOCOLS: Record<number, string> = {
  1: 'icmp',
  2: 'igmp',
  4: 'ipip',
  6: 'tcp',
  17: 'udp',
  41: 'ipv6',
  47: 'gre',
  50: 'esp',
  51: 'ah',
  58: 'icmpv6',
  59: 'ipv6-nonxt',
  103: 'pim',
  112: 'vrrp',
  132: 'sctp',
};

const ipProtocolNames: string[] = [];
for (let n = 0; n < 256; n++) ipProtocolNames.push(IP_PROTOCOLS[n] ?? `ip-proto-${n}`);

/** "udp", "icmp", "icmpv6", ... or "ip-proto-N". */
export function ipProtocolName(protocol: number): string {
  return ipProtocolNames[protocol & 0xff]!;
}

const ETHER_TYPES = new Map<number, string>([
  [0x0806, 'arp'],
  [0x8035, 'rarp'],
  [0x8863, 'pppoe-discovery'],
  [0x8864, 'pppoe'],
  [0x888e, 'eapol'],
  [0x88cc, 'lldp'],
  [0x8847, 'mpls'],
  [0x8848, 'mpls'],
  [0x88f7, 'ptp'],
  [0x8808, 'ethernet-flow-control'],
  [0x9000, 'loopback'],
]);

/** "arp", "lldp", ... or "ethertype-0x1234"; "llc" for 802.3 length frames (etherType -1). */
export function etherTypeName(etherType: number): string {
  if (etherType < 0) return 'llc';
  const name = ETHER_TYPES.get(etherType);
  if (name !== undefined) return name;
  return `ethertype-0x${etherType.toString(16).padStart(4, '0')}`;
}
