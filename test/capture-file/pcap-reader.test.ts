// Classic pcap: inline files built from hex, one test per behaviour and per diagnostic id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PcapReader } from '../../core/capture-file/pcap-reader.ts';
import type { CaptureRecord } from '../../core/capture-file/types.ts';
import { cat, fields, fromHex, pieces, read, readChunks } from './helpers.ts';

/** A pcap file header: magic as stored (big-endian number), byte order, snaplen, link type field. */
function header(magic: number, le: boolean, snaplen = 65535, linkField = 1, major = 2): Uint8Array {
  return fields(le, [4, magic], [2, major], [2, 4], [4, 0], [4, 0], [4, snaplen], [4, linkField]);
}

function rec(le: boolean, sec: number, sub: number, data: Uint8Array, len = data.length): Uint8Array {
  return cat(fields(le, [4, sec], [4, sub], [4, data.length], [4, len]), data);
}

const D1 = fromHex('00 11 22 33 44');
const D2 = fromHex('aa bb');

test('little-endian microsecond pcap: header, records, interface, format', () => {
  const file = cat(
    header(0xa1b2c3d4, true, 96, 1),
    rec(true, 1700000000, 123456, D1),
    rec(true, 1700000001, 0, D2, 60),
  );
  const seen = read(file);
  assert.equal(seen.format, 'pcap/le');
  assert.deepEqual(seen.interfaces, [{ id: 0, linkType: 1, snapLength: 96, tsUnitsPerSecond: 1e6 }]);
  assert.deepEqual(seen.records, [
    {
      frame: 1,
      fileOffset: 24,
      interfaceId: 0,
      linkType: 1,
      hasTimestamp: true,
      tsSec: 1700000000,
      tsNsec: 123456000,
      capturedLength: 5,
      originalLength: 5,
      hex: '0011223344',
    },
    {
      frame: 2,
      fileOffset: 45,
      interfaceId: 0,
      linkType: 1,
      hasTimestamp: true,
      tsSec: 1700000001,
      tsNsec: 0,
      capturedLength: 2,
      originalLength: 60,
      hex: 'aabb',
    },
  ]);
  assert.equal(seen.error, null);
  assert.equal(seen.packets, 2);
});

test('big-endian nanosecond pcap', () => {
  const file = cat(header(0xa1b23c4d, false, 262144, 113), rec(false, 5, 999999999, D1));
  // The magic written big-endian reads a1 b2 3c 4d.
  assert.equal(file[0], 0xa1);
  const seen = read(file);
  assert.equal(seen.format, 'pcap/be');
  assert.equal(seen.interfaces[0]!.tsUnitsPerSecond, 1e9);
  assert.equal(seen.records[0]!.linkType, 113);
  assert.equal(seen.records[0]!.tsSec, 5);
  assert.equal(seen.records[0]!.tsNsec, 999999999);
});

test('big-endian microsecond and little-endian nanosecond magics', () => {
  const be = read(cat(header(0xa1b2c3d4, false), rec(false, 7, 1, D2)));
  assert.equal(be.format, 'pcap/be');
  assert.equal(be.records[0]!.tsNsec, 1000);
  const leNs = read(cat(header(0xa1b23c4d, true), rec(true, 7, 1, D2)));
  assert.equal(leNs.format, 'pcap/le');
  assert.equal(leNs.records[0]!.tsNsec, 1);
});

test('FCS bits 26-31 of the link type field are legal and stripped from the link type', () => {
  const seen = read(cat(header(0xa1b2c3d4, true, 65535, (0x1 << 28) | (1 << 26) | 1), rec(true, 1, 0, D1)));
  assert.equal(seen.error, null);
  assert.equal(seen.records[0]!.linkType, 1);
});

test('pcap.header.linktype_reserved: reserved bits 16-25 set is fatal', () => {
  const seen = read(cat(header(0xa1b2c3d4, true, 65535, 0x00300001), rec(true, 1, 0, D1)));
  assert.equal(seen.error?.id, 'pcap.header.linktype_reserved');
  assert.equal(seen.error?.offset, 20);
  assert.equal(seen.records.length, 0);
  assert.equal(seen.format, null);
});

test('pcap.header.version_unsupported', () => {
  const seen = read(header(0xa1b2c3d4, true, 65535, 1, 1));
  assert.equal(seen.error?.id, 'pcap.header.version_unsupported');
  assert.equal(seen.error?.offset, 4);
});

test('pcap.record.timestamp_invalid: sub-second overflow carries into the seconds', () => {
  const us = read(cat(header(0xa1b2c3d4, true), rec(true, 10, 2500000, D1)));
  assert.deepEqual(
    us.warnings.map((w) => [w.id, w.offset]),
    [['pcap.record.timestamp_invalid', 24]],
  );
  assert.equal(us.records[0]!.tsSec, 12);
  assert.equal(us.records[0]!.tsNsec, 500000000);
  const ns = read(cat(header(0xa1b23c4d, true), rec(true, 10, 0x80000000, D1)));
  assert.equal(ns.warnings[0]!.id, 'pcap.record.timestamp_invalid');
  assert.equal(ns.records[0]!.tsSec, 12);
  assert.equal(ns.records[0]!.tsNsec, 147483648);
  const edge = read(cat(header(0xa1b23c4d, true), rec(true, 10, 1000000000, D1)));
  assert.equal(edge.records[0]!.tsSec, 11);
  assert.equal(edge.records[0]!.tsNsec, 0);
});

