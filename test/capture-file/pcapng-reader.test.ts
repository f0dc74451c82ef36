// pcapng: synthetic files built block by block, one test per behaviour and per diagnostic id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PcapngReader } from '../../core/capture-file/pcapng-reader.ts';
import { block, cat, fields, fromHex, option, read, utf8 } from './helpers.ts';

const END = new Uint8Array(4); // opt_endofopt

function shb(le = true, opts: Uint8Array = new Uint8Array(0), major = 1): Uint8Array {
  return block(
    0x0a0d0d0a,
    cat(fields(le, [4, 0x1a2b3c4d], [2, major], [2, 0], [8, 0xffffffffffffffffn]), opts),
    le,
  );
}
function idb(le: boolean, linkType: number, snap: number, opts: Uint8Array = new Uint8Array(0)): Uint8Array {
  return block(1, cat(fields(le, [2, linkType], [2, 0], [4, snap]), opts), le);
}
function padded(data: Uint8Array): Uint8Array {
  return cat(data, new Uint8Array(((data.length + 3) & ~3) - data.length));
}
function epb(
  le: boolean,
  iface: number,
  hi: number,
  lo: number,
  data: Uint8Array,
  len = data.length,
  opts: Uint8Array = new Uint8Array(0),
) {
  return block(
    6,
    cat(fields(le, [4, iface], [4, hi], [4, lo], [4, data.length], [4, len]), padded(data), opts),
    le,
  );
}
function spb(le: boolean, len: number, data: Uint8Array): Uint8Array {
  return block(3, cat(fields(le, [4, len]), data), le);
}
function isb(
  le: boolean,
  iface: number,
  hi: number,
  lo: number,
  opts: Uint8Array = new Uint8Array(0),
): Uint8Array {
  return block(5, cat(fields(le, [4, iface], [4, hi], [4, lo]), opts), le);
}

const P = fromHex('01 02 03 04 05 06');

test('SHB + IDB + EPB little-endian: record fields, interface info, format', () => {
  const opts = cat(option(2, utf8('eth0')), option(3, utf8('first port')), END);
  const file = cat(shb(), idb(true, 1, 65535, opts), epb(true, 0, 0x00060000, 0x00000001, P, 60));
  const seen = read(file);
  assert.equal(seen.error, null);
  assert.equal(seen.format, 'pcapng/le');
  assert.deepEqual(seen.interfaces, [
    { id: 0, linkType: 1, snapLength: 65535, tsUnitsPerSecond: 1e6, name: 'eth0', description: 'first port' },
  ]);
  // 0x00060000_00000001 µs = 1688849860263937 µs
  assert.deepEqual(seen.records, [
    {
      frame: 1,
      fileOffset: 28 + 48,
      interfaceId: 0,
      linkType: 1,
      hasTimestamp: true,
      tsSec: 1688849860,
      tsNsec: 263937000,
      capturedLength: 6,
      originalLength: 60,
      hex: '010203040506',
    },
  ]);
});

test('big-endian section reads the same', () => {
  const file = cat(shb(false), idb(false, 113, 0), epb(false, 0, 0x00060000, 1, P));
  const seen = read(file);
  assert.equal(seen.format, 'pcapng/be');
  assert.equal(seen.records[0]!.linkType, 113);
  assert.equal(seen.records[0]!.tsSec, 1688849860);
  assert.equal(seen.records[0]!.hex, '010203040506');
});

test('opt_comment on packets becomes record.comments (UTF-8)', () => {
  const opts = cat(
    option(1, utf8('first')),
    option(2, fields(true, [4, 1])),
    option(1, utf8('zweite — ü ✓ 😀')),
    END,
  );
  const seen = read(cat(shb(), idb(true, 1, 0), epb(true, 0, 0, 0, P, 6, opts)));
  assert.deepEqual(seen.records[0]!.comments, ['first', 'zweite — ü ✓ 😀']);
  const none = read(cat(shb(), idb(true, 1, 0), epb(true, 0, 0, 0, P)));
  assert.equal('comments' in none.records[0]!, false);
});

