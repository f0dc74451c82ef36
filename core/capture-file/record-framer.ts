// Chunk framing shared by the pcap and pcapng readers (DESIGN §2: push in, events out).
//
// Both formats are a sequence of self-delimiting units (file header, record, block) whose size is
// known once a short fixed header is readable. Each pushed chunk is parsed in place through one
// DataView: a unit lying entirely inside the chunk is handed to the format code as a view of the
// chunk (zero-copy). Only a unit that straddles chunks is copied, into one pending buffer that holds
// at most one unit, so memory stays bounded by the largest record however big the file is.

import type { CaptureError, CaptureReader, CaptureSink } from './types.ts';

const EMPTY = new Uint8Array(0);
/** A pending buffer grown past this by one huge record is dropped afterwards, not kept. */
const KEEP_PENDING_BYTES = 1 << 20;

export abstract class RecordFramer implements CaptureReader {
  /** File offset of the unit being parsed (valid inside unitSize() and unit()). */
  protected offset = 0;
  /** Packet records delivered so far (the subclass increments it). */
  protected count = 0;
  private err: CaptureError | null = null;
  private ended = false;
  private pend: Uint8Array = EMPTY;
  private pendView: DataView = new DataView(new ArrayBuffer(0));
  private pendLen = 0;
  /** Total size of the unit being assembled in `pend`; 0 while its fixed header is incomplete. */
  private pendSize = 0;

  constructor(protected readonly sink: CaptureSink) {}

  get failed(): CaptureError | null {
    return this.err;
  }

  get packets(): number {
    return this.count;
  }

  /** Bytes needed before unitSize() can tell a unit's size (may depend on the parser state). */
  protected abstract headerSize(): number;

  /**
   * Total size in bytes (≥ headerSize()) of the unit starting at `pos`, where at least headerSize()
   * bytes are readable; -1 after calling fail().
   */
  protected abstract unitSize(dv: DataView, pos: number): number;

  /** Handles one complete unit of `size` bytes at `pos` (`dv` and `bytes` view the same memory). */
  protected abstract unit(dv: DataView, bytes: Uint8Array, pos: number, size: number): void;

  /** End of input with `have` bytes of an incomplete unit pending (0: input ended cleanly). */
  protected abstract atEnd(have: number): void;

  protected fail(id: string, offset: number, message: string): void {
    if (this.err !== null) return;
    this.err = { id, offset, message };
    this.sink.error?.(this.err);
  }

  protected warn(id: string, offset: number, message: string): void {
    this.sink.warning?.({ id, offset, message });
  }

  push(chunk: Uint8Array): void {
    if (this.err !== null || this.ended || chunk.length === 0) return;
    let p = 0;
    if (this.pendLen > 0) {
      p = this.fillPending(chunk);
      if (this.pendLen > 0 || this.err !== null) return;
    }
    const n = chunk.length;
    const dv = new DataView(chunk.buffer, chunk.byteOffset, n);
    p = this.walk(dv, chunk, p);
    if (p < 0 || p === n) return;
    const size = n - p >= this.headerSize() ? this.unitSize(dv, p) : 0;
    this.reserve(Math.max(size, this.headerSize()));
    this.pend.set(chunk.subarray(p), 0);
    this.pendLen = n - p;
    this.pendSize = size;
  }

  /**
   * Hands every complete unit of the chunk from `p` on to unit(); returns where the first
   * incomplete unit starts, or -1 after fail(). A method of its own so that the JIT, which
   * optimises this loop while it runs (on-stack replacement), sees nothing after it but a return:
   * code after the loop that had not run yet made the optimised loop bail out at every chunk's end.
   */
  private walk(dv: DataView, chunk: Uint8Array, p: number): number {
    const n = chunk.length;
    for (;;) {
      const avail = n - p;
      if (avail < this.headerSize()) return p;
      const size = this.unitSize(dv, p);
      if (size < 0) return -1;
      if (avail < size) return p;
      this.unit(dv, chunk, p, size);
      if (this.err !== null) return -1;
      this.offset += size;
      p += size;
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.err !== null) return;
    this.atEnd(this.pendLen);
  }

  /** Completes the pending unit from the start of `chunk`; returns the bytes of `chunk` used. */
  private fillPending(chunk: Uint8Array): number {
    let p = 0;
    while (true) {
      const target = this.pendSize > 0 ? this.pendSize : this.headerSize();
      const take = Math.min(target - this.pendLen, chunk.length - p);
      if (take > 0) this.pend.set(chunk.subarray(p, p + take), this.pendLen);
      this.pendLen += take;
      p += take;
      if (this.pendLen < target) return p;
      if (this.pendSize === 0) {
        const size = this.unitSize(this.pendView, 0);
        if (size < 0) return p;
        if (size < target) throw new Error(`unitSize ${size} below header size ${target}`);
        this.pendSize = size;
        this.reserve(size);
        if (size > this.pendLen) continue;
      }
      const size = this.pendSize;
      this.unit(this.pendView, this.pend, 0, size);
      this.offset += size;
      this.pendLen = 0;
      this.pendSize = 0;
      if (this.pend.length > KEEP_PENDING_BYTES) this.setPending(EMPTY);
      return p;
    }
  }

  /** Makes the pending buffer hold at least `size` bytes, keeping what it has. */
  private reserve(size: number): void {
    if (this.pend.length >= size) return;
    // Doubling for small units avoids regrowing per byte; a big unit gets exactly its size.
    const cap = Math.max(size, 256, Math.min(this.pend.length * 2, KEEP_PENDING_BYTES));
    const next = new Uint8Array(cap);
    next.set(this.pend.subarray(0, this.pendLen));
    this.setPending(next);
  }

  private setPending(buf: Uint8Array): void {
    this.pend = buf;
    this.pendView = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
}
