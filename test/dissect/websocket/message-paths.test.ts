// The parser builds a message two ways: straight from the payload of a single plain frame, or
// assembled in a per-direction buffer (fragments, permessage-deflate). These tests pin that both
// give the same message, that the reused buffer never leaks one message into the next, that the
// lazy UTF-8 check (decode first, byte-wise check only when U+FFFD shows up) keeps RFC 6455 §8.1
// verdicts, and the flat hex text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hexOf, hex4 } from '../../../core/dissect/websocket/hex.ts';
import type { WsMessage } from '../../../core/dissect/websocket/index.ts';
import { MASK, concat, hex, ids, parse, utf8, wsFrame } from './helpers.ts';

/** The message fields that do not depend on how many frames carried it. */
const content = (m: WsMessage) => ({
  from: m.from,
  type: m.type,
  text: m.text,
  payloadHex: m.payloadHex,
  data: m.data,
  length: m.length,
  wireLength: m.wireLength,
  clipped: m.clipped,
  incomplete: m.incomplete,
});

function fragments(opcode: number, payload: Uint8Array, parts: number, mask: number[] | null): Uint8Array {
  const out: Uint8Array[] = [];
  const step = Math.ceil(payload.length / parts);
  for (let i = 0, at = 0; i < parts; i++, at += step) {
    out.push(
      wsFrame({
        opcode: i === 0 ? opcode : 0,
        fin: i === parts - 1,
        payload: payload.subarray(at, at + step),
        mask,
      }),
    );
  }
  return concat(...out);
}

test('one frame and the same payload in fragments give the same message', () => {
  const cases: Array<[number, Uint8Array]> = [
    [1, utf8('héllo wörld, ünïcode text ✓ 𝄞')],
    [2, Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 255)],
    [1, new Uint8Array(0)],
  ];
  for (const [opcode, payload] of cases) {
    for (const mask of [MASK, null]) {
      const dir = mask ? 0 : 1;
      const whole = parse([[dir, wsFrame({ opcode, payload, mask })]]);
      const split = parse([[dir, fragments(opcode, payload, 3, mask)]]);
      assert.equal(whole.messages.length, 1);
      assert.deepEqual(content(whole.messages[0]!), content(split.messages[0]!));
      assert.deepEqual(whole.messages[0]!.frames, [0]);
      assert.deepEqual(split.messages[0]!.frames, [0, 1, 2]);
      assert.deepEqual(ids(whole), ids(split));
    }
  }
});

test('binary data is a plain Uint8Array copy, not a view of the pushed bytes', () => {
  const bytes = Buffer.from(wsFrame({ opcode: 2, payload: hex('0102030405') }));
  const p = parse([[1, bytes]]);
  const data = p.messages[0]!.data!;
  assert.equal(Object.getPrototypeOf(data), Uint8Array.prototype);
  bytes.fill(0);
  assert.deepEqual([...data], [1, 2, 3, 4, 5]);
});

test('the per-direction buffer does not carry bytes from one message into the next', () => {
  const big = utf8('x'.repeat(5000));
  const p = parse([
    [1, fragments(1, big, 4, null)],
    [1, fragments(1, utf8('short'), 2, null)],
    [1, fragments(2, hex('aabb'), 2, null)],
  ]);
  assert.deepEqual(
    p.messages.map((m) => [m.type, m.text?.length ?? null, m.payloadHex]),
    [
      ['text', 5000, null],
      ['text', 5, null],
      ['binary', null, 'aabb'],
    ],
  );
  assert.equal(p.messages[1]!.text, 'short');
});

test('UTF-8: a real U+FFFD is valid, invalid bytes are not, in one frame and in fragments', () => {
  const replacement = utf8('ok \uFFFD ok');
  assert.deepEqual(ids(parse([[1, wsFrame({ opcode: 1, payload: replacement })]])), []);
  assert.deepEqual(ids(parse([[1, fragments(1, replacement, 3, null)]])), []);
  assert.equal(parse([[1, wsFrame({ opcode: 1, payload: replacement })]]).messages[0]!.text, 'ok \uFFFD ok');
  const bad = concat(utf8('abc'), hex('eda080'), utf8('def')); // an encoded surrogate
  assert.deepEqual(ids(parse([[1, wsFrame({ opcode: 1, payload: bad })]])), ['ws.text.invalid_utf8']);
  assert.deepEqual(ids(parse([[1, fragments(1, bad, 3, null)]])), ['ws.text.invalid_utf8']);
});

test('UTF-8: invalid bytes past the kept text are still found (one frame and fragments)', () => {
  const payload = concat(utf8('a'.repeat(40)), hex('c0af')); // an overlong '/' after the cap
  const limits = { maxTextBytes: 16 };
  for (const bytes of [wsFrame({ opcode: 1, payload }), fragments(1, payload, 5, null)]) {
    const p = parse([[1, bytes]], null, limits);
    assert.deepEqual(ids(p), ['ws.text.invalid_utf8']);
    assert.equal(p.messages[0]!.text, 'a'.repeat(16));
    assert.equal(p.messages[0]!.clipped, true);
    assert.equal(p.messages[0]!.length, 42);
  }
  const fine = concat(utf8('a'.repeat(40)), utf8('é'));
  assert.deepEqual(ids(parse([[1, fragments(1, fine, 5, null)]], null, limits)), []);
});

test('UTF-8: a character cut by the end of the capture is not an error', () => {
  // First fragment ends inside 'é'; the stream ends before the next fragment.
  const p = parse([[1, wsFrame({ opcode: 1, fin: false, payload: concat(utf8('caf'), hex('c3')) })]]);
  assert.deepEqual(ids(p), ['ws.truncated']);
  assert.equal(p.messages[0]!.incomplete, true);
  assert.equal(p.messages[0]!.text, 'caf\uFFFD');
});

test('over limits.maxMessages: not listed, still validated', () => {
  const p = parse(
    [
      [1, wsFrame({ opcode: 1, payload: 'fine' })],
      [1, wsFrame({ opcode: 1, payload: hex('ff') })],
    ],
    null,
    { maxMessages: 1 },
  );
  assert.equal(p.messages.length, 1);
  assert.deepEqual(ids(p), ['ws.text.invalid_utf8', 'ws.limit.messages']);
});

test('hex text: same as a byte-by-byte rendering, at every length', () => {
  const naive = (b: Uint8Array, max: number) =>
    Array.from(b.subarray(0, max), (x) => x.toString(16).padStart(2, '0')).join('');
  const bytes = Uint8Array.from({ length: 20000 }, (_, i) => (i * 131 + (i >> 8)) & 255);
  for (const n of [0, 1, 2, 3, 4, 5, 17, 255, 256, 257, 4096, 20000]) {
    assert.equal(hexOf(bytes.subarray(0, n), 1 << 20), naive(bytes, n), `length ${n}`);
    assert.equal(hexOf(bytes.subarray(0, n), 3), naive(bytes, Math.min(n, 3)));
  }
  assert.equal(hex4(0x37, 0xfa, 0x21, 0x0d), '37fa210d');
  const p = parse([[0, wsFrame({ opcode: 2, payload: hex('00ff'), mask: [0, 0x0a, 0xb0, 0xff] })]]);
  assert.equal(p.frames[0]!.maskKey, '000ab0ff');
  assert.equal(p.messages[0]!.payloadHex, '00ff');
});
