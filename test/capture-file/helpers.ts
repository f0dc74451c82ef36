// Shared helpers for the capture-file tests: run a reader over some chunking of a file and record
// everything it reports, with record bytes copied (they are only valid during the sink call).
import { createCaptureReader } from '../../core/capture-file/open-capture.ts';
import type {
  CaptureError,
  CaptureInterface,
  CaptureReaderOptions,
  CaptureStatistics,
  CaptureWarning,
} from '../../core/capture-file/types.ts';

export interface SeenRecord {
  frame: number;
  fileOffset: number;
  interfaceId: number;
  linkType: number;
  hasTimestamp: boolean;
  tsSec: number;
  tsNsec: number;
  capturedLength: number;
  originalLength: number;
  hex: string;
  comments?: string[];
}

export interface Seen {
  format: string | null;
  interfaces: CaptureInterface[];
  records: SeenRecord[];
  warnings: CaptureWarning[];
  stats: CaptureStatistics[];
  error: CaptureError | null;
  errorCalls: number;
  packets: number;
  failed: CaptureError | null;
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function fromHex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s.replace(/[^0-9a-fA-F]/g, ''), 'hex'));
}

/** Feeds `chunks` (views of the file) to a fresh reader, then end(). */
export function readChunks(chunks: Iterable<Uint8Array>, options?: CaptureReaderOptions): Seen {
  const seen: Seen = {
    format: null,
    interfaces: [],
    records: [],
    warnings: [],
    stats: [],
    error: null,
    errorCalls: 0,
    packets: 0,
    failed: null,
  };
  const reader = createCaptureReader(
    {
      format: (f, order) => (seen.format = `${f}/${order}`),
      interface: (i) => seen.interfaces.push({ ...i }),
      record: (r) => {
        assert(r.data.length === r.capturedLength, 'data length equals capturedLength');
        const { data, ...rest } = r;
        seen.records.push({ ...rest, hex: toHex(data) });
      },
      warning: (w) => seen.warnings.push(w),
      statistics: (s) => seen.stats.push(s),
      error: (e) => {
        seen.error = e;
        seen.errorCalls++;
      },
    },
    options,
  );
  for (const c of chunks) {
    // Copy each chunk into a buffer we then scribble over: a reader that kept a view of a chunk
    // after push() returned would see garbage.
    const own = Uint8Array.from(c);
    reader.push(own);
    own.fill(0xee);
  }
  reader.end();
  seen.packets = reader.packets;
  seen.failed = reader.failed;
  return seen;
}

function assert(cond: boolean, what: string): void {
  if (!cond) throw new Error(`helper invariant failed: ${what}`);
}

export function read(bytes: Uint8Array, options?: CaptureReaderOptions): Seen {
  return readChunks([bytes], options);
}

/** The file split into pieces of the given sizes, cycling through them. */
export function* pieces(bytes: Uint8Array, sizes: number[]): Generator<Uint8Array> {
  let p = 0;
  let i = 0;
  while (p < bytes.length) {
    const n = sizes[i++ % sizes.length]!;
    yield bytes.subarray(p, p + n);
    p += n;
  }
}

/** Builds a pcapng block: type, total length, body padded to 4, trailing length. */
export function block(type: number, body: Uint8Array, le = true, trailer?: number): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const total = 12 + padded;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, type, le);
  dv.setUint32(4, total, le);
  out.set(body, 8);
  dv.setUint32(total - 4, trailer ?? total, le);
  return out;
}

/** Concatenates byte arrays. */
export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Little helper to write fixed fields: `fields(le, [4, v], [2, v], ...)`. 8-byte values as bigint. */
export function fields(le: boolean, ...fs: Array<[1 | 2 | 4 | 8, number | bigint]>): Uint8Array {
  const out = new Uint8Array(fs.reduce((n, [s]) => n + s, 0));
  const dv = new DataView(out.buffer);
  let p = 0;
  for (const [s, v] of fs) {
    if (s === 1) dv.setUint8(p, Number(v));
    else if (s === 2) dv.setUint16(p, Number(v), le);
    else if (s === 4) dv.setUint32(p, Number(v) >>> 0, le);
    else dv.setBigUint64(p, BigInt(v), le);
    p += s;
  }
  return out;
}

/** One pcapng option: code, length, value padded to 4. */
export function option(code: number, value: Uint8Array, le = true): Uint8Array {
  const out = new Uint8Array(4 + ((value.length + 3) & ~3));
  const dv = new DataView(out.buffer);
  dv.setUint16(0, code, le);
  dv.setUint16(2, value.length, le);
  out.set(value, 4);
  return out;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** "sec.nnnnnnnnn" as tshark prints frame.time_epoch. */
export function epoch(r: { tsSec: number; tsNsec: number }): string {
  return `${r.tsSec}.${String(r.tsNsec).padStart(9, '0')}`;
}
