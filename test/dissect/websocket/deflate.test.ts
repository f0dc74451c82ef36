// permessage-deflate (RFC 7692 §7.2): context takeover per direction, no_context_takeover,
// window bits, fragmented compressed messages, inflate errors and the bomb limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Deflate, Z_SYNC_FLUSH, deflateRaw } from 'pako';
import {
  WebSocketParser,
  type NegotiatedExtensions,
  type PerMessageDeflate,
} from '../../../core/dissect/websocket/index.ts';
import { MASK, concat, hex, ids, parse, utf8, wsFrame } from './helpers.ts';

function ext(over: Partial<PerMessageDeflate> = {}): NegotiatedExtensions {
  return {
    permessageDeflate: {
      serverNoContextTakeover: false,
      clientNoContextTakeover: false,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 15,
      ...over,
    },
    others: [],
    diagnostics: [],
  };
}

/** A sender's compressor as RFC 7692 §7.2.1 describes it: sync flush, then drop 00 00 ff ff. */
class Peer {
  private deflate: Deflate | null = null;
  private out: Uint8Array[] = [];
  constructor(
    private readonly takeover = true,
    private readonly windowBits = 15,
  ) {}
  private z(): Deflate {
    if (this.deflate === null || !this.takeover) {
      const d = new Deflate({ raw: true, windowBits: this.windowBits });
      d.onData = (c) => this.out.push(c);
      this.deflate = d;
    }
    return this.deflate;
  }
  /** Compressed bytes of one whole message (tail removed). */
  message(data: Uint8Array | string): Uint8Array {
    const bytes =
      this.z().push(typeof data === 'string' ? utf8(data) : data, Z_SYNC_FLUSH) &&
      concat(...this.out.splice(0));
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual([...bytes.subarray(-4)], [0, 0, 0xff, 0xff]);
    return bytes.subarray(0, bytes.length - 4);
  }
}

const text = (i: number) =>
  `{"event":"tick","seq":${i},"payload":"${'lorem ipsum dolor sit amet '.repeat(8)}"}`;

test('context takeover: later messages reference earlier ones (server and client directions)', () => {
  const server = new Peer();
  const client = new Peer();
  const pieces: Array<[0 | 1, Uint8Array]> = [];
  const sizes: number[] = [];
  for (let i = 0; i < 4; i++) {
    const s = server.message(text(i));
    sizes.push(s.length);
    pieces.push([1, wsFrame({ opcode: 1, rsv: 4, payload: s })]);
    pieces.push([0, wsFrame({ opcode: 1, rsv: 4, payload: client.message(text(100 + i)), mask: MASK })]);
  }
  assert.ok(sizes[1]! < sizes[0]! / 3, 'the second message is compressed against the first');
  const p = parse(pieces, ext());
  assert.deepEqual(ids(p), []);
  assert.deepEqual(
    p.messages.map((m) => [m.from, m.text, m.compressed, m.length]),
    [0, 1, 2, 3].flatMap((i) => [
      ['server', text(i), true, text(i).length],
      ['client', text(100 + i), true, text(100 + i).length],
    ]),
  );
  assert.equal(p.messages[2]!.wireLength, sizes[1]);
});

test('server_no_context_takeover: a fresh inflater per server message', () => {
  const server = new Peer(false);
  const pieces: Array<[0 | 1, Uint8Array]> = [0, 1, 2].map((i) => [
    1,
    wsFrame({ opcode: 1, rsv: 4, payload: server.message(text(i)) }),
  ]);
  const p = parse(pieces, ext({ serverNoContextTakeover: true }));
  assert.deepEqual(ids(p), []);
  assert.deepEqual(
    p.messages.map((m) => m.text),
    [0, 1, 2].map(text),
  );
});

test('no_context_takeover really resets: messages that need the old window fail to inflate', () => {
  const server = new Peer(true);
  const pieces: Array<[0 | 1, Uint8Array]> = [0, 1].map((i) => [
    1,
    wsFrame({ opcode: 1, rsv: 4, payload: server.message(text(i)) }),
  ]);
  const p = parse(pieces, ext({ serverNoContextTakeover: true }));
  assert.deepEqual(ids(p), ['ws.deflate.error']);
  assert.equal(p.messages[0]!.text, text(0));
  assert.equal(p.messages[1]!.incomplete, true);
  // The client direction keeps its context: only the server flag was negotiated.
  const client = new Peer(true);
  const q = parse(
    [0, 1].map((i) => [0, wsFrame({ opcode: 1, rsv: 4, payload: client.message(text(i)), mask: MASK })]),
    ext({ serverNoContextTakeover: true }),
  );
  assert.deepEqual(ids(q), []);
});

