// Where a frame's captured bytes sit in the file, from the record's header offset: a pcap record
// header is 16 bytes (pcap-savefile §"Packet Record"); a pcapng Enhanced / obsolete Packet Block
// has 28 bytes before the data, a Simple Packet Block 12 (RFC draft pcapng §4.3, §4.4, App. A).

export function frameDataOffset(format: 'pcap' | 'pcapng' | null, blockType: number): number {
  if (format !== 'pcapng') return 16;
  return blockType === 3 ? 12 : 28;
}

export function readBlockType(head: Uint8Array, littleEndian: boolean): number {
  if (head.length < 4) return -1;
  return new DataView(head.buffer, head.byteOffset, 4).getUint32(0, littleEndian);
}
