// Bounded memory on a long stream: ~100 MB of records pushed in 64 KiB chunks must not accumulate
// (the reader keeps at most one record's bytes). Prints a throughput figure; nothing is timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCaptureReader, PcapngWriter } from '../../core/capture-file/index.ts';
import { cat, fields } from './helpers.ts';

const CHUNK = 64 * 1024;
const TOTAL = 100 * 1024 * 1024;

/** One 64 KiB-chunk's worth of file, built so that records straddle chunk boundaries. */
function pcapStream(): { header: Uint8Array; body: Uint8Array; perBody: number } {
  const header = fields(true, [4, 0xa1b2c3d4], [2, 2], [2, 4], [4, 0], [4, 0], [4, 65535], [4, 1]);
  const recs: Uint8Array[] = [];
  let n = 0;
  // Record sizes 16+(60..1513) cycling: a body of ~1 MB that does not align to 64 KiB.
  for (let i = 0, size = 0; size < 1_000_000; i++) {
    const len = 60 + ((i * 389) % 1454);
    recs.push(
      cat(fields(true, [4, 1700000000 + i], [4, i % 1000000], [4, len], [4, len]), new Uint8Array(len)),
    );
    size += 16 + len;
    n++;
  }
  return { header, body: cat(...recs), perBody: n };
}

function pushAll(reader: { push(c: Uint8Array): void }, header: Uint8Array, body: Uint8Array): number {
  reader.push(header);
  let pushed = header.length;
  // Reuse one chunk buffer like a file reader does: bytes the reader keeps must be copied.
  const chunk = new Uint8Array(CHUNK);
  let off = 0;
  while (pushed < TOTAL) {
    let filled = 0;
    while (filled < CHUNK) {
      const take = Math.min(CHUNK - filled, body.length - off);
      chunk.set(body.subarray(off, off + take), filled);
      filled += take;
      off = (off + take) % body.length;
    }
    reader.push(chunk);
    pushed += CHUNK;
  }
  return pushed;
}

function measure(name: string, header: Uint8Array, body: Uint8Array, check: (n: number) => void) {
  globalThis.gc?.();
  // Typed-array backing stores live outside the JS heap: count them too.
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  let records = 0;
  let bytes = 0;
  let peak = 0;
  const reader = createCaptureReader({
    record: (r) => {
      records++;
      bytes += r.capturedLength;
      if ((records & 0xfff) === 0) peak = Math.max(peak, used() - before);
    },
  });
  const t0 = performance.now();
  const pushed = pushAll(reader, header, body);
  const ms = performance.now() - t0;
  assert.equal(reader.failed, null);
  check(records);
  assert.ok(bytes > 0.9 * pushed);
  console.log(
    `${name}: ${(pushed / 1e6).toFixed(0)} MB, ${records} records in ${ms.toFixed(0)} ms ` +
      `(${(pushed / 1e6 / (ms / 1000)).toFixed(0)} MB/s, ${((ms * 1000) / records).toFixed(3)} µs/record), ` +
      `peak heap + array-buffer growth ${(peak / 1e6).toFixed(1)} MB`,
  );
  assert.ok(peak < 20e6, `heap growth ${peak} bytes`);
}

test('pcap: 100 MB in 64 KiB chunks with bounded memory', () => {
  const { header, body, perBody } = pcapStream();
  measure('pcap', header, body, (n) => assert.ok(n > (perBody * TOTAL) / body.length - perBody));
});

test('pcapng: 100 MB in 64 KiB chunks with bounded memory', () => {
  const w = new PcapngWriter();
  const head = w.header();
  const iface = w.addInterface({ linkType: 1, tsUnitsPerSecond: 1e9 });
  const blocks: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const b = w.packet({
      interfaceId: 0,
      tsSec: 1700000000 + i,
      tsNsec: i,
      data: new Uint8Array(60 + ((i * 389) % 1454)),
    });
    blocks.push(b);
    size += b.length;
  }
  measure('pcapng', cat(head, iface.bytes), cat(...blocks), (n) => assert.ok(n > 50_000));
});
