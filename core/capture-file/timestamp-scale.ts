// pcapng timestamps (draft-ietf-opsawg-pcapng §4.6 if_tsresol, §4.3 EPB Timestamp): a 64-bit count
// of units since 1970, stored as two 32-bit halves, with units of 10^-n or 2^-n seconds.
//
// In nanoseconds the count passes 2^53 (2^53 ns ≈ 104 days), so hi * 2^32 + lo is not exact as a
// double. Writing 2^32 = q·D + m and hi = h1·2^16 + h0 splits the count into D·(whole seconds) plus a
// remainder below 2^50, which doubles handle exactly for any D ≤ 2^32 — no BigInt per packet.
// Larger unit counts (picoseconds, 2^-40 …) fall back to BigInt.

const TWO_32 = 4294967296;

export class TimestampScale {
  /** Result of the last convert(): whole seconds and nanoseconds (truncated, like Wireshark). */
  sec = 0;
  nsec = 0;
  private readonly fast: boolean;
  private readonly q: number;
  private readonly m: number;
  private readonly q2: number;
  private readonly m2: number;
  /** 1e9 / D when D divides 1e9, else 0. */
  private readonly nsMul: number;
  /** rem * 1e9 stays below 2^53, so Math.floor(rem * 1e9 / D) is exact. */
  private readonly nsFloat: boolean;
  private readonly big: bigint;

  constructor(readonly unitsPerSecond: number) {
    const d = unitsPerSecond;
    this.fast = Number.isInteger(d) && d >= 1 && d <= TWO_32;
    this.big = this.fast || Number.isSafeInteger(d) ? BigInt(d) : BigInt(Math.round(d));
    this.q = this.fast ? Math.floor(TWO_32 / d) : 0;
    this.m = this.fast ? TWO_32 - this.q * d : 0;
    this.q2 = this.fast ? Math.floor((this.m * 65536) / d) : 0;
    this.m2 = this.fast ? this.m * 65536 - this.q2 * d : 0;
    this.nsMul = this.fast && 1e9 % d === 0 ? 1e9 / d : 0;
    this.nsFloat = this.fast && d * 1e9 <= Number.MAX_SAFE_INTEGER;
  }

  /** if_tsresol option byte: bit 7 clear = 10^-n seconds, set = 2^-n seconds. */
  static fromResolution(byte: number): TimestampScale {
    const n = byte & 0x7f;
    if (byte & 0x80) return new TimestampScale(2 ** n);
    return n <= 15 ? new TimestampScale(10 ** n) : new TimestampScale(Number(10n ** BigInt(n)));
  }

  /** Converts a timestamp given as its two 32-bit halves into `sec` and `nsec`. */
  convert(hi: number, lo: number): void {
    if (!this.fast) return this.convertBig(hi, lo);
    const d = this.unitsPerSecond;
    const h1 = hi >>> 16;
    const h0 = hi & 0xffff;
    const r = h1 * this.m2 + h0 * this.m + lo;
    const rq = Math.floor(r / d);
    const rem = r - rq * d;
    this.sec = hi * this.q + h1 * this.q2 + rq;
    if (this.nsMul > 0) this.nsec = rem * this.nsMul;
    else if (this.nsFloat) this.nsec = Math.floor((rem * 1e9) / d);
    else this.nsec = Number((BigInt(rem) * 1_000_000_000n) / this.big);
  }

  private convertBig(hi: number, lo: number): void {
    const t = (BigInt(hi) << 32n) | BigInt(lo);
    this.sec = Number(t / this.big);
    this.nsec = Number(((t % this.big) * 1_000_000_000n) / this.big);
  }
}