test('if_tsresol power-of-10 (ns) timestamps beyond 2^53 units are exact', () => {
  const ns = cat(option(9, Uint8Array.of(9)), END);
  // 1767663089.500330493 s in ns = 1767663089500330493 = 0x1887_9BF0_DB3C_86FD... computed with BigInt:
  const t = 1767663089500330493n;
  const hi = Number(t >> 32n);
  const lo = Number(t & 0xffffffffn);
  const seen = read(cat(shb(), idb(true, 1, 0, ns), epb(true, 0, hi, lo, P)));
  assert.equal(seen.interfaces[0]!.tsUnitsPerSecond, 1e9);
  assert.equal(seen.records[0]!.tsSec, 1767663089);
  assert.equal(seen.records[0]!.tsNsec, 500330493);
  // All-ones: 18446744073709551615 ns.
  const max = read(cat(shb(), idb(true, 1, 0, ns), epb(true, 0, 0xffffffff, 0xffffffff, P)));
  assert.equal(max.records[0]!.tsSec, 18446744073);
  assert.equal(max.records[0]!.tsNsec, 709551615);
});

test('if_tsresol power-of-2, 10^-3 and 10^-12 (BigInt fallback)', () => {
  const cases: Array<[number, bigint, number, number]> = [
    // [tsresol byte, raw count, sec, nsec]
    [0x80 | 10, 3n * 1024n + 512n, 3, 500000000], // 2^-10 s
    [0x80 | 30, (5n << 30n) + (1n << 29n), 5, 500000000], // 2^-30 s: nsec via BigInt path
    [3, 1234567n, 1234, 567000000], // ms
    [12, 1700000123456789012n, 1700000, 123456789], // ps
    [0, 42n, 42, 0], // seconds
  ];
  for (const [res, t, sec, nsec] of cases) {
    const seen = read(
      cat(
        shb(),
        idb(true, 1, 0, cat(option(9, Uint8Array.of(res)), END)),
        epb(true, 0, Number(t >> 32n), Number(t & 0xffffffffn), P),
      ),
    );
    assert.equal(seen.error, null);
    assert.deepEqual(
      [seen.records[0]!.tsSec, seen.records[0]!.tsNsec],
      [sec, nsec],
      `tsresol 0x${res.toString(16)}`,
    );
  }
});

test('randomised: split arithmetic equals BigInt for 1e6 and 1e9 units', () => {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0);
  for (const [res, units] of [
    [6, 1000000n],
    [9, 1000000000n],
  ] as const) {
    const blocks: Uint8Array[] = [shb(), idb(true, 1, 0, cat(option(9, Uint8Array.of(res)), END))];
    const want: Array<[number, number]> = [];
    for (let i = 0; i < 500; i++) {
      const hi = rnd();
      const lo = rnd();
      const t = (BigInt(hi) << 32n) | BigInt(lo);
      want.push([Number(t / units), Number(((t % units) * 1000000000n) / units)]);
      blocks.push(epb(true, 0, hi, lo, P));
    }
    const seen = read(cat(...blocks));
    assert.deepEqual(
      seen.records.map((r) => [r.tsSec, r.tsNsec]),
      want,
    );
  }
});

test('if_tsoffset adds seconds (may be negative)', () => {
  const opts = cat(option(14, fields(true, [8, 100n])), END);
  const seen = read(cat(shb(), idb(true, 1, 0, opts), epb(true, 0, 0, 5000000, P)));
  assert.equal(seen.interfaces[0]!.tsOffset, 100);
  assert.equal(seen.records[0]!.tsSec, 105);
  const neg = cat(option(14, fields(false, [8, 0xfffffffffffffff6n]), false), END); // -10, big-endian
  const seenBe = read(cat(shb(false), idb(false, 1, 0, neg), epb(false, 0, 0, 5000000, P)));
  assert.equal(seenBe.interfaces[0]!.tsOffset, -10);
  assert.equal(seenBe.records[0]!.tsSec, -5);
});

