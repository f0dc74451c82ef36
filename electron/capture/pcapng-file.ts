// The agent's capture file: pcapng written as it goes (SHB and IDB at once, EPBs appended in small
// batches with one writev each) so that a crash or SIGKILL loses at most the unflushed batch and
// what is on disk always ends on a block boundary — readable by our reader, tshark and Wireshark.
// The section length stays -1 (unknown), which pcapng allows for exactly this streaming case.
import { closeSync, fsyncSync, openSync, writeSync, writevSync } from 'node:fs';
import {
  PcapngWriter,
  type WriterInterface,
  type WriterStatistics,
} from '../../core/capture-file/pcapng-writer.ts';

export class PcapngFile {
  private readonly writer = new PcapngWriter();
  private readonly fd: number;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Bytes on disk (flushed). */
  written = 0;
  private closed = false;

  constructor(
    readonly path: string,
    header: { application: string; comment?: string },
  ) {
    this.fd = openSync(path, 'w', 0o644);
    this.writeNow(this.writer.header(header));
  }

  /** Writes the IDB at once (the file is valid, if empty, from here on). Returns the interface id. */
  addInterface(iface: WriterInterface): number {
    const { id, bytes } = this.writer.addInterface(iface);
    this.flush();
    this.writeNow(bytes);
    return id;
  }

  /** Queues one EPB; returns the file offset it will have. */
  packet(
    interfaceId: number,
    tsSec: number,
    tsNsec: number,
    data: Uint8Array,
    originalLength: number,
  ): number {
    const block = this.writer.packet({ interfaceId, tsSec, tsNsec, data, originalLength });
    const offset = this.written + this.pendingBytes;
    this.pending.push(block);
    this.pendingBytes += block.length;
    return offset;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  get pendingSize(): number {
    return this.pendingBytes;
  }

  /** Appends the queued blocks with one writev. */
  flush(): void {
    if (this.pending.length === 0) return;
    const blocks = this.pending;
    const total = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    const done = writevSync(this.fd, blocks);
    // writev may write less than asked (e.g. a signal, a full disk); finish the rest in order.
    if (done < total) {
      let skip = done;
      for (const b of blocks) {
        if (skip >= b.length) {
          skip -= b.length;
          continue;
        }
        writeAll(this.fd, b.subarray(skip));
        skip = 0;
      }
    }
    this.written += total;
  }

  /** An ISB with the final counters, then close. */
  close(stats?: WriterStatistics): void {
    if (this.closed) return;
    this.flush();
    if (stats) this.writeNow(this.writer.statistics(stats));
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.closed = true;
  }

  private writeNow(bytes: Uint8Array): void {
    writeAll(this.fd, bytes);
    this.written += bytes.length;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}
