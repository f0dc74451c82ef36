// The contract between capture-file readers and the rest of the engine.
//
// Readers are push parsers: feed any chunking of the file's bytes with push(), then end(). They
// call the sink synchronously for each record; a record's `data` is a view that is only valid
// during that call (it may point into the pushed chunk), so a consumer that keeps bytes copies them.

export type CaptureFormat = 'pcap' | 'pcapng';

/** One packet record, in file order. */
export interface CaptureRecord {
  /** 1-based position among packet records (as Wireshark numbers frames; non-packet blocks are not counted). */
  frame: number;
  /** Byte offset in the file where this record's header (pcap) or block (pcapng) starts. */
  fileOffset: number;
  /** Interface index across the whole file (pcapng: all sections' IDBs numbered in order); 0 for pcap. */
  interfaceId: number;
  /** LINKTYPE_* value of the record's interface. */
  linkType: number;
  /** False for pcapng Simple Packet Blocks, which carry no timestamp. */
  hasTimestamp: boolean;
  /** Whole seconds since the Unix epoch (may be negative for odd files). */
  tsSec: number;
  /** Nanoseconds within the second, 0..999999999 (normalised: see the reader for invalid input). */
  tsNsec: number;
  /** Bytes present in the file (caplen). */
  capturedLength: number;
  /** Bytes the packet had on the wire (len). capturedLength < originalLength means snaplen cut it. */
  originalLength: number;
  /** The captured bytes; valid only during the sink call. */
  data: Uint8Array;
  /** pcapng opt_comment values, if any. */
  comments?: string[];
}

export interface CaptureInterface {
  /** Index across the file (see CaptureRecord.interfaceId). */
  id: number;
  linkType: number;
  snapLength: number;
  name?: string;
  description?: string;
  /** Timestamp units per second (pcap: 1e6 or 1e9; pcapng: from if_tsresol, default 1e6). */
  tsUnitsPerSecond: number;
  /** if_tsoffset in seconds, if present. */
  tsOffset?: number;
}

/** A non-fatal problem with the file itself (the packets it affects are still reported). */
export interface CaptureWarning {
  id: string;
  /** Byte offset in the file where the problem is. */
  offset: number;
  message: string;
}

/**
 * A fatal problem: the reader stopped at `offset`. Records before it were already delivered.
 * Ids: capture.magic.unknown, capture.header.truncated, pcap.record.truncated,
 * pcap.record.too_large, pcapng.block.truncated, pcapng.block.length_invalid, ...
 */
export interface CaptureError {
  id: string;
  offset: number;
  message: string;
}

export interface CaptureSink {
  /** Called once the file header (pcap) or first SHB (pcapng) is understood. */
  format?(format: CaptureFormat, byteOrder: 'le' | 'be'): void;
  interface?(iface: CaptureInterface): void;
  record(record: CaptureRecord): void;
  warning?(warning: CaptureWarning): void;
  /** Called at most once; after it the reader ignores further input. */
  error?(error: CaptureError): void;
  /** pcapng Interface Statistics Blocks, in file order (pcap files have none). */
  statistics?(stats: CaptureStatistics): void;
}

/** One pcapng Interface Statistics Block (counters absent from the block are left out). */
export interface CaptureStatistics {
  /** Byte offset of the block in the file. */
  fileOffset: number;
  /** Interface index across the file (see CaptureRecord.interfaceId). */
  interfaceId: number;
  /** When the counters were taken (seconds since the epoch + nanoseconds). */
  tsSec: number;
  tsNsec: number;
  /** isb_ifrecv: packets the interface received. */
  received?: number;
  /** isb_ifdrop: packets the interface dropped (no buffer space). */
  interfaceDropped?: number;
  /** isb_filteraccept: packets the capture filter accepted. */
  filterAccepted?: number;
  /** isb_osdrop: packets the OS dropped. */
  osDropped?: number;
  /** isb_usrdeliv: packets delivered to the capturing application. */
  delivered?: number;
  comments?: string[];
}

export interface CaptureReaderOptions {
  /** Largest record or block accepted, in bytes (default 16 MiB; libpcap's limit is 256 KiB for pcap). */
  maxRecordBytes?: number;
}

export interface CaptureReader {
  push(chunk: Uint8Array): void;
  /** End of input: reports a truncated last record as an error. */
  end(): void;
  /** The fatal error, if the reader stopped. */
  readonly failed: CaptureError | null;
  /** Packet records delivered so far. */
  readonly packets: number;
}
