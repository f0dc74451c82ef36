// Per-connection frame lists kept outside the JavaScript heap. Every packet appends its frame
// number to its connection's list; as growing number[] arrays these were the only per-packet data
// the engine kept, and their copies (each growth reallocates, each survivor is copied by the
// young-generation collector and promoted) made the collector enlarge its young generation: about
// a sixth of the whole process's memory on a 140k-packet capture. Here the numbers live in one shared
// array of 32-bit words, in blocks of seven frames plus a link to the next block, so a connection
// of two packets costs one 32-byte block and a long one 4.6 bytes per frame. The number[] the
// Connection contract promises is built only when someone reads it (Connection.frames).

const BLOCK = 8;
const PER_BLOCK = BLOCK - 1;

/** Shared storage of one tracker's frame logs: one growable array of blocks. */
export class FramePool {
  words = new Uint32Array(8 * BLOCK);
  private used = 0;

  /**
   * A new empty block; returns its word offset. The storage doubles when full: growth is then
   * frequent while the JIT is still collecting type feedback, so optimised code never meets a
   * branch it has not seen (a rare first growth would throw the whole per-packet path back to
   * the interpreter).
   */
  alloc(): number {
    if ((this.used + 1) * BLOCK > this.words.length) {
      const bigger = new Uint32Array(this.words.length * 2);
      bigger.set(this.words);
      this.words = bigger;
    }
    return this.used++ * BLOCK;
  }
}

/** The frames of one connection, in arrival order. */
export class FrameLog {
  private first = -1;
  private last = -1;
  private count = 0;
  /** The list handed out by array(), extended on each call with what arrived since. */
  private list: number[] | null = null;

  constructor(private readonly pool: FramePool) {}

  get length(): number {
    return this.count;
  }

  push(frame: number): void {
    const slot = this.count % PER_BLOCK;
    const pool = this.pool;
    if (slot === 0) {
      const block = pool.alloc();
      if (this.last < 0) this.first = block;
      else pool.words[this.last + PER_BLOCK] = block;
      this.last = block;
    }
    pool.words[this.last + slot] = frame;
    this.count++;
  }

  /** [first frame, last frame], or null when there are none, without making the number[]. */
  ends(): [number, number] | null {
    if (this.count === 0) return null;
    const words = this.pool.words;
    return [words[this.first]!, words[this.last + ((this.count - 1) % PER_BLOCK)]!];
  }

  /** The frames as a number[]; the same array each time, brought up to date on each call. */
  array(): number[] {
    const list = (this.list ??= []);
    const from = list.length;
    if (from === this.count) return list;
    const words = this.pool.words;
    let block = this.first;
    // Skip the blocks already copied, then copy the rest.
    for (let i = PER_BLOCK; i <= from; i += PER_BLOCK) block = words[block + PER_BLOCK]!;
    for (let i = from; i < this.count; i++) {
      const slot = i % PER_BLOCK;
      if (slot === 0 && i > from) block = words[block + PER_BLOCK]!;
      list.push(words[block + slot]!);
    }
    return list;
  }
}

const FRAME_LOG = Symbol('frameLog');

/**
 * One getter for every connection (a getter closure per object would give each its own hidden
 * class, and a getter inside an object literal makes the object a slow dictionary): it finds the
 * log through a non-enumerable symbol property, which JSON, structuredClone and deepEqual skip.
 */
const framesProperty: PropertyDescriptor = {
  get(this: { [FRAME_LOG]: FrameLog }): number[] {
    return this[FRAME_LOG].array();
  },
  enumerable: true,
};

/** Gives `target` an enumerable `frames` property that reads `log` (see FrameLog.array()). */
export function defineFrames(target: object, log: FrameLog): void {
  Object.defineProperty(target, FRAME_LOG, { value: log });
  Object.defineProperty(target, 'frames', framesProperty);
}

/**
 * How many frames a connection has and its first and last, without building `frames` (the text
 * summary's needs). Works on any Connection; one made here reads its log directly.
 */
export function frameSpan(conn: { frames: number[] }): { count: number; first: number; last: number } | null {
  const log = (conn as { [FRAME_LOG]?: FrameLog })[FRAME_LOG];
  if (log === undefined) {
    const f = conn.frames;
    return f.length === 0 ? null : { count: f.length, first: f[0]!, last: f[f.length - 1]! };
  }
  const ends = log.ends();
  return ends === null ? null : { count: log.length, first: ends[0], last: ends[1] };
}