test("the invalid-nanosecond corpus file gets carried times, not tshark's odd ones", async () => {
  const { readFileSync } = await import('node:fs');
  const seen = read(
    new Uint8Array(readFileSync('/work/shared/corpus/public/fmt-tcpdump-nanosecond-invalid.pcap')),
  );
  assert.deepEqual(
    seen.records.map((r) => [r.tsSec, r.tsNsec]),
    [
      [1418145369, 999999999],
      [1418145371, 0],
      [1418145372, 147483648],
    ],
  );
  assert.deepEqual(
    seen.warnings.map((w) => w.id),
    ['pcap.record.timestamp_invalid', 'pcap.record.timestamp_invalid'],
  );
});

test('pcap.record.caplen_exceeds_len warns and keeps the record', () => {
  const seen = read(cat(header(0xa1b2c3d4, true), rec(true, 1, 0, D1, 3)));
  assert.deepEqual(
    seen.warnings.map((w) => [w.id, w.offset]),
    [['pcap.record.caplen_exceeds_len', 24]],
  );
  assert.equal(seen.records[0]!.capturedLength, 5);
  assert.equal(seen.records[0]!.originalLength, 3);
});

test('pcap.record.caplen_exceeds_snaplen warns and keeps the record (snaplen 0 means none)', () => {
  const seen = read(cat(header(0xa1b2c3d4, true, 4), rec(true, 1, 0, D1, 10)));
  assert.deepEqual(
    seen.warnings.map((w) => [w.id, w.offset]),
    [['pcap.record.caplen_exceeds_snaplen', 24]],
  );
  assert.equal(seen.records.length, 1);
  assert.equal(read(cat(header(0xa1b2c3d4, true, 0), rec(true, 1, 0, D1, 10))).warnings.length, 0);
});

test('pcap.record.too_large: default limit 262144, raised by a larger snaplen, or maxRecordBytes', () => {
  const big = new Uint8Array(262145);
  const r1 = read(cat(header(0xa1b2c3d4, true, 65535), rec(true, 1, 0, D1), rec(true, 1, 0, big)));
  assert.equal(r1.records.length, 1);
  assert.equal(r1.error?.id, 'pcap.record.too_large');
  assert.equal(r1.error?.offset, 24 + 16 + 5);
  const r2 = read(cat(header(0xa1b2c3d4, true, 300000), rec(true, 1, 0, big)));
  assert.equal(r2.error, null);
  assert.equal(r2.records[0]!.capturedLength, 262145);
  const r3 = read(cat(header(0xa1b2c3d4, true, 65535), rec(true, 1, 0, D1)), { maxRecordBytes: 4 });
  assert.equal(r3.error?.id, 'pcap.record.too_large');
  assert.equal(r3.error?.offset, 24);
  // Decided from the 16-byte record header alone: no need to wait for (or buffer) the body.
  const headerOnly = fields(true, [4, 1], [4, 0], [4, 0x00420000], [4, 0x00420000]);
  const r4 = readChunks([cat(header(0xa1b2c3d4, true), headerOnly)]);
  assert.equal(r4.error?.id, 'pcap.record.too_large');
});

test('capture.header.truncated: file header cut short, also for 0-3 bytes', () => {
  const h = header(0xa1b2c3d4, true);
  for (const n of [0, 2, 4, 23]) {
    const seen = read(h.subarray(0, n));
    assert.equal(seen.error?.id, 'capture.header.truncated', `${n} bytes`);
    assert.equal(seen.error?.offset, 0);
  }
  assert.equal(read(h).error, null, 'a header with no records is a valid empty capture');
});

test('pcap.record.truncated: last record cut short reports its offset at end()', () => {
  const file = cat(header(0xa1b2c3d4, true), rec(true, 1, 0, D1), rec(true, 2, 0, D1));
  for (const cut of [1, 10, 16, 20]) {
    const seen = read(file.subarray(0, 45 + cut));
    assert.equal(seen.records.length, 1);
    assert.equal(seen.error?.id, 'pcap.record.truncated', `cut ${cut}`);
    assert.equal(seen.error?.offset, 45);
  }
});

test('capture.magic.unknown names the four bytes in hex', () => {
  const seen = read(fromHex('1f 8b 08 00 00 00 00 00'));
  assert.equal(seen.error?.id, 'capture.magic.unknown');
  assert.equal(seen.error?.offset, 0);
  assert.match(seen.error!.message, /1f 8b 08 00/);
  const other = readChunks(pieces(fromHex('de ad be ef 00'), [1]));
  assert.equal(other.error?.id, 'capture.magic.unknown');
  assert.match(other.error!.message, /de ad be ef/);
  assert.equal(other.errorCalls, 1);
});

test('PcapReader used directly refuses a non-pcap magic', () => {
  const errors: string[] = [];
  const r = new PcapReader({ record: () => {}, error: (e) => errors.push(e.id) });
  r.push(new Uint8Array(24));
  r.end();
  assert.deepEqual(errors, ['capture.magic.unknown']);
  assert.equal(r.failed?.id, 'capture.magic.unknown');
});

test('records inside one pushed chunk are zero-copy views of it', () => {
  const file = cat(header(0xa1b2c3d4, true), rec(true, 1, 0, D1), rec(true, 2, 0, D2));
  const views: CaptureRecord[] = [];
  const r = new PcapReader({ record: (x) => views.push(x) });
  r.push(file);
  r.end();
  assert.equal(views.length, 2);
  for (const v of views) assert.equal(v.data.buffer, file.buffer);
  assert.equal(views[0]!.data.byteOffset, 40);
});

test('input after an error or after end() is ignored', () => {
  const calls: string[] = [];
  const r = new PcapReader({ record: () => calls.push('record'), error: (e) => calls.push(e.id) });
  r.push(header(0xa1b2c3d4, true, 65535, 0x00010001));
  r.push(rec(true, 1, 0, D1));
  r.end();
  r.end();
  assert.deepEqual(calls, ['pcap.header.linktype_reserved']);
});