test('SPB: no timestamp, interface 0, captured length = min(len, snaplen, body)', () => {
  const data = fromHex('aa bb cc dd ee ff 11 22');
  const seen = read(cat(shb(), idb(true, 1, 4), spb(true, 100, data), idb(true, 0, 0)));
  assert.equal(seen.records[0]!.hasTimestamp, false);
  assert.equal(seen.records[0]!.capturedLength, 4);
  assert.equal(seen.records[0]!.originalLength, 100);
  assert.equal(seen.records[0]!.hex, 'aabbccdd');
  const noSnap = read(cat(shb(), idb(true, 1, 0), spb(true, 100, data)));
  assert.equal(noSnap.records[0]!.capturedLength, 8, 'limited by the block body');
  const short = read(cat(shb(), idb(true, 1, 0), spb(true, 5, data)));
  assert.equal(short.records[0]!.hex, 'aabbccddee', 'padding is not packet data');
});

test('obsolete Packet Block (type 2) with 16-bit interface id', () => {
  const body = cat(fields(true, [2, 1], [2, 0], [4, 0], [4, 7000000], [4, P.length], [4, 99]), padded(P));
  const seen = read(cat(shb(), idb(true, 1, 0), idb(true, 101, 0), block(2, body)));
  assert.equal(seen.records[0]!.interfaceId, 1);
  assert.equal(seen.records[0]!.linkType, 101);
  assert.equal(seen.records[0]!.tsSec, 7);
  assert.equal(seen.records[0]!.originalLength, 99);
});

test('NRB, DSB, custom and unknown blocks are skipped; frames count packets only', () => {
  const file = cat(
    shb(),
    block(4, fields(true, [2, 0], [2, 0])),
    idb(true, 1, 0),
    block(0x00000bad, cat(fields(true, [4, 32473]), utf8('custom!'))),
    epb(true, 0, 0, 1, P),
    block(0x40000bad, fields(true, [4, 32473])),
    block(0x0000000a, fields(true, [4, 0x544c534b], [4, 0])),
    block(0x12345678, new Uint8Array(0)),
    epb(true, 0, 0, 2, P),
  );
  const seen = read(file);
  assert.equal(seen.error, null);
  assert.deepEqual(
    seen.records.map((r) => r.frame),
    [1, 2],
  );
});

test('ISB is parsed into statistics()', () => {
  const opts = cat(
    option(1, utf8('stats')),
    option(4, fields(true, [8, 1000n])),
    option(5, fields(true, [8, 3n])),
    option(6, fields(true, [8, 900n])),
    option(7, fields(true, [8, 2n])),
    option(8, fields(true, [8, 897n])),
    END,
  );
  const seen = read(cat(shb(), idb(true, 1, 0), isb(true, 0, 0, 2000000, opts)));
  assert.deepEqual(seen.stats, [
    {
      fileOffset: 48,
      interfaceId: 0,
      tsSec: 2,
      tsNsec: 0,
      received: 1000,
      interfaceDropped: 3,
      filterAccepted: 900,
      osDropped: 2,
      delivered: 897,
      comments: ['stats'],
    },
  ]);
});

test('pcapng.statistics.interface_unknown: ISB for an undefined interface warns', () => {
  const seen = read(cat(shb(), isb(true, 3, 0, 0), idb(true, 1, 0), epb(true, 0, 0, 0, P)));
  assert.deepEqual(
    seen.warnings.map((w) => [w.id, w.offset]),
    [['pcapng.statistics.interface_unknown', 28]],
  );
  assert.equal(seen.stats.length, 0);
  assert.equal(seen.records.length, 1);
});

