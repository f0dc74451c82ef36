// pcapng reader: draft-ietf-opsawg-pcapng (IETF OPSAWG), sections:
//   §3.1 block structure (type, total length, body, trailing total length; multiples of 4)
//   §3.5 options (code, length, value padded to 32 bits; opt_endofopt, opt_comment)
//   §4.1 Section Header Block (byte-order magic per section, version 1.x, section length may be -1)
//   §4.2 Interface Description Block (if_name, if_description, if_tsresol, if_tsoffset)
//   §4.3 Enhanced Packet Block, §4.4 Simple Packet Block, §4.6 Interface Statistics Block,
//   Appendix "Packet Block (obsolete)" (type 2); NRB, DSB, custom (0xBAD, 0x40000BAD) and unknown
//   blocks are skipped. Custom blocks are not packets (tshark shows them as frames; we don't).
// Interface ids are numbered across the whole file: a later section's IDB 0 gets the next id.
// A block body is parsed before its trailing length is compared, as Wireshark does, so a bad
// option is reported as such even when it also breaks the trailer.

import { RecordFramer } from './record-framer.ts';
import { hex32 } from './pcap-reader.ts';
import { TimestampScale } from './timestamp-scale.ts';
import type { CaptureInterface, CaptureReaderOptions, CaptureSink, CaptureStatistics } from './types.ts';
import { decodeUtf8 } from './utf8.ts';

const BT_SHB = 0x0a0d0d0a;
const BT_IDB = 0x00000001;
const BT_PB = 0x00000002;
const BT_SPB = 0x00000003;
const BT_ISB = 0x00000005;
const BT_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const DEFAULT_MAX_BLOCK = 16 * 1024 * 1024;

const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;
const ISB_IFRECV = 4;
const ISB_IFDROP = 5;
const ISB_FILTERACCEPT = 6;
const ISB_OSDROP = 7;
const ISB_USRDELIV = 8;

/** Which block's options scanOptions() is reading (option codes mean different things per block). */
const KIND_OTHER = 0;
const KIND_IDB = 1;
const KIND_ISB = 2;

interface Interface {
  info: CaptureInterface;
  scale: TimestampScale;
  /** if_tsoffset in whole seconds (0 if absent). */
  offsetSec: number;
}

export class PcapngReader extends RecordFramer {
  private le = true;
  private sawSection = false;
  /** Every interface in the file, by global id. */
  private readonly ifaces: Interface[] = [];
  /** Global id of the current section's interface 0. */
  private sectionBase = 0;
  private readonly maxBlock: number;
  /** Position in the current unit's byte view where the block starts. */
  private unitPos = 0;

  // Filled by scanOptions() for the block being parsed.
  private optComments: string[] | undefined = undefined;
  private optName: string | undefined = undefined;
  private optDescription: string | undefined = undefined;
  private optScale: TimestampScale | undefined = undefined;
  private optTsOffset: number | undefined = undefined;
  private optStats: CaptureStatistics | undefined = undefined;

  constructor(sink: CaptureSink, options: CaptureReaderOptions = {}) {
    super(sink);
    this.maxBlock = options.maxRecordBytes ?? DEFAULT_MAX_BLOCK;
  }

  protected headerSize(): number {
    // Type, total length and the first body word: for an SHB that word is the byte-order magic,
    // which is needed to read the length at all. No valid block is shorter.
    return 12;
  }

  protected unitSize(dv: DataView, pos: number): number {
    const offset = this.offset;
    if (dv.getUint32(pos, true) === BT_SHB) {
      const magic = dv.getUint32(pos + 8, true);
      if (magic === BYTE_ORDER_MAGIC) this.le = true;
      else if (magic === 0x4d3c2b1a) this.le = false;
      else {
        this.fail(
          'pcapng.section.byte_order_invalid',
          offset + 8,
          `byte-order magic ${hex32(magic)} is not 1a2b3c4d`,
        );
        return -1;
      }
    } else if (!this.sawSection) {
      this.fail(
        'capture.magic.unknown',
        0,
        `pcapng file does not start with a Section Header Block (${hex32(dv.getUint32(pos, false))})`,
      );
      return -1;
    }
    const len = dv.getUint32(pos + 4, this.le);
    if (len < 12 || (len & 3) !== 0) {
      this.fail(
        'pcapng.block.length_invalid',
        offset,
        `block total length ${len} is not a multiple of 4 of at least 12`,
      );
      return -1;
    }
    if (len > this.maxBlock) {
      this.fail(
        'pcapng.block.too_large',
        offset,
        `block of ${len} bytes is larger than the limit of ${this.maxBlock}`,
      );
      return -1;
    }
    return len;
  }

