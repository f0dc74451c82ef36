// Timestamps for backends that deliver none (cap passes no struct pcap_pkthdr time to JS). The
// monotonic clock is read at delivery and anchored once to the wall clock, so times never jump
// with NTP and stay ordered; they lag the kernel's receive time by the delivery latency (usually
// tens of microseconds, more under load), which is why files and records are marked approximate.

export class AgentClock {
  private readonly wallNs: bigint;
  private readonly monoNs: bigint;

  constructor(now = Date.now(), mono = process.hrtime.bigint()) {
    this.wallNs = BigInt(now) * 1_000_000n;
    this.monoNs = mono;
  }

  /** [seconds, nanoseconds] since the epoch for a monotonic reading. */
  at(mono: bigint = process.hrtime.bigint()): [number, number] {
    const t = this.wallNs + (mono - this.monoNs);
    return [Number(t / 1_000_000_000n), Number(t % 1_000_000_000n)];
  }
}
