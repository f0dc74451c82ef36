// Wrap-safe 32-bit sequence number arithmetic, RFC 9293 §3.4 ("Sequence Numbers"): sequence
// space is modulo 2^32, so "a < b" means "b is less than 2^31 ahead of a". All inputs are
// unsigned 32-bit values (as the decoder delivers them); results of add() are unsigned too.

/** Signed distance from a to b (b - a), in [-2^31, 2^31). */
export function seqDiff(a: number, b: number): number {
  return (b - a) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

export function seqGe(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}

/** a + n modulo 2^32, unsigned. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** a - b modulo 2^32, unsigned: what tshark prints as a relative number. */
export function seqSub(a: number, b: number): number {
  return (a - b) >>> 0;
}