test('client_no_context_takeover with client_max_window_bits=9', () => {
  const client = new Peer(false, 9);
  const long = 'abcdefghij'.repeat(300);
  const p = parse(
    [0, 1].map((i) => [0, wsFrame({ opcode: 1, rsv: 4, payload: client.message(long + i), mask: MASK })]),
    ext({ clientNoContextTakeover: true, clientMaxWindowBits: 9 }),
  );
  assert.deepEqual(ids(p), []);
  assert.deepEqual(
    p.messages.map((m) => m.text),
    [long + 0, long + 1],
  );
});

test('max_window_bits=8 is decoded with a 9-bit window, as zlib peers send', () => {
  const peer = new Peer(true, 9);
  const long = 'window-bits-'.repeat(100);
  const p = parse(
    [[1, wsFrame({ opcode: 1, rsv: 4, payload: peer.message(long) })]],
    ext({ serverMaxWindowBits: 8 }),
  );
  assert.deepEqual(ids(p), []);
  assert.equal(p.messages[0]!.text, long);
});

test('fragmented compressed message (RSV1 on the first frame only) with a ping in between', () => {
  const server = new Peer();
  const first = server.message(text(0));
  const second = server.message(text(1) + text(2));
  const cut = [5, 11, second.length - 3];
  const pieces: Array<[0 | 1, Uint8Array]> = [
    [1, wsFrame({ opcode: 1, rsv: 4, payload: first })],
    [1, wsFrame({ opcode: 1, rsv: 4, fin: false, payload: second.subarray(0, cut[0]) })],
    [1, wsFrame({ opcode: 0, fin: false, payload: second.subarray(cut[0], cut[1]) })],
    [1, wsFrame({ opcode: 9, payload: 'ping' })],
    [1, wsFrame({ opcode: 0, fin: false, payload: second.subarray(cut[1], cut[2]) })],
    [1, wsFrame({ opcode: 0, payload: second.subarray(cut[2]) })],
    [1, wsFrame({ opcode: 1, rsv: 4, payload: server.message(text(3)) })],
  ];
  const p = parse(pieces, ext());
  assert.deepEqual(ids(p), []);
  assert.deepEqual(
    p.messages.map((m) => [m.type, m.text, m.frames]),
    [
      ['text', text(0), [0]],
      ['ping', 'ping', [3]],
      ['text', text(1) + text(2), [1, 2, 4, 5]],
      ['text', text(3), [6]],
    ],
  );
  assert.equal(p.messages[2]!.wireLength, second.length);
});

test('compressed fragments produced by separate sync flushes (as ws sends with fin:false)', () => {
  const d = new Deflate({ raw: true });
  const chunks: Uint8Array[] = [];
  d.onData = (c) => chunks.push(c);
  d.push(utf8('part one, '), Z_SYNC_FLUSH);
  const a = concat(...chunks.splice(0));
  d.push(utf8('part two'), Z_SYNC_FLUSH);
  const b = concat(...chunks.splice(0));
  const p = parse(
    [
      [0, wsFrame({ opcode: 1, rsv: 4, fin: false, payload: a, mask: MASK })],
      [0, wsFrame({ opcode: 0, payload: b.subarray(0, b.length - 4), mask: MASK })],
    ],
    ext(),
  );
  assert.deepEqual(ids(p), []);
  assert.equal(p.messages[0]!.text, 'part one, part two');
});

test('compressed binary message and a BFINAL block (a new DEFLATE stream afterwards)', () => {
  const data = new Uint8Array(5000).map((_, i) => (i * 31) % 256);
  const finished = deflateRaw(data); // ends with BFINAL: allowed (RFC 7692 §7.2.3.3)
  const p = parse(
    [
      [1, wsFrame({ opcode: 2, rsv: 4, payload: finished })],
      [1, wsFrame({ opcode: 2, rsv: 4, payload: new Peer().message(data) })],
    ],
    ext(),
  );
  assert.deepEqual(ids(p), []);
  assert.deepEqual(p.messages[0]!.data, data);
  assert.deepEqual(p.messages[1]!.data, data);
  assert.equal(p.messages[0]!.compressed, true);
});

