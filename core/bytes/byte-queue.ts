// The one buffering primitive of the push parsers (DESIGN §2): bytes arrive in chunks of any size,
// parsers peek and consume across chunk boundaries without ever concatenating whole streams.
//
// Chunks pushed are *borrowed*: the caller may reuse their memory after its push call returns
// (capture readers hand out views of their read buffer). A parser that leaves bytes queued at the
// end of its loop calls retain(), which copies only those leftover bytes into owned memory.

export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** owned[i]: chunks[i] is our own copy (true) or borrowed from the caller (false). */
  private owned: boolean[] = [];
  /** Read position inside chunks[0]. */
  private head = 0;
  private size = 0;
  /** Stream offset of the next unread byte (bytes consumed so far, plus skipped gaps). */
  private consumedTotal = 0;

  /** Unread bytes queued. */
  get length(): number {
    return this.size;
  }

  /** Stream offset of the next unread byte. */
  get offset(): number {
    return this.consumedTotal;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.owned.push(false);
    this.size += chunk.length;
  }

  /** Byte at position i from the read position; -1 past the end. */
  byteAt(i: number): number {
    if (i < 0 || i >= this.size) return -1;
    let pos = i + this.head;
    for (const c of this.chunks) {
      if (pos < c.length) return c[pos]!;
      pos -= c.length;
    }
    return -1;
  }

  /**
   * The first n unread bytes as one contiguous array. A view when they lie in one chunk, a copy
   * otherwise. Throws if fewer than n bytes are queued (a parser bug: check length first).
   */
  peek(n: number): Uint8Array {
    if (n > this.size) throw new RangeError(`peek(${n}) with ${this.size} bytes queued`);
    const first = this.chunks[0];
    if (n === 0 || first === undefined) return new Uint8Array(0);
    if (this.head + n <= first.length) return first.subarray(this.head, this.head + n);
    const out = new Uint8Array(n);
    let filled = 0;
    let start = this.head;
    for (const c of this.chunks) {
      const take = Math.min(c.length - start, n - filled);
      out.set(c.subarray(start, start + take), filled);
      filled += take;
      start = 0;
      if (filled === n) break;
    }
    return out;
  }

  /** Like peek(n) then skip(n). */
  consume(n: number): Uint8Array {
    const out = this.peek(n);
    this.skip(n);
    return out;
  }

  /** Drops n unread bytes (n ≤ length). */
  skip(n: number): void {
    if (n > this.size) throw new RangeError(`skip(${n}) with ${this.size} bytes queued`);
    this.size -= n;
    this.consumedTotal += n;
    while (n > 0) {
      const first = this.chunks[0]!;
      const avail = first.length - this.head;
      if (n < avail) {
        this.head += n;
        return;
      }
      n -= avail;
      this.chunks.shift();
      this.owned.shift();
      this.head = 0;
    }
  }

  /** Advances the stream offset over bytes that were never seen (a capture gap); drops nothing. */
  advanceOffset(n: number): void {
    this.consumedTotal += n;
  }

  /** Drops everything queued. */
  clear(): void {
    this.consumedTotal += this.size;
    this.chunks = [];
    this.owned = [];
    this.head = 0;
    this.size = 0;
  }

  /**
   * Position (relative to the read position) of the first occurrence of `a` followed by `b`
   * (b = -1: `a` alone), searching [from, limit). -1 if absent.
   */
  indexOfPair(a: number, b: number, from = 0, limit = this.size): number {
    const end = Math.min(limit, this.size);
    let i = 0;
    let prevMatch = false;
    let start = this.head;
    for (const c of this.chunks) {
      for (let p = start; p < c.length; p++, i++) {
        if (i >= end) return -1;
        const v = c[p]!;
        if (b < 0) {
          if (i >= from && v === a) return i;
        } else {
          if (prevMatch && v === b && i - 1 >= from) return i - 1;
          prevMatch = v === a;
        }
      }
      start = 0;
    }
    return -1;
  }

  /**
   * Copies still-borrowed queued bytes into owned memory (call before the caller's chunk goes away).
   * Chunks already owned are kept as they are, so waiting for a large body costs O(body), not O(body²).
   */
  retain(): void {
    for (let i = 0; i < this.chunks.length; i++) {
      if (this.owned[i]) continue;
      const c = this.chunks[i]!;
      this.chunks[i] = i === 0 ? c.slice(this.head) : c.slice();
      if (i === 0) this.head = 0;
      this.owned[i] = true;
    }
  }
}