  protected atEnd(have: number): void {
    if (!this.sawSection) {
      this.fail(
        'capture.header.truncated',
        0,
        `file ends inside the first Section Header Block (${have} bytes)`,
      );
    } else if (have > 0) {
      this.fail(
        'pcapng.block.truncated',
        this.offset,
        `block at offset ${this.offset} is cut short (${have} bytes present)`,
      );
    }
  }

  protected unit(dv: DataView, bytes: Uint8Array, pos: number, size: number): void {
    this.unitPos = pos;
    const type = dv.getUint32(pos, this.le);
    switch (type) {
      case BT_EPB:
        return this.packet(dv, bytes, pos, size, dv.getUint32(pos + 8, this.le));
      case BT_SPB:
        return this.simplePacket(dv, bytes, pos, size);
      case BT_PB:
        return this.packet(dv, bytes, pos, size, dv.getUint16(pos + 8, this.le));
      case BT_IDB:
        return this.interfaceBlock(dv, bytes, pos, size);
      case BT_SHB:
        return this.sectionHeader(dv, bytes, pos, size);
      case BT_ISB:
        return this.statisticsBlock(dv, bytes, pos, size);
      default:
        this.trailerOk(dv, pos, size);
    }
  }

  /** EPB (§4.3) and the obsolete PB: same layout after the interface id. */
  private packet(dv: DataView, bytes: Uint8Array, pos: number, size: number, localId: number): void {
    const offset = this.offset;
    const le = this.le;
    if (size < 32)
      return this.fail(
        'pcapng.block.length_invalid',
        offset,
        `packet block of ${size} bytes is shorter than 32`,
      );
    if (localId >= this.ifaces.length - this.sectionBase) {
      return this.fail(
        'pcapng.interface.unknown',
        offset,
        `packet block names interface ${localId}, but its section defines ${this.ifaces.length - this.sectionBase}`,
      );
    }
    const caplen = dv.getUint32(pos + 20, le);
    if (caplen > size - 32) {
      return this.fail(
        'pcapng.packet.length_invalid',
        offset,
        `captured length ${caplen} does not fit in a ${size}-byte block`,
      );
    }
    const optStart = pos + 28 + ((caplen + 3) & ~3);
    const end = pos + size - 4;
    this.optComments = undefined;
    if (optStart < end && !this.scanOptions(dv, bytes, optStart, end, KIND_OTHER)) return;
    if (!this.trailerOk(dv, pos, size)) return;
    const len = dv.getUint32(pos + 24, le);
    if (caplen > len) {
      this.warn(
        'pcapng.packet.caplen_exceeds_len',
        offset,
        `captured length ${caplen} is larger than the original length ${len}`,
      );
    }
    const id = this.sectionBase + localId;
    const iface = this.ifaces[id]!;
    const scale = iface.scale;
    scale.convert(dv.getUint32(pos + 12, le), dv.getUint32(pos + 16, le));
    // Not subarray(): the constructor makes the same view faster (see pcap-reader.ts).
    const data = new Uint8Array(bytes.buffer, bytes.byteOffset + pos + 28, caplen);
    const record = {
      frame: ++this.count,
      fileOffset: offset,
      interfaceId: id,
      linkType: iface.info.linkType,
      hasTimestamp: true,
      tsSec: scale.sec + iface.offsetSec,
      tsNsec: scale.nsec,
      capturedLength: caplen,
      originalLength: len,
      data,
    };
    if (this.optComments === undefined) this.sink.record(record);
    else this.sink.record({ ...record, comments: this.optComments });
  }

