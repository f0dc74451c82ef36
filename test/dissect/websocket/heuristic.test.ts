import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeWebSocket } from '../../../core/dissect/websocket/index.ts';
import { MASK, concat, loadFixture, utf8, wsFrame } from './helpers.ts';

const streamOf = (name: string, dir: 0 | 1) =>
  concat(
    ...loadFixture(name)
      .chunks.filter((c) => c.dir === dir)
      .map((c) => c.data),
  );

test('corpus connections without their handshake look like WebSocket', () => {
  for (const name of [
    'ws-zeek-two-binary-fragments',
    'ws-sv-permessage-deflate',
    'ws-zeek-jupyter',
    'ws-zeek-wstunnel-ssh-tcp1',
  ]) {
    const r = looksLikeWebSocket(streamOf(name, 0), streamOf(name, 1));
    assert.equal(r.likely, true, `${name}: ${r.reason}`);
  }
});

test('a prefix cut inside a frame is still fine; one masked client frame is enough', () => {
  const c = wsFrame({ opcode: 1, payload: 'hello', mask: MASK });
  assert.equal(looksLikeWebSocket(c, new Uint8Array(0)).likely, true);
  const big = wsFrame({ opcode: 2, payload: new Uint8Array(1000), mask: MASK });
  assert.equal(looksLikeWebSocket(concat(c, big.subarray(0, 50)), new Uint8Array(0)).likely, true);
});

test('HTTP, TLS, unmasked client frames, masked server frames and junk are rejected', () => {
  const server = concat(wsFrame({ opcode: 1, payload: 'a' }), wsFrame({ opcode: 1, payload: 'b' }));
  const cases: Array<[Uint8Array, Uint8Array]> = [
    [utf8('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), utf8('HTTP/1.1 200 OK\r\n\r\n')],
    [Uint8Array.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]), new Uint8Array(0)],
    [wsFrame({ opcode: 1, payload: 'x' }), server],
    [wsFrame({ opcode: 1, payload: 'x', mask: MASK }), wsFrame({ opcode: 1, payload: 'x', mask: MASK })],
    [wsFrame({ opcode: 9, fin: false, payload: 'x', mask: MASK }), new Uint8Array(0)],
    [wsFrame({ opcode: 1, payload: Uint8Array.from([0xff, 0xfe]), mask: MASK }), new Uint8Array(0)],
    [wsFrame({ opcode: 1, payload: 'x', mask: MASK, form: 16 }), new Uint8Array(0)],
    [new Uint8Array(0), new Uint8Array(0)],
    [new Uint8Array(0), wsFrame({ opcode: 1, payload: 'only one' })],
  ];
  for (const [a, b] of cases) {
    const r = looksLikeWebSocket(a, b);
    assert.equal(r.likely, false, r.reason);
    assert.ok(r.reason.length > 0);
  }
  assert.equal(looksLikeWebSocket(new Uint8Array(0), server).likely, true, 'two unmasked server frames');
});
