// Format detection: the first four bytes name the format (pcap: draft-ietf-opsawg-pcap §4 magic
// numbers; pcapng: the SHB block type 0x0A0D0D0A, draft-ietf-opsawg-pcapng §4.1). They may arrive
// over several pushes, so they are collected before the real reader is chosen.

import { PcapReader } from './pcap-reader.ts';
import { PcapngReader } from './pcapng-reader.ts';
import type { CaptureError, CaptureReader, CaptureReaderOptions, CaptureSink } from './types.ts';

const KNOWN_OTHER: ReadonlyArray<[number, number, string]> = [
  [0x1f8b, 0xffff, 'gzip-compressed data: decompress it first'],
  [0x5153, 0xffff, 'looks like a compressed (QS) capture'],
];

export function createCaptureReader(sink: CaptureSink, options: CaptureReaderOptions = {}): CaptureReader {
  return new SniffingReader(sink, options);
}

class SniffingReader implements CaptureReader {
  private readonly head = new Uint8Array(4);
  private headLen = 0;
  private inner: CaptureReader | null = null;
  private err: CaptureError | null = null;
  private ended = false;

  constructor(
    private readonly sink: CaptureSink,
    private readonly options: CaptureReaderOptions,
  ) {}

  get failed(): CaptureError | null {
    return this.inner ? this.inner.failed : this.err;
  }

  get packets(): number {
    return this.inner ? this.inner.packets : 0;
  }

  push(chunk: Uint8Array): void {
    if (this.inner) return this.inner.push(chunk);
    if (this.err || this.ended) return;
    const take = Math.min(4 - this.headLen, chunk.length);
    this.head.set(chunk.subarray(0, take), this.headLen);
    this.headLen += take;
    if (this.headLen < 4) return;
    const h = this.head;
    const magic = ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
    let reader: CaptureReader;
    if (magic === 0x0a0d0d0a) reader = new PcapngReader(this.sink, this.options);
    else if (magic === 0xa1b2c3d4 || magic === 0xd4c3b2a1 || magic === 0xa1b23c4d || magic === 0x4d3cb2a1) {
      reader = new PcapReader(this.sink, this.options);
    } else {
      const hexBytes = Array.from(h, (b) => b.toString(16).padStart(2, '0')).join(' ');
      const hint = KNOWN_OTHER.find(([v, mask]) => magic >>> 16 === (v & mask))?.[2];
      this.err = {
        id: 'capture.magic.unknown',
        offset: 0,
        message: `not a pcap or pcapng file: first bytes ${hexBytes}${hint ? ` (${hint})` : ''}`,
      };
      this.sink.error?.(this.err);
      return;
    }
    this.inner = reader;
    reader.push(h.slice());
    if (take < chunk.length) reader.push(chunk.subarray(take));
  }

  end(): void {
    if (this.inner) return this.inner.end();
    if (this.err || this.ended) return;
    this.ended = true;
    this.err = {
      id: 'capture.header.truncated',
      offset: 0,
      message: `file too short for a capture header (${this.headLen} bytes)`,
    };
    this.sink.error?.(this.err);
  }
}