test('ws.deflate.error, then ws.deflate.disabled under context takeover', () => {
  const p = parse(
    [
      [1, wsFrame({ opcode: 1, rsv: 4, payload: hex('ffffffff') })],
      [1, wsFrame({ opcode: 1, rsv: 4, payload: new Peer().message('fine') })],
      [1, hex('810141')],
    ],
    ext(),
  );
  assert.deepEqual(ids(p), ['ws.deflate.error', 'ws.deflate.disabled']);
  assert.deepEqual(
    p.messages.map((m) => [m.text, m.incomplete]),
    [
      ['', true],
      ['', true],
      ['A', false],
    ],
  );
});

test('with no_context_takeover an inflate error does not disable the direction', () => {
  const p = parse(
    [
      [1, wsFrame({ opcode: 1, rsv: 4, payload: hex('ffffffff') })],
      [1, wsFrame({ opcode: 1, rsv: 4, payload: new Peer(false).message('fine') })],
    ],
    ext({ serverNoContextTakeover: true }),
  );
  assert.deepEqual(ids(p), ['ws.deflate.error']);
  assert.equal(p.messages[1]!.text, 'fine');
});

test('a lost compressed fragment disables inflation for that direction (context takeover)', () => {
  const peer = new Peer();
  const c = peer.message(text(0));
  const p = new WebSocketParser({}, { extensions: ext() });
  const f1 = wsFrame({ opcode: 1, rsv: 4, payload: c });
  p.push(1, { data: f1.subarray(0, 6), frame: 1, offset: 0 });
  p.gap(1, 6, f1.length - 6, 2);
  const f2 = wsFrame({ opcode: 1, rsv: 4, payload: peer.message(text(1)) });
  p.push(1, { data: f2, frame: 3, offset: f1.length });
  p.finish();
  assert.deepEqual(ids(p), ['ws.truncated', 'ws.deflate.disabled']);
  assert.equal(p.messages[1]!.incomplete, true);
});

test('limit: maxMessageBytes stops inflation in bounded pieces (ws.deflate.limit_exceeded)', () => {
  const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7919) % 251);
  const p = parse(
    [
      [1, wsFrame({ opcode: 2, rsv: 4, payload: new Peer(false).message(big) })],
      [1, wsFrame({ opcode: 1, rsv: 4, payload: new Peer(false).message('after') })],
    ],
    ext({ serverNoContextTakeover: true }),
    { maxMessageBytes: 1024 * 1024 },
  );
  assert.deepEqual(ids(p), ['ws.deflate.limit_exceeded']);
  const m = p.messages[0]!;
  assert.equal(m.incomplete, true);
  assert.ok(
    m.length > 1024 * 1024 && m.length <= 1024 * 1024 + 64 * 1024,
    `stopped within one piece: ${m.length}`,
  );
  assert.equal(p.messages[1]!.text, 'after', 'no_context_takeover: the next message is fine');
});

test('decompression bomb (~1 MB inflating to 1 GiB) stops fast with bounded memory', () => {
  // DEFLATE cannot beat ~1032:1, so 1 GiB needs ~1 MB: 1024 copies of a sync-flushed MiB of zeros.
  const d = new Deflate({ raw: true, level: 9 });
  const chunks: Uint8Array[] = [];
  d.onData = (c) => chunks.push(c);
  d.push(new Uint8Array(1024 * 1024), Z_SYNC_FLUSH);
  const unit = concat(...chunks);
  const bomb = new Uint8Array(unit.length * 1024);
  for (let i = 0; i < 1024; i++) bomb.set(unit, i * unit.length);
  const frame = wsFrame({ opcode: 2, rsv: 4, payload: bomb });

  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  const p = parse(
    [
      [1, frame],
      [1, hex('810141')],
    ],
    ext(),
  );
  const elapsed = performance.now() - t0;
  const grown = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore;
  assert.ok(elapsed < 1000, `took ${elapsed} ms`);
  assert.ok(grown < 64 * 1024 * 1024, `memory grew by ${grown}`);
  assert.deepEqual(ids(p), ['ws.deflate.limit_exceeded', 'ws.deflate.disabled']);
  assert.ok(p.messages[0]!.length <= 16 * 1024 * 1024);
  assert.equal(p.messages[0]!.data!.length, 64 * 1024);
  assert.equal(p.messages[1]!.text, 'A');

  // Without the ratio check, the 16 MiB per-message cap stops it.
  const q = parse([[1, frame]], ext(), { maxRatio: Infinity });
  assert.deepEqual(ids(q), ['ws.deflate.limit_exceeded', 'ws.deflate.disabled']);
  assert.ok(
    q.messages[0]!.length > 16 * 1024 * 1024 && q.messages[0]!.length <= 16 * 1024 * 1024 + 64 * 1024,
  );
});
