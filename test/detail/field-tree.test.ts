// buildFieldTree on hand-written packets: every header field at its byte span with the decoder's
// value, options walked, snaplen cuts leave no span outside the captured bytes, hostile bytes do
// not throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFieldTree, fieldAt, findField, type FieldNode } from '../../core/detail/index.ts';
import { bytes, ETH_IPV4, ETH_IPV6, ipv4, ipv6, tcp } from '../decode/packet-hex.ts';
import { checkTree } from './tree-checks.ts';

function tree(
  linkType: number,
  hex: string | Uint8Array,
  extra: { originalLength?: number } = {},
): { t: FieldNode[]; data: Uint8Array } {
  const data = typeof hex === 'string' ? bytes(hex) : hex;
  const t = buildFieldTree({
    frame: 7,
    data,
    linkType,
    epoch: 1700000000.25,
    capturedLength: data.length,
    originalLength: extra.originalLength ?? data.length,
  });
  checkTree(t, data.length, 'inline');
  return { t, data };
}

function field(t: FieldNode[], key: string): FieldNode {
  const f = findField(t, key);
  assert.ok(f, `no field ${key}`);
  return f;
}

const MSS_SACK_TS_NOP_WS = '020405b4 0402 080a0000000100000002 01 030307';

test('Ethernet + IPv4 + TCP with options: spans and values', () => {
  const { t } = tree(1, ETH_IPV4 + ipv4(tcp('', { flags: 0x002, options: MSS_SACK_TS_NOP_WS })));
  assert.deepEqual(
    t.map((n) => n.key),
    ['frame', 'eth', 'ip', 'tcp'],
  );
  assert.equal(field(t, 'frame.number').value, 7);
  assert.equal(field(t, 'frame.time').value, '2023-11-14T22:13:20.250000Z');
  assert.deepEqual(
    [field(t, 'eth.dst').start, field(t, 'eth.dst').end, field(t, 'eth.dst').value],
    [0, 6, '02:00:00:00:00:01'],
  );
  assert.deepEqual([field(t, 'eth.type').start, field(t, 'eth.type').value], [12, 0x0800]);
  assert.deepEqual(
    [field(t, 'ip.src').start, field(t, 'ip.src').end, field(t, 'ip.src').value],
    [26, 30, '192.168.0.1'],
  );
  assert.deepEqual([field(t, 'ip.dst').start, field(t, 'ip.dst').value], [30, '127.0.0.1']);
  assert.equal(field(t, 'ip.flags.df').value, 1);
  assert.equal(field(t, 'ip.flags.mf').value, 0);
  assert.equal(field(t, 'ip.ttl').value, 64);
  assert.equal(field(t, 'ip.id').value, 0x1234);
  assert.deepEqual([field(t, 'tcp.srcport').start, field(t, 'tcp.srcport').value], [34, 0xc000]);
  assert.equal(field(t, 'tcp.dstport').value, 80);
  assert.equal(field(t, 'tcp.seq').value, 0x01020304);
  assert.equal(field(t, 'tcp.hdr_len').value, 40);
  assert.equal(field(t, 'tcp.flags').value, 0x002);
  assert.equal(field(t, 'tcp.flags').label, 'Flags: 0x002 (SYN)');
  assert.equal(field(t, 'tcp.flags.syn').value, 1);
  assert.equal(field(t, 'tcp.flags.ack').value, 0);
  assert.deepEqual([field(t, 'tcp.flags.syn').start, field(t, 'tcp.flags.syn').end], [47, 48]);
  assert.deepEqual(
    [field(t, 'tcp.window_size_value').start, field(t, 'tcp.window_size_value').value],
    [48, 0xfaf0],
  );
  assert.equal(field(t, 'tcp.checksum').value, 0xbeef);
  assert.equal(field(t, 'tcp.urgent_pointer').value, 7);
  const mss = field(t, 'tcp.options.mss_val');
  assert.deepEqual([mss.start, mss.end, mss.value], [56, 58, 1460]);
  assert.equal(field(t, 'tcp.options.timestamp.tsval').value, 1);
  assert.equal(field(t, 'tcp.options.timestamp.tsecr').value, 2);
  assert.equal(field(t, 'tcp.options.wscale.shift').value, 7);
  const opts = field(t, 'tcp.options');
  assert.deepEqual(
    opts.children!.map((c) => [c.start, c.end, c.value]),
    [
      [54, 58, 2],
      [58, 60, 4],
      [60, 70, 8],
      [70, 71, 1],
      [71, 74, 3],
    ],
  );
});

