// Streamed records back into pcapng bytes, so a live capture feeds the same engine entry point as
// a file (core/analyze.ts `Analyzer.push`). Frame numbers and timestamps are the agent's, so the
// result matches the file the agent wrote packet for packet.
import { PcapngWriter } from '../../core/capture-file/pcapng-writer.ts';
import type { RecordMessage, StartedMessage } from '../ipc/capture-protocol.ts';

export class LivePcapng {
  private readonly writer = new PcapngWriter();
  private readonly iface: number;
  /** SHB + IDB: push these first. */
  readonly head: Uint8Array;

  constructor(info: StartedMessage) {
    const shb = this.writer.header({ application: `Wirestep live capture (${info.backend})` });
    const { id, bytes } = this.writer.addInterface({
      linkType: info.linkType,
      snapLength: info.snapLength,
      name: info.device,
      tsUnitsPerSecond: 1e9,
    });
    this.iface = id;
    this.head = new Uint8Array(shb.length + bytes.length);
    this.head.set(shb);
    this.head.set(bytes, shb.length);
  }

  /** One record as an Enhanced Packet Block. */
  block(r: RecordMessage): Uint8Array {
    return this.writer.packet({
      interfaceId: this.iface,
      tsSec: r.tsSec,
      tsNsec: r.tsNsec,
      data: r.data,
      originalLength: r.originalLength,
    });
  }

  /** A whole capture file of `records`. */
  static file(info: StartedMessage, records: readonly RecordMessage[]): Uint8Array {
    const live = new LivePcapng(info);
    const blocks = records.map((r) => live.block(r));
    const total = blocks.reduce((n, b) => n + b.length, live.head.length);
    const out = new Uint8Array(total);
    out.set(live.head);
    let p = live.head.length;
    for (const b of blocks) {
      out.set(b, p);
      p += b.length;
    }
    return out;
  }
}
