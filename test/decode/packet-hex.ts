// Test helpers: packets as readable hex. Whitespace and '|' (field separators for the reader) are
// ignored. The builders only fill in length fields so each test states the fields it is about.
import type { CaptureRecord } from '../../core/capture-file/types.ts';

export function bytes(text: string): Uint8Array {
  const clean = text.replace(/[\s|]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`bad hex: ${text}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function hex16(n: number): string {
  return n.toString(16).padStart(4, '0');
}

export function hex8(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** A record as a capture reader would deliver it. `data` may sit inside a larger buffer. */
export function record(
  linkType: number,
  data: Uint8Array | string,
  opts: { originalLength?: number; frame?: number; embed?: boolean } = {},
): CaptureRecord {
  let d = typeof data === 'string' ? bytes(data) : data;
  if (opts.embed) {
    // Put the packet in the middle of a bigger buffer, as a reader's view into its chunk.
    const big = new Uint8Array(d.length + 17).fill(0xee);
    big.set(d, 7);
    d = big.subarray(7, 7 + d.length);
  }
  return {
    frame: opts.frame ?? 1,
    fileOffset: 24,
    interfaceId: 0,
    linkType,
    hasTimestamp: true,
    tsSec: 1700000000,
    tsNsec: 5,
    capturedLength: d.length,
    originalLength: opts.originalLength ?? d.length,
    data: d,
  };
}

export const ETH_IPV4 = '020000000001 020000000002 0800';
export const ETH_IPV6 = '020000000001 020000000002 86dd';

/** IPv4 header: 45 tos len | id flags/frag | ttl proto csum | src | dst, then options. */
export function ipv4(
  payload: string,
  o: {
    proto?: number;
    options?: string;
    flagsFrag?: string;
    totalLength?: number;
    ihl?: number;
    src?: string;
    dst?: string;
  } = {},
): string {
  const options = (o.options ?? '').replace(/[\s|]/g, '');
  const headerLength = 20 + options.length / 2;
  const payloadLength = payload.replace(/[\s|]/g, '').length / 2;
  const ihl = o.ihl ?? headerLength / 4;
  return (
    `${hex8(0x40 | ihl)}00 ${hex16(o.totalLength ?? headerLength + payloadLength)} | 1234 ${o.flagsFrag ?? '4000'} | ` +
    `40 ${hex8(o.proto ?? 6)} 0000 | ${o.src ?? 'c0a80001'} | ${o.dst ?? '7f000001'} | ${options} | ${payload}`
  );
}

export const SRC6 = '20010db8000000000000000000000001';
export const DST6 = '00000000000000000000000000000001';

/** IPv6 fixed header (tc 0, flow label 0x12345) followed by the payload (extension headers included). */
export function ipv6(payload: string, o: { next?: number; payloadLength?: number } = {}): string {
  const payloadLength = payload.replace(/[\s|]/g, '').length / 2;
  return `60012345 ${hex16(o.payloadLength ?? payloadLength)} ${hex8(o.next ?? 6)} 40 | ${SRC6} | ${DST6} | ${payload}`;
}

/** TCP header: ports c000 → 0050, seq 01020304, ack 0a0b0c0d, then offset/flags, window 0xfaf0. */
export function tcp(
  payload = '',
  o: { flags?: number; options?: string; dataOffset?: number; seq?: string; ack?: string } = {},
): string {
  const options = (o.options ?? '').replace(/[\s|]/g, '');
  const words = o.dataOffset ?? 5 + options.length / 8;
  const offsetFlags = (words << 12) | (o.flags ?? 0x018);
  return `c000 0050 | ${o.seq ?? '01020304'} | ${o.ack ?? '0a0b0c0d'} | ${hex16(offsetFlags)} faf0 | beef 0007 | ${options} | ${payload}`;
}