test('several sections of different byte order; interface ids are global', () => {
  const file = cat(
    shb(true),
    idb(true, 1, 0),
    idb(true, 0, 0),
    epb(true, 1, 0, 1, P),
    shb(false),
    idb(false, 113, 0),
    epb(false, 0, 0, 2, P),
    shb(true),
    idb(true, 276, 0),
    idb(true, 101, 0),
    epb(true, 1, 0, 3, P),
    epb(true, 0, 0, 4, P),
  );
  const seen = read(file);
  assert.equal(seen.error, null);
  assert.equal(seen.format, 'pcapng/le', 'format reports the first section');
  assert.deepEqual(
    seen.interfaces.map((i) => [i.id, i.linkType]),
    [
      [0, 1],
      [1, 0],
      [2, 113],
      [3, 276],
      [4, 101],
    ],
  );
  assert.deepEqual(
    seen.records.map((r) => [r.interfaceId, r.linkType]),
    [
      [1, 0],
      [2, 113],
      [4, 101],
      [3, 276],
    ],
  );
});

test('pcapng.interface.unknown: EPB or SPB naming an interface not in its section', () => {
  const a = read(cat(shb(), idb(true, 1, 0), epb(true, 0, 0, 0, P), epb(true, 1, 0, 0, P)));
  assert.equal(a.records.length, 1);
  assert.deepEqual([a.error?.id, a.error?.offset], ['pcapng.interface.unknown', 28 + 20 + 40]);
  // Interfaces of an earlier section do not count in the next one.
  const b = read(cat(shb(), idb(true, 1, 0), shb(), epb(true, 0, 0, 0, P)));
  assert.deepEqual([b.error?.id, b.error?.offset], ['pcapng.interface.unknown', 76]);
  const c = read(cat(shb(), spb(true, 4, P)));
  assert.deepEqual([c.error?.id, c.error?.offset], ['pcapng.interface.unknown', 28]);
});

test('pcapng.block.length_invalid: < 12, not a multiple of 4, trailer mismatch, too short for its type', () => {
  const h = cat(shb(), idb(true, 1, 0));
  const lengths = [8, 22];
  for (const len of lengths) {
    const bad = fields(true, [4, 6], [4, len], [4, 0], [4, 0]);
    const seen = read(cat(h, bad));
    assert.deepEqual(
      [seen.error?.id, seen.error?.offset],
      ['pcapng.block.length_invalid', 48],
      `length ${len}`,
    );
  }
  const trailer = block(6, cat(fields(true, [4, 0], [4, 0], [4, 0], [4, 6], [4, 6]), padded(P)), true, 999);
  const t = read(cat(h, epb(true, 0, 0, 0, P), trailer));
  assert.equal(t.records.length, 1, 'the packet before is delivered, the bad one is not');
  assert.deepEqual([t.error?.id, t.error?.offset], ['pcapng.block.length_invalid', 88]);
  const shortEpb = read(cat(h, block(6, fields(true, [4, 0], [4, 0], [4, 0]))));
  assert.equal(shortEpb.error?.id, 'pcapng.block.length_invalid');
  const shortIdb = read(cat(shb(), block(1, fields(true, [4, 0]))));
  assert.equal(shortIdb.error?.id, 'pcapng.block.length_invalid');
  const shortShb = read(cat(shb(), block(0x0a0d0d0a, fields(true, [4, 0x1a2b3c4d]))));
  assert.deepEqual([shortShb.error?.id, shortShb.error?.offset], ['pcapng.block.length_invalid', 28]);
  const shortSpb = read(cat(shb(), idb(true, 1, 0), block(3, new Uint8Array(0))));
  assert.equal(shortSpb.error?.id, 'pcapng.block.length_invalid');
  const shortIsb = read(cat(shb(), idb(true, 1, 0), block(5, fields(true, [4, 0], [4, 0]))));
  assert.equal(shortIsb.error?.id, 'pcapng.block.length_invalid');
});

