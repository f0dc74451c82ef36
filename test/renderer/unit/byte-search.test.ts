// The display filter's byte predicates: needle literals (hex byte strings, escaped strings),
// the single-needle matchers, and the file search by scope (frame / tcp / tcp.payload) — checked
// against tshark's `-Y` on the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseEscapedBytes,
  parseHexBytes,
  latin1,
  type ByteNeedle,
} from '../../../renderer/src/workers/byte-search-needle.ts';
import {
  bitGet,
  bytesMatcher,
  decodedTcpRanges,
  fastTcpRanges,
  regexMatcher,
  searchBytes,
  type SearchRow,
  type SearchSource,
} from '../../../renderer/src/workers/byte-search.ts';
import { createCaptureReader } from '../../../core/capture-file/index.ts';
import { parseFilter, applyFilter } from '../../../renderer/src/views/packets/filter.ts';
import type { PacketListRow } from '../../../renderer/src/model.ts';
import { corpusDir } from '../../helpers/tshark.ts';

const enc = new TextEncoder();
const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : null);

test('hex byte strings: separators, no separator, one digit; others rejected', () => {
  assert.equal(hex(parseHexBytes('48:54:54:50')), '48545450');
  assert.equal(hex(parseHexBytes('48-54-54-50')), '48545450');
  assert.equal(hex(parseHexBytes('48.54.54.50')), '48545450');
  assert.equal(hex(parseHexBytes('48545450')), '48545450');
  assert.equal(hex(parseHexBytes('aB:cD')), 'abcd');
  assert.equal(hex(parseHexBytes('4')), '04');
  for (const bad of ['hello', '4:8', '48:', '485', '48:54-54', 'zz', ''])
    assert.equal(parseHexBytes(bad), null, bad);
});

test('escaped strings: UTF-8 text, C escapes, hex and octal bytes; bad escapes located', () => {
  const ok = (raw: string) => {
    const r = parseEscapedBytes(raw);
    assert.ok(r.ok, raw);
    return hex(r.bytes);
  };
  assert.equal(ok('HTTP'), '48545450');
  assert.equal(ok('\\r\\n\\t\\\\\\"'), '0d0a095c22');
  assert.equal(ok('\\x48TTP'), '48545450');
  assert.equal(ok('\\x4'), '04');
  assert.equal(ok('\\110TTP'), '48545450');
  assert.equal(ok('\\0'), '00');
  assert.equal(ok('\\xff\\xFE'), 'fffe');
  assert.equal(ok('é中'), 'c3a9e4b8ad');
  const bad = parseEscapedBytes('ab\\q');
  assert.deepEqual(bad, { ok: false, at: 2, escape: '\\q' });
  assert.equal(parseEscapedBytes('\\xg').ok, false);
  assert.equal(parseEscapedBytes('\\777').ok, false);
  assert.equal(latin1(Uint8Array.of(0x48, 0xe9, 0xff)), 'H\u00e9\u00ff');
});

test('the matcher finds a needle anywhere in [start, end) and nowhere outside it', () => {
  const hay = enc.encode('xxHELLOxxHELxHELLO');
  for (const n of ['HELLO', 'H', 'xx', 'O', 'LOxxH']) {
    const m = bytesMatcher(enc.encode(n));
    const s = latin1(hay);
    // Every window of the haystack agrees with indexOf on the same window.
    for (let a = 0; a <= hay.length; a++)
      for (let b = a; b <= hay.length; b++)
        assert.equal(m(hay, a, b), s.slice(a, b).includes(n), `${n} in [${a},${b})`);
  }
  const repetitive = bytesMatcher(enc.encode('aab'));
  assert.equal(repetitive(enc.encode('aaaaaaaab'), 0, 9), true);
  assert.equal(repetitive(enc.encode('aaaaaaaab'), 0, 8), false);
  const re = regexMatcher('up.rade');
  assert.equal(re(enc.encode('..Upgrade..'), 0, 11), true);
  assert.equal(re(enc.encode('..Upgrade..'), 3, 11), false);
});

// ---- a capture made for these tests, and tshark's answer on it ----