  /** SPB (§4.4): interface 0 of the section, no timestamp, captured length implied. */
  private simplePacket(dv: DataView, bytes: Uint8Array, pos: number, size: number): void {
    const offset = this.offset;
    if (size < 16)
      return this.fail(
        'pcapng.block.length_invalid',
        offset,
        `simple packet block of ${size} bytes is shorter than 16`,
      );
    if (this.ifaces.length === this.sectionBase) {
      return this.fail(
        'pcapng.interface.unknown',
        offset,
        'simple packet block before any interface description in its section',
      );
    }
    if (!this.trailerOk(dv, pos, size)) return;
    const iface = this.ifaces[this.sectionBase]!;
    const len = dv.getUint32(pos + 8, this.le);
    let caplen = len;
    const snap = iface.info.snapLength;
    if (snap > 0 && caplen > snap) caplen = snap;
    if (caplen > size - 16) caplen = size - 16;
    this.sink.record({
      frame: ++this.count,
      fileOffset: offset,
      interfaceId: this.sectionBase,
      linkType: iface.info.linkType,
      hasTimestamp: false,
      tsSec: 0,
      tsNsec: 0,
      capturedLength: caplen,
      originalLength: len,
      data: bytes.subarray(pos + 12, pos + 12 + caplen),
    });
  }

  private sectionHeader(dv: DataView, bytes: Uint8Array, pos: number, size: number): void {
    const offset = this.offset;
    if (size < 28)
      return this.fail(
        'pcapng.block.length_invalid',
        offset,
        `section header block of ${size} bytes is shorter than 28`,
      );
    const major = dv.getUint16(pos + 12, this.le);
    const minor = dv.getUint16(pos + 14, this.le);
    if (major !== 1) {
      return this.fail(
        'pcapng.section.version_unsupported',
        offset + 12,
        `pcapng version ${major}.${minor} is not supported (need 1.x)`,
      );
    }
    if (!this.scanOptions(dv, bytes, pos + 24, pos + size - 4, KIND_OTHER)) return;
    if (!this.trailerOk(dv, pos, size)) return;
    this.sectionBase = this.ifaces.length;
    if (!this.sawSection) {
      this.sawSection = true;
      this.sink.format?.('pcapng', this.le ? 'le' : 'be');
    }
  }

  private interfaceBlock(dv: DataView, bytes: Uint8Array, pos: number, size: number): void {
    const offset = this.offset;
    if (size < 20)
      return this.fail(
        'pcapng.block.length_invalid',
        offset,
        `interface description block of ${size} bytes is shorter than 20`,
      );
    this.optName = this.optDescription = undefined;
    this.optScale = undefined;
    this.optTsOffset = undefined;
    if (!this.scanOptions(dv, bytes, pos + 16, pos + size - 4, KIND_IDB)) return;
    if (!this.trailerOk(dv, pos, size)) return;
    // Each interface owns its scale object: convert() leaves its result in the object.
    const scale = this.optScale ?? new TimestampScale(1e6);
    const info: CaptureInterface = {
      id: this.ifaces.length,
      linkType: dv.getUint16(pos + 8, this.le),
      snapLength: dv.getUint32(pos + 12, this.le),
      tsUnitsPerSecond: scale.unitsPerSecond,
    };
    if (this.optName !== undefined) info.name = this.optName;
    if (this.optDescription !== undefined) info.description = this.optDescription;
    if (this.optTsOffset !== undefined) info.tsOffset = this.optTsOffset;
    this.ifaces.push({ info, scale, offsetSec: this.optTsOffset ?? 0 });
    this.sink.interface?.(info);
  }

