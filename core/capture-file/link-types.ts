// LINKTYPE_* values as registered at tcpdump.org/linktypes.html (draft-ietf-opsawg-pcaplinktype),
// the numbers stored in pcap headers and pcapng IDBs. Names follow libpcap's
// pcap_datalink_val_to_name() ("EN10MB", "LINUX_SLL2", …).

export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
/** DLT_RAW as written by some BSDs / old libpcap: raw IPv4 or IPv6, no link header. */
export const LINKTYPE_RAW_DLT12 = 12;
/** DLT_RAW on OpenBSD: raw IPv4 or IPv6, no link header. */
export const LINKTYPE_RAW_DLT14 = 14;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

const NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'NULL'],
  [1, 'EN10MB'],
  [3, 'AX25'],
  [6, 'IEEE802'],
  [7, 'ARCNET'],
  [8, 'SLIP'],
  [9, 'PPP'],
  [10, 'FDDI'],
  [12, 'RAW'],
  [14, 'RAW'],
  [50, 'PPP_HDLC'],
  [51, 'PPP_ETHER'],
  [100, 'ATM_RFC1483'],
  [101, 'RAW'],
  [104, 'C_HDLC'],
  [105, 'IEEE802_11'],
  [107, 'FRELAY'],
  [108, 'LOOP'],
  [113, 'LINUX_SLL'],
  [114, 'LTALK'],
  [117, 'PFLOG'],
  [119, 'PRISM_HEADER'],
  [122, 'IP_OVER_FC'],
  [123, 'SUNATM'],
  [127, 'IEEE802_11_RADIO'],
  [129, 'ARCNET_LINUX'],
  [138, 'APPLE_IP_OVER_IEEE1394'],
  [139, 'MTP2_WITH_PHDR'],
  [143, 'DOCSIS'],
  [163, 'IEEE802_11_RADIO_AVS'],
  [165, 'BACNET_MS_TP'],
  [166, 'PPP_PPPD'],
  [187, 'BLUETOOTH_HCI_H4'],
  [189, 'USB_LINUX'],
  [195, 'IEEE802_15_4_WITHFCS'],
  [201, 'BLUETOOTH_HCI_H4_WITH_PHDR'],
  [215, 'IEEE802_15_4_NOFCS'],
  [220, 'USB_LINUX_MMAPPED'],
  [227, 'CAN_SOCKETCAN'],
  [228, 'IPV4'],
  [229, 'IPV6'],
  [239, 'NFLOG'],
  [249, 'USBPCAP'],
  [252, 'WIRESHARK_UPPER_PDU'],
  [253, 'NETLINK'],
  [254, 'BLUETOOTH_LINUX_MONITOR'],
  [263, 'VSOCK'],
  [276, 'LINUX_SLL2'],
]);

/** libpcap-style name of a link type; "LINKTYPE_<n>" for numbers not listed here. */
export function linkTypeName(n: number): string {
  return NAMES.get(n) ?? `LINKTYPE_${n}`;
}

/** True for link types whose records start directly with an IPv4 or IPv6 header. */
export function isRawIpLinkType(n: number): boolean {
  return (
    n === LINKTYPE_RAW ||
    n === LINKTYPE_RAW_DLT12 ||
    n === LINKTYPE_RAW_DLT14 ||
    n === LINKTYPE_IPV4 ||
    n === LINKTYPE_IPV6
  );
}
