// Column tables (WebSocket frames and messages) keep their rows interleaved in one Float64Array and
// one Int32Array that double when full: these make the bigger copy.

/** `old`'s entries in a new Float64Array of `length` entries (length ≥ old.length). */
export function grownFloat64(old: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const a = new Float64Array(length);
  a.set(old);
  return a;
}

/** `old`'s entries in a new Int32Array of `length` entries (length ≥ old.length). */
export function grownInt32(old: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const a = new Int32Array(length);
  a.set(old);
  return a;
}