  private statisticsBlock(dv: DataView, bytes: Uint8Array, pos: number, size: number): void {
    const offset = this.offset;
    if (size < 24)
      return this.fail(
        'pcapng.block.length_invalid',
        offset,
        `interface statistics block of ${size} bytes is shorter than 24`,
      );
    const localId = dv.getUint32(pos + 8, this.le);
    const known = localId < this.ifaces.length - this.sectionBase;
    const iface = known ? this.ifaces[this.sectionBase + localId]! : undefined;
    const scale = iface?.scale ?? new TimestampScale(1e6);
    scale.convert(dv.getUint32(pos + 12, this.le), dv.getUint32(pos + 16, this.le));
    this.optStats = {
      fileOffset: offset,
      interfaceId: this.sectionBase + localId,
      tsSec: scale.sec + (iface?.offsetSec ?? 0),
      tsNsec: scale.nsec,
    };
    this.optComments = undefined;
    if (!this.scanOptions(dv, bytes, pos + 20, pos + size - 4, KIND_ISB)) return;
    if (!this.trailerOk(dv, pos, size)) return;
    if (!known) {
      this.warn(
        'pcapng.statistics.interface_unknown',
        offset,
        `statistics block names interface ${localId}, not defined in its section`,
      );
      return;
    }
    if (this.optComments !== undefined) this.optStats.comments = this.optComments;
    this.sink.statistics?.(this.optStats);
  }

  /** Compares the trailing total length with the leading one (§3.1). */
  private trailerOk(dv: DataView, pos: number, size: number): boolean {
    const trailer = dv.getUint32(pos + size - 4, this.le);
    if (trailer === size) return true;
    this.fail(
      'pcapng.block.length_invalid',
      this.offset,
      `trailing block length ${trailer} differs from the leading ${size}`,
    );
    return false;
  }

  /** Walks the options in [start, end) (§3.5); false after fail() if one runs past the block. */
  private scanOptions(dv: DataView, bytes: Uint8Array, start: number, end: number, kind: number): boolean {
    const le = this.le;
    // Adding `base` turns a position in `bytes` into a file offset.
    const base = this.offset - this.unitPos;
    let p = start;
    this.optComments = undefined;
    while (p < end) {
      if (end - p < 4) return this.badOption(p, base, `${end - p} bytes left, too few for an option header`);
      const code = dv.getUint16(p, le);
      const len = dv.getUint16(p + 2, le);
      if (code === OPT_ENDOFOPT) return true;
      const v = p + 4;
      if (len > end - v)
        return this.badOption(p, base, `option ${code} of length ${len} runs past the end of its block`);
      if (code === OPT_COMMENT) {
        (this.optComments ??= []).push(decodeUtf8(bytes, v, v + len));
      } else if (kind === KIND_IDB) {
        this.interfaceOption(dv, bytes, code, v, len);
      } else if (kind === KIND_ISB && len === 8 && code >= ISB_IFRECV && code <= ISB_USRDELIV) {
        const value = u64(dv, v, le);
        const stats = this.optStats!;
        if (code === ISB_IFRECV) stats.received = value;
        else if (code === ISB_IFDROP) stats.interfaceDropped = value;
        else if (code === ISB_FILTERACCEPT) stats.filterAccepted = value;
        else if (code === ISB_OSDROP) stats.osDropped = value;
        else stats.delivered = value;
      }
      p = v + ((len + 3) & ~3);
    }
    return true;
  }

  private interfaceOption(dv: DataView, bytes: Uint8Array, code: number, v: number, len: number): void {
    // Options of an unexpected size are ignored rather than fatal, as Wireshark does.
    if (code === IF_NAME) this.optName = decodeUtf8(bytes, v, v + len);
    else if (code === IF_DESCRIPTION) this.optDescription = decodeUtf8(bytes, v, v + len);
    else if (code === IF_TSRESOL && len === 1) this.optScale = TimestampScale.fromResolution(bytes[v]!);
    else if (code === IF_TSOFFSET && len === 8) {
      const hi = dv.getInt32(this.le ? v + 4 : v, this.le);
      const lo = dv.getUint32(this.le ? v : v + 4, this.le);
      this.optTsOffset = hi * 4294967296 + lo;
    }
  }

  private badOption(p: number, base: number, message: string): boolean {
    this.fail('pcapng.option.invalid', p + base, message);
    return false;
  }
}

/** An unsigned 64-bit option value in the section's byte order (exact up to 2^53). */
function u64(dv: DataView, p: number, le: boolean): number {
  const hi = dv.getUint32(le ? p + 4 : p, le);
  const lo = dv.getUint32(le ? p : p + 4, le);
  return hi * 4294967296 + lo;
}
