// Format sniffing: the first four bytes pick the reader, however they are chunked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createCaptureReader } from '../../core/capture-file/index.ts';
import type { CaptureError } from '../../core/capture-file/index.ts';
import { fromHex, pieces, read, readChunks } from './helpers.ts';

const DIR = '/work/shared/corpus/public/';

test('magic pushed one byte at a time picks pcap and pcapng', () => {
  for (const [file, format] of [
    ['tcp-zeek-syn-then-rst.pcap', 'pcap/le'],
    ['tcp-tcpdump-bigendian-pptp.pcap', 'pcap/be'],
    ['tcp-tcpdump-nanosecond-sll.pcap', 'pcap/le'],
    ['fmt-pcapng-test008-options-be.pcapng', 'pcapng/be'],
  ] as const) {
    const bytes = new Uint8Array(readFileSync(DIR + file));
    const oneByOne = readChunks(pieces(bytes, [1]));
    assert.equal(oneByOne.format, format, file);
    assert.deepEqual(oneByOne.records, read(bytes).records, file);
    assert.ok(oneByOne.records.length > 0);
  }
});

test('empty input and fewer than 4 bytes: capture.header.truncated', () => {
  assert.deepEqual(
    [read(new Uint8Array(0)).error?.id, read(new Uint8Array(0)).error?.offset],
    ['capture.header.truncated', 0],
  );
  assert.equal(readChunks(pieces(fromHex('d4 c3 b2'), [1])).error?.id, 'capture.header.truncated');
});

test('capture.magic.unknown: hint for gzip, getters before and after', () => {
  const errors: string[] = [];
  const r = createCaptureReader({
    record: () => assert.fail('no records'),
    error: (e) => errors.push(e.message),
  });
  assert.equal(r.failed, null);
  assert.equal(r.packets, 0);
  r.push(fromHex('1f 8b'));
  assert.equal(r.failed, null, 'undecided with 2 bytes');
  r.push(fromHex('08 00 ff ff'));
  r.push(fromHex('00'));
  r.end();
  const failedNow = (): CaptureError | null => r.failed; // defeat narrowing from the assert above
  const failed = failedNow();
  assert.equal(failed?.id, 'capture.magic.unknown');
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /1f 8b 08 00.*gzip/);
});

test('packets and failed are delegated to the chosen reader', () => {
  const r = createCaptureReader({ record: () => {} });
  r.push(new Uint8Array(readFileSync(DIR + 'bad-sv-corrupt-record-after-6-packets.pcap')));
  r.end();
  assert.equal(r.packets, 6);
  assert.equal(r.failed?.id, 'pcap.record.too_large');
});