test('flags label in Wireshark order and every flag as a child', () => {
  const { t } = tree(1, ETH_IPV4 + ipv4(tcp('', { flags: 0x1ff })));
  assert.equal(field(t, 'tcp.flags').label, 'Flags: 0x1ff (FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE)');
  for (const k of ['fin', 'syn', 'rst', 'psh', 'ack', 'urg', 'ece', 'cwr', 'ae'])
    assert.equal(field(t, `tcp.flags.${k}`).value, 1, k);
  assert.equal(field(t, 'tcp.flags.res').value, 0);
  assert.deepEqual([field(t, 'tcp.flags.ae').start, field(t, 'tcp.flags.ae').end], [46, 47]);
});

test('relative numbers from the context; payload as data without application context', () => {
  const data = bytes(ETH_IPV4 + ipv4(tcp('68656c6c6f', { flags: 0x018 })));
  const t = buildFieldTree({
    frame: 1,
    data,
    linkType: 1,
    epoch: 0,
    capturedLength: data.length,
    originalLength: data.length,
    context: { relSeq: 1, relAck: 1, windowSize: 64240 * 128, connection: 3 },
  });
  assert.equal(field(t, 'tcp.seq').value, 1);
  assert.equal(field(t, 'tcp.seq_raw').value, 0x01020304);
  assert.equal(field(t, 'tcp.ack').value, 1);
  assert.equal(field(t, 'tcp.ack_raw').value, 0x0a0b0c0d);
  assert.equal(field(t, 'tcp.stream').value, 3);
  assert.match(field(t, 'tcp.window_size_value').label, /scaled/);
  const d = field(t, 'data');
  assert.deepEqual([d.start, d.end], [54, 59]);
  assert.match(d.label, /hello/);
});

test('IPv4 options are walked into type/length items', () => {
  // Router Alert (94 04 0000) + NOP + EOL + 2 padding.
  const { t } = tree(1, ETH_IPV4 + ipv4(tcp(), { options: '94040000 01000000' }));
  assert.equal(field(t, 'ip.hdr_len').value, 28);
  const o = field(t, 'ip.options');
  assert.deepEqual([o.start, o.end], [34, 42]);
  assert.deepEqual(
    o.children!.map((c) => [c.start, c.end, c.value]),
    [
      [34, 38, 0x94],
      [38, 39, 1],
      [39, 40, 0],
    ],
  );
  assert.equal(field(t, 'tcp').start, 42);
});

test('IPv6 with a fragment extension header', () => {
  const frag = `06 00 0000 0000abcd`; // next TCP, offset 0, M=0, id 0xabcd
  const { t } = tree(1, ETH_IPV6 + ipv6(frag + tcp(), { next: 44 }));
  assert.equal(field(t, 'ipv6.src').value, '2001:db8::1');
  assert.deepEqual([field(t, 'ipv6.src').start, field(t, 'ipv6.src').end], [22, 38]);
  assert.equal(field(t, 'ipv6.flow').value, 0x12345);
  assert.equal(field(t, 'ipv6.hlim').value, 64);
  const ext = field(t, 'ipv6.ext#0');
  assert.deepEqual([ext.start, ext.end, ext.value], [54, 62, 44]);
  assert.equal(field(t, 'ipv6.ext#0.fragment.id').value, 0xabcd);
  assert.equal(field(t, 'tcp').start, 62);
});

