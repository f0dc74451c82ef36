// Little-endian pcapng writer (draft-ietf-opsawg-pcapng §3.1 blocks, §3.5 options, §4.1 SHB,
// §4.2 IDB, §4.3 EPB, §4.6 ISB). It only builds bytes; the caller decides where they go, so it runs
// anywhere core runs (capture agent, worker, tests). One section per writer.

const BT_SHB = 0x0a0d0d0a;
const BT_IDB = 1;
const BT_ISB = 5;
const BT_EPB = 6;
const TWO_32 = 4294967296;

export interface WriterInterface {
  linkType: number;
  /** 0 = no limit (default 262144). */
  snapLength?: number;
  name?: string;
  /** 1e6 (default) or 1e9. */
  tsUnitsPerSecond?: number;
  /** if_description (e.g. a note that timestamps are approximate). */
  description?: string;
  /** opt_comment on the IDB. */
  comment?: string;
}

export interface WriterPacket {
  interfaceId: number;
  tsSec: number;
  tsNsec: number;
  data: Uint8Array;
  /** Defaults to data.length. */
  originalLength?: number;
  comment?: string;
}

export interface WriterStatistics {
  interfaceId: number;
  tsSec: number;
  tsNsec: number;
  /** isb_ifrecv */
  received?: number;
  /** isb_ifdrop */
  dropped?: number;
  /** isb_usrdeliv: packets delivered to the capturing application. */
  delivered?: number;
  /** opt_comment on the ISB (e.g. which counters are unknown and why). */
  comment?: string;
}

interface Option {
  code: number;
  value: Uint8Array;
}

const encoder = {
  /** UTF-8 without TextEncoder (core/ has no DOM or Node types). */
  encode(s: string): Uint8Array {
    const out: number[] = [];
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return Uint8Array.from(out);
  },
};

export class PcapngWriter {
  private readonly units: number[] = [];

  /** Section Header Block; write it first. */
  header(options: { application?: string; comment?: string } = {}): Uint8Array {
    const opts: Option[] = [];
    if (options.comment !== undefined) opts.push({ code: 1, value: encoder.encode(options.comment) });
    if (options.application !== undefined) opts.push({ code: 4, value: encoder.encode(options.application) });
    return block(BT_SHB, 16, opts, (dv) => {
      dv.setUint32(8, 0x1a2b3c4d, true);
      dv.setUint16(12, 1, true);
      dv.setUint16(14, 0, true);
      // Section length unknown (-1): the writer streams.
      dv.setInt32(16, -1, true);
      dv.setInt32(20, -1, true);
    });
  }

  /** Interface Description Block; packets name the returned id. */
  addInterface(iface: WriterInterface): { id: number; bytes: Uint8Array } {
    const units = iface.tsUnitsPerSecond ?? 1e6;
    if (units !== 1e6 && units !== 1e9)
      throw new RangeError(`tsUnitsPerSecond must be 1e6 or 1e9, not ${units}`);
    const opts: Option[] = [];
    if (iface.comment !== undefined) opts.push({ code: 1, value: encoder.encode(iface.comment) });
    if (iface.name !== undefined) opts.push({ code: 2, value: encoder.encode(iface.name) });
    if (iface.description !== undefined) opts.push({ code: 3, value: encoder.encode(iface.description) });
    if (units === 1e9) opts.push({ code: 9, value: Uint8Array.of(9) });
    const id = this.units.length;
    this.units.push(units);
    const bytes = block(BT_IDB, 8, opts, (dv) => {
      dv.setUint16(8, iface.linkType, true);
      dv.setUint32(12, iface.snapLength ?? 262144, true);
    });
    return { id, bytes };
  }

  /** Enhanced Packet Block. */
  packet(p: WriterPacket): Uint8Array {
    const units = this.unitsOf(p.interfaceId);
    const [hi, lo] = timestamp(p.tsSec, p.tsNsec, units);
    const opts: Option[] = p.comment !== undefined ? [{ code: 1, value: encoder.encode(p.comment) }] : [];
    const caplen = p.data.length;
    return block(BT_EPB, 20 + pad4(caplen), opts, (dv, bytes) => {
      dv.setUint32(8, p.interfaceId, true);
      dv.setUint32(12, hi, true);
      dv.setUint32(16, lo, true);
      dv.setUint32(20, caplen, true);
      dv.setUint32(24, p.originalLength ?? caplen, true);
      bytes.set(p.data, 28);
    });
  }

  /** Interface Statistics Block with isb_ifrecv / isb_ifdrop. */
  statistics(s: WriterStatistics): Uint8Array {
    const units = this.unitsOf(s.interfaceId);
    const [hi, lo] = timestamp(s.tsSec, s.tsNsec, units);
    const opts: Option[] = [];
    if (s.comment !== undefined) opts.push({ code: 1, value: encoder.encode(s.comment) });
    if (s.received !== undefined) opts.push({ code: 4, value: u64le(s.received) });
    if (s.dropped !== undefined) opts.push({ code: 5, value: u64le(s.dropped) });
    if (s.delivered !== undefined) opts.push({ code: 8, value: u64le(s.delivered) });
    return block(BT_ISB, 12, opts, (dv) => {
      dv.setUint32(8, s.interfaceId, true);
      dv.setUint32(12, hi, true);
      dv.setUint32(16, lo, true);
    });
  }

  private unitsOf(id: number): number {
    const units = this.units[id];
    if (units === undefined) throw new RangeError(`interface ${id} was not added`);
    return units;
  }
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Builds a block: 8-byte header, `fixed` body bytes filled by `fill`, options, trailing length. */
function block(
  type: number,
  fixed: number,
  opts: Option[],
  fill: (dv: DataView, bytes: Uint8Array) => void,
): Uint8Array {
  let optBytes = 0;
  for (const o of opts) optBytes += 4 + pad4(o.value.length);
  if (opts.length > 0) optBytes += 4; // opt_endofopt
  const total = 8 + fixed + optBytes + 4;
  const bytes = new Uint8Array(total);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, type, true);
  dv.setUint32(4, total, true);
  fill(dv, bytes);
  let p = 8 + fixed;
  for (const o of opts) {
    dv.setUint16(p, o.code, true);
    dv.setUint16(p + 2, o.value.length, true);
    bytes.set(o.value, p + 4);
    p += 4 + pad4(o.value.length);
  }
  dv.setUint32(total - 4, total, true);
  return bytes;
}

/** Seconds + nanoseconds as the two 32-bit halves of a count of `units` per second. */
function timestamp(sec: number, nsec: number, units: number): [number, number] {
  const t = BigInt(sec) * BigInt(units) + BigInt(Math.floor(nsec / (1e9 / units)));
  if (t < 0n) throw new RangeError('pcapng timestamps cannot be before 1970');
  return [Number(t >> 32n), Number(t & 0xffffffffn)];
}

function u64le(n: number): Uint8Array {
  const out = new Uint8Array(8);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, n % TWO_32, true);
  dv.setUint32(4, Math.floor(n / TWO_32), true);
  return out;
}
