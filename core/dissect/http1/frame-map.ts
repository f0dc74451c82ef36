// Which frame carried the byte at a stream offset. DESIGN §3 says a message belongs to the frame
// whose bytes complete it, and the parser only keeps bytes it has not consumed yet, so this keeps
// the (start offset, frame) of every chunk still queued plus the one just before, and forgets the
// rest as the read position moves on.

export class FrameMap {
  private starts: number[] = [];
  private frames: number[] = [];
  private head = 0;

  /** Bytes from `offset` onwards came in `frame` (offsets must not go backwards). */
  add(offset: number, frame: number): void {
    const n = this.starts.length;
    if (n > this.head && this.starts[n - 1] === offset) {
      this.frames[n - 1] = frame;
      return;
    }
    this.starts.push(offset);
    this.frames.push(frame);
  }

  /** Frame of the byte at `offset` (the latest chunk starting at or before it); null if unknown. */
  frameAt(offset: number): number | null {
    let found: number | null = null;
    for (let i = this.head; i < this.starts.length; i++) {
      if (this.starts[i]! > offset) break;
      found = this.frames[i]!;
    }
    return found;
  }

  /** The frame of the latest chunk added. */
  last(): number | null {
    return this.starts.length > this.head ? this.frames[this.frames.length - 1]! : null;
  }

  /** Forget chunks that end before `offset` (the read position). */
  prune(offset: number): void {
    while (this.head + 1 < this.starts.length && this.starts[this.head + 1]! <= offset) this.head++;
    if (this.head > 64 && this.head * 2 > this.starts.length) {
      this.starts = this.starts.slice(this.head);
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
  }

  /**
   * Cuts [from, to) into per-frame pieces: [start, end, frame] triples, in order. Used to hand
   * leftover bytes over with their provenance.
   */
  pieces(from: number, to: number): [number, number, number][] {
    const out: [number, number, number][] = [];
    for (let i = this.head; i < this.starts.length; i++) {
      const s = Math.max(from, this.starts[i]!);
      const e = Math.min(to, i + 1 < this.starts.length ? this.starts[i + 1]! : to);
      if (e <= s) continue;
      const prev = out[out.length - 1];
      // One frame may have been pushed as several chunks: hand it back as one piece.
      if (prev !== undefined && prev[2] === this.frames[i] && prev[1] === s) prev[1] = e;
      else out.push([s, e, this.frames[i]!]);
    }
    return out;
  }
}