function ipChecksum(b: Uint8Array, off: number): number {
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (b[off + i]! << 8) | b[off + i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Ethernet + IPv4 + TCP (proto 6) or UDP (17), loopback addresses. */
function packet(opts: {
  proto?: 6 | 17;
  sport: number;
  dport: number;
  flags?: number;
  payload: string;
  dstMac?: number[];
}) {
  const payload = enc.encode(opts.payload);
  const l4 = opts.proto === 17 ? 8 : 20;
  const b = new Uint8Array(14 + 20 + l4 + payload.length);
  const v = new DataView(b.buffer);
  b.set(opts.dstMac ?? [2, 0, 0, 0, 0, 1], 0);
  b.set([2, 0, 0, 0, 0, 2], 6);
  v.setUint16(12, 0x0800);
  b[14] = 0x45;
  v.setUint16(16, 20 + l4 + payload.length);
  v.setUint16(20, 0x4000);
  b[22] = 64;
  b[23] = opts.proto ?? 6;
  b.set([10, 0, 0, 1, 10, 0, 0, 2], 26);
  v.setUint16(24, ipChecksum(b, 14));
  v.setUint16(34, opts.sport);
  v.setUint16(36, opts.dport);
  if (opts.proto === 17) v.setUint16(38, 8 + payload.length);
  else {
    v.setUint32(38, 1000);
    v.setUint32(42, 2000);
    b[46] = 0x50;
    b[47] = opts.flags ?? 0x18;
    v.setUint16(48, 65535);
  }
  b.set(payload, 14 + 20 + l4);
  return b;
}

function pcap(packets: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const head = new Uint8Array(24);
  const h = new DataView(head.buffer);
  h.setUint32(0, 0xa1b2c3d4, true);
  h.setUint16(4, 2, true);
  h.setUint16(6, 4, true);
  h.setUint32(16, 65535, true);
  h.setUint32(20, 1, true);
  parts.push(head);
  packets.forEach((p, i) => {
    const r = new Uint8Array(16);
    const v = new DataView(r.buffer);
    v.setUint32(0, 1_700_000_000 + i, true);
    v.setUint32(8, p.length, true);
    v.setUint32(12, p.length, true);
    parts.push(r, p);
  });
  return Buffer.concat(parts);
}

const MADE = pcap([
  packet({ sport: 40000, dport: 8080, payload: 'GET /x HTTP/1.1\r\nUpgrade: websocket\r\n\r\n' }),
  packet({ sport: 8080, dport: 40000, payload: 'hello world' }),
  packet({ sport: 40000, dport: 8080, flags: 0x14, payload: 'bye' }),
  packet({ proto: 17, sport: 5353, dport: 5353, payload: 'hello udp' }),
  packet({ sport: 40000, dport: 8080, payload: 'zz', dstMac: [0xde, 0xad, 0xbe, 0xef, 0, 1] }),
  packet({ sport: 40000, dport: 8080, flags: 0x10, payload: '' }),
]);

function source(bytes: Uint8Array): SearchSource {
  const packets: SearchRow[] = [];
  let format: SearchSource['format'] = null;
  let byteOrder: SearchSource['byteOrder'] = null;
  const reader = createCaptureReader({
    format: (f, o) => {
      format = f;
      byteOrder = o;
    },
    record: (r) =>
      packets.push({
        frame: r.frame,
        fileOffset: r.fileOffset,
        capturedLength: r.capturedLength,
        length: r.originalLength,
        linkType: r.linkType,
        connection: 0,
      }),
  });
  reader.push(bytes);
  reader.end();
  return { format, byteOrder, packets };
}

async function search(bytes: Uint8Array, needles: ByteNeedle[], window?: number): Promise<number[][]> {
  const src = source(bytes);
  const read = async (s: number, e: number) => bytes.slice(s, e);
  const bits = await searchBytes(read, bytes.length, src, needles, window ? { window } : {});
  assert.ok(bits);
  return bits.map((b) => src.packets.filter((r) => bitGet(b, r.frame - 1)).map((r) => r.frame));
}

/** Frames a display filter selects, by this app's parser + search. */
async function ours(bytes: Uint8Array, filter: string, window?: number): Promise<number[]> {
  const f = parseFilter(filter);
  if (!f.ok) assert.fail(`${filter}: ${f.error.message}`);
  const src = source(bytes);
  const read = async (s: number, e: number) => bytes.slice(s, e);
  const bits = await searchBytes(read, bytes.length, src, f.needles, window ? { window } : {});
  assert.ok(bits);
  const rows = src.packets.map((r) => ({ frame: r.frame }) as PacketListRow);
  return applyFilter(rows, f.bind(bits)).map((i) => i + 1);
}

function tshark(file: string, filter: string): number[] {
  const r = spawnSync('tshark', ['-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map(Number);
}

test("scopes: frame sees link/IP/TCP headers, tcp.payload only the payload (never a RST's)", async () => {
  const needles: ByteNeedle[] = [
    { scope: 'frame', bytes: enc.encode('hello') },
    { scope: 'tcp.payload', bytes: enc.encode('hello') },
    // The port 8080 (1f:90) is in the TCP header: frame and tcp, not tcp.payload.
    { scope: 'frame', bytes: Uint8Array.of(0x1f, 0x90) },
    { scope: 'tcp', bytes: Uint8Array.of(0x1f, 0x90) },
    { scope: 'tcp.payload', bytes: Uint8Array.of(0x1f, 0x90) },
    // The very first bytes of frame 5 (its Ethernet destination) and the last ones of frame 2.
    { scope: 'frame', bytes: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) },
    { scope: 'tcp', bytes: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) },
    { scope: 'tcp.payload', bytes: enc.encode('world') },
    // A RST's data is its "reset cause" in Wireshark, not tcp.payload.
    { scope: 'tcp', bytes: enc.encode('bye') },
    { scope: 'tcp.payload', bytes: enc.encode('bye') },
    { scope: 'tcp.payload', regex: '^get /' },
  ];
  const want = [[2, 4], [2], [1, 2, 3, 5, 6], [1, 2, 3, 5, 6], [], [5], [], [2], [3], [], [1]];
  assert.deepEqual(await search(MADE, needles), want);
  // The same answer when every record needs its own read (slices of 64 bytes).
  assert.deepEqual(await search(MADE, needles, 64), want);
});

test('display filters with byte predicates select what tshark -Y selects', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirestep-bytes-'));
  const made = join(dir, 'made.pcap');
  writeFileSync(made, MADE);
  const cases: Array<[string, string[]]> = [
    [
      made,
      [
        'frame contains "hello"',
        'tcp.payload contains "hello"',
        'tcp.payload contains "world"',
        'frame contains de:ad:be:ef',
        'frame contains 1f:90',
        'tcp contains 1f90',
        'tcp.payload contains 1f:90',
        'tcp contains "bye"',
        'tcp.payload contains "bye"',
        'frame contains "\\r\\n\\r\\n"',
        'frame contains "\\x55pgrade" and not tcp.payload contains "zz"',
        'tcp.payload matches "^get /"',
      ],
    ],
    [
      'samples/recordings/websocket-chat.pcap',
      [
        'frame contains "Upgrade"',
        'tcp.payload contains "Upgrade"',
        'frame contains 48:54:54:50',
        'frame contains 48-54-54-50',
        'tcp.payload contains 81',
        'frame contains 9e:e9:ea:be',
        'tcp.payload contains 9e:e9:ea:be',
        'frame matches "upgrade"',
        'tcp.payload matches "^get"',
      ],
    ],
    [
      'test/fixtures/captures/http10-short-ipv6.pcap',
      ['frame contains "HTTP/1.0"', 'tcp.payload contains 0d:0a:0d:0a'],
    ],
  ];
  for (const [file, filters] of cases) {
    const bytes = new Uint8Array(readFileSync(file));
    for (const filter of filters) {
      const expected = tshark(file, filter);
      assert.deepEqual(await ours(bytes, filter), expected, `${file}: ${filter}`);
      assert.deepEqual(await ours(bytes, filter, 200), expected, `${file}: ${filter} (small slices)`);
    }
  }
});

test('a cancelled search resolves null', async () => {
  const src = source(MADE);
  let reads = 0;
  const bits = await searchBytes(
    async (s, e) => {
      reads++;
      return MADE.slice(s, e);
    },
    MADE.length,
    src,
    [{ scope: 'frame', bytes: enc.encode('x') }],
    { window: 64, cancelled: () => reads >= 2 },
  );
  assert.equal(bits, null);
  assert.equal(reads, 2);
});

/** Every capture the repository and the shared corpus have. */
function allCaptures(): string[] {
  const dirs = ['samples/recordings', 'test/fixtures/captures', corpusDir];
  return dirs.flatMap((d) =>
    existsSync(d)
      ? readdirSync(d)
          .filter((f) => /\.(pcap|pcapng)$/.test(f))
          .map((f) => join(d, f))
      : [],
  );
}

test('the allocation-free TCP locator agrees with core/decode on every record it answers', () => {
  let fast = 0;
  let records = 0;
  for (const file of allCaptures()) {
    const reader = createCaptureReader({
      record: (r) => {
        records++;
        const a = new Int32Array(3);
        const b = new Int32Array(3);
        // The record inside a bigger buffer, as the search sees it.
        const buf = new Uint8Array(r.data.length + 7);
        buf.set(r.data, 5);
        const got = fastTcpRanges(buf, 5, 5 + r.data.length, r.linkType, r.originalLength, a);
        if (got < 0) return;
        fast++;
        const want = decodedTcpRanges(r.data, r.linkType, r.originalLength, r.frame, b);
        assert.equal(got === 1, want, `${file} frame ${r.frame}`);
        if (want) assert.deepEqual([...a], [...b], `${file} frame ${r.frame}`);
      },
    });
    reader.push(new Uint8Array(readFileSync(file)));
    reader.end();
  }
  assert.ok(fast > records / 2, `${fast} of ${records} records located without decoding`);
});

test('byte filters agree with tshark on the corpus captures (pcapng, cooked, null, IPv6)', async (t) => {
  const files = [
    'ws-emmunaf-websocket-org-echo.pcapng',
    'http-sv-sll2.pcap',
    'tls-zeek-tls13-sll2.pcap',
    'http-sv-chunked-null-lo0.pcap',
    'ws-spang-ipv6-linux-lo.pcap',
    'tcp-tcpdump-rst-with-payload-null.pcap',
    'http-zeek-snaplen96.pcap',
    'tcp-zeek-snaplen68-smtp.pcap',
  ].map((f) => join(corpusDir, f));
  if (!files.every(existsSync)) {
    t.skip('shared corpus not present');
    return;
  }
  const filters = [
    'frame contains "HTTP/1.1"',
    'tcp.payload contains "HTTP/1.1"',
    'tcp contains 0d:0a',
    'tcp.payload contains 00:00',
    'tcp.payload contains 16:03',
    'frame matches "host: [a-z]"',
  ];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    for (const filter of filters)
      assert.deepEqual(await ours(bytes, filter), tshark(file, filter), `${file}: ${filter}`);
  }
});