test('NULL, SLL and SLL2 link headers', () => {
  const n = tree(0, '02000000' + ipv4(tcp())).t;
  assert.deepEqual(
    [field(n, 'null.family').start, field(n, 'null.family').end, field(n, 'null.family').value],
    [0, 4, 2],
  );
  const sll = tree(113, '0000 0304 0006 000000000000 0000 0800' + ipv4(tcp())).t;
  assert.equal(field(sll, 'sll.etype').value, 0x0800);
  assert.deepEqual([field(sll, 'sll.etype').start, field(sll, 'sll.etype').end], [14, 16]);
  assert.equal(field(sll, 'ip').start, 16);
  const sll2 = tree(276, '0800 0000 00000001 0304 04 06 000000000000 0000' + ipv4(tcp())).t;
  assert.equal(field(sll2, 'sll2.ifindex').value, 1);
  assert.equal(field(sll2, 'sll2.pkttype').value, 4);
  assert.equal(field(sll2, 'ip').start, 20);
  const raw = tree(101, ipv4(tcp())).t;
  assert.deepEqual(
    raw.map((x) => x.key),
    ['frame', 'raw', 'ip', 'tcp'],
  );
  assert.deepEqual([raw[1]!.start, raw[1]!.end, raw[1]!.value], [0, 0, 101]);
});

test('snaplen cut: no span past the captured bytes, fields wholly cut are left out', () => {
  const full = bytes(ETH_IPV4 + ipv4(tcp('', { options: MSS_SACK_TS_NOP_WS })));
  const cut = full.subarray(0, 60); // inside the timestamp option
  const { t } = tree(1, cut, { originalLength: full.length });
  assert.ok(findField(t, 'tcp.options.mss_val'));
  assert.equal(findField(t, 'tcp.options.timestamp.tsecr'), null);
  assert.equal(field(t, 'tcp.options').end, 60);
  assert.match(field(t, 'frame').label, /74 bytes on wire, 60 bytes captured/);
  assert.match(field(t, 'tcp').diagnostic ?? '', /^tcp\.header\.truncated/);
});

test('decode diagnostics land on the field they point at', () => {
  // Total length 0x0100 but the packet is much shorter.
  const { t } = tree(1, ETH_IPV4 + ipv4(tcp(), { totalLength: 0x100 }));
  assert.match(field(t, 'ip.len').diagnostic ?? '', /^ip\.length\.exceeds_frame/);
});

test('fieldAt picks the innermost field for a byte', () => {
  const { t } = tree(1, ETH_IPV4 + ipv4(tcp('', { options: MSS_SACK_TS_NOP_WS })));
  assert.equal(fieldAt(t, 0)!.key, 'eth.dst');
  assert.equal(fieldAt(t, 27)!.key, 'ip.src');
  assert.equal(fieldAt(t, 57)!.key, 'tcp.options.mss_val');
  assert.equal(fieldAt(t, 1000), null);
});

test('hostile bytes: random records never throw and keep spans inside the frame', () => {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const base = bytes(
    ETH_IPV4 + ipv4(tcp('474554202f20485454502f312e310d0a', { options: MSS_SACK_TS_NOP_WS })),
  );
  for (let i = 0; i < 3000; i++) {
    const data = base.slice(0, Math.floor(rnd() * (base.length + 1)));
    for (let k = Math.floor(rnd() * 6); k > 0; k--)
      data[Math.floor(rnd() * data.length)] = Math.floor(rnd() * 256);
    const linkType = [0, 1, 101, 113, 276, 228, 229, 12345][Math.floor(rnd() * 8)]!;
    const t = buildFieldTree({
      frame: i + 1,
      data,
      linkType,
      epoch: rnd() * 2e9,
      capturedLength: data.length,
      originalLength: data.length + Math.floor(rnd() * 3),
    });
    checkTree(t, data.length, `iteration ${i}`);
  }
});

test('escapeWire: controls, C1, bidi overrides escaped; long text clipped', async () => {
  const { escapeWire } = await import('../../core/detail/index.ts');
  assert.equal(escapeWire('a\r\n\t\x00\x7f\x85b'), 'a\\r\\n\\t\\x00\\x7f\\x85b');
  assert.equal(escapeWire('x\u202ey\u2066z\u200f'), 'x\\u{202e}y\\u{2066}z\\u{200f}');
  assert.equal(escapeWire('中文 ok'), '中文 ok');
  assert.equal(escapeWire('abcdef', 3), 'abc…');
});