test('pcapng.packet.length_invalid: captured length larger than the block', () => {
  const body = cat(fields(true, [4, 0], [4, 0], [4, 0], [4, 100], [4, 100]), padded(P));
  const seen = read(cat(shb(), idb(true, 1, 0), block(6, body)));
  assert.deepEqual([seen.error?.id, seen.error?.offset], ['pcapng.packet.length_invalid', 48]);
});

test('pcapng.packet.caplen_exceeds_len warns', () => {
  const seen = read(cat(shb(), idb(true, 1, 0), epb(true, 0, 0, 0, P, 2)));
  assert.deepEqual(
    seen.warnings.map((w) => [w.id, w.offset]),
    [['pcapng.packet.caplen_exceeds_len', 48]],
  );
  assert.equal(seen.records.length, 1);
});

test('pcapng.option.invalid: an option running past its block, at the option offset', () => {
  const bad = fields(true, [2, 2], [2, 200], [4, 0]);
  const seen = read(cat(shb(), idb(true, 1, 0, bad)));
  assert.deepEqual([seen.error?.id, seen.error?.offset], ['pcapng.option.invalid', 28 + 16]);
  assert.equal(seen.interfaces.length, 0);
  const epbBad = read(
    cat(
      shb(),
      idb(true, 1, 0),
      epb(true, 0, 0, 0, P, 6, cat(option(1, utf8('ok')), fields(true, [2, 1], [2, 9]))),
    ),
  );
  assert.deepEqual([epbBad.error?.id, epbBad.error?.offset], ['pcapng.option.invalid', 48 + 36 + 8]);
  assert.equal(epbBad.records.length, 0);
});

test('pcapng.block.too_large: decided from the block header, default 16 MiB', () => {
  const hdr = fields(true, [4, 6], [4, 17 * 1024 * 1024], [4, 0]);
  const seen = read(cat(shb(), idb(true, 1, 0), hdr));
  assert.deepEqual([seen.error?.id, seen.error?.offset], ['pcapng.block.too_large', 48]);
  const small = read(cat(shb(), idb(true, 1, 0), epb(true, 0, 0, 0, P)), { maxRecordBytes: 32 });
  assert.deepEqual([small.error?.id, small.error?.offset], ['pcapng.block.too_large', 48]);
});

test('pcapng.block.truncated: file ends inside a block', () => {
  const file = cat(shb(), idb(true, 1, 0), epb(true, 0, 0, 0, P), epb(true, 0, 0, 0, P));
  for (const cut of [1, 11, 12, 30]) {
    const seen = read(file.subarray(0, 88 + cut));
    assert.equal(seen.records.length, 1);
    assert.deepEqual([seen.error?.id, seen.error?.offset], ['pcapng.block.truncated', 88], `cut ${cut}`);
  }
});

test('capture.header.truncated: first SHB cut short', () => {
  const s = shb();
  for (const n of [4, 11, 12, 27]) {
    const seen = read(s.subarray(0, n));
    assert.deepEqual([seen.error?.id, seen.error?.offset], ['capture.header.truncated', 0], `${n} bytes`);
  }
  assert.equal(read(s).error, null);
});

test('pcapng.section.byte_order_invalid and pcapng.section.version_unsupported', () => {
  const bad = shb();
  bad.set(fromHex('11 22 33 44'), 8);
  const seen = read(bad);
  assert.deepEqual([seen.error?.id, seen.error?.offset], ['pcapng.section.byte_order_invalid', 8]);
  const v2 = read(shb(true, new Uint8Array(0), 2));
  assert.deepEqual([v2.error?.id, v2.error?.offset], ['pcapng.section.version_unsupported', 12]);
});

test('PcapngReader used directly refuses a file not starting with an SHB', () => {
  const errors: string[] = [];
  const r = new PcapngReader({ record: () => {}, error: (e) => errors.push(e.id) });
  r.push(idb(true, 1, 0));
  r.end();
  assert.deepEqual(errors, ['capture.magic.unknown']);
});
