// How much of a growing pcapng file is whole blocks (pcapng draft §3.1: every block starts with
// its type and total length, and ends with the length again). The capture agent appends blocks
// as it flushes; a read racing a write can see half a block, and the analysis would call that a
// truncated capture. Live views therefore load only up to the end of the last complete block.
// Incremental: each call reads only the bytes added since the last one.

/** Section Header Block's byte-order magic, read in the writer's order. */
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const CHUNK = 1024 * 1024;

export type ReadChunk = (offset: number, length: number) => Promise<{ bytes: Uint8Array; eof: boolean }>;

export class PcapngExtent {
  private end = 0;
  private little: boolean | null = null;

  constructor(private readonly read: ReadChunk) {}

  /** Bytes of complete blocks found so far. */
  get size(): number {
    return this.end;
  }

  /** Reads what was appended and returns the new end of the last complete block. */
  async advance(): Promise<number> {
    let want = CHUNK;
    for (;;) {
      const { bytes } = await this.read(this.end, want);
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let at = 0;
      let need = 0;
      while (at + 12 <= bytes.length) {
        if (this.little === null) this.little = dv.getUint32(8, true) === BYTE_ORDER_MAGIC;
        const len = dv.getUint32(at + 4, this.little);
        // Not a block boundary (a corrupt file): stop here and let the analysis report it.
        if (len < 12 || len % 4 !== 0) return (this.end += at);
        if (at + len > bytes.length) {
          need = len;
          break;
        }
        at += len;
      }
      this.end += at;
      // A full read may have more behind it; a block larger than the read needs a larger one.
      const full = bytes.length >= want;
      if (!full) return this.end;
      if (at > 0) want = CHUNK;
      else if (need > want) want = need;
      else return this.end;
    }
  }
}
