// Hex-literal framing tests (RFC 6455 §5), in the manner of websockets/ws test/receiver.test.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketParser } from '../../../core/dissect/websocket/index.ts';
import { MASK, concat, hex, ids, parse, utf8, wsFrame } from './helpers.ts';

test('unmasked server text frame "Hello" (RFC 6455 §5.7)', () => {
  const p = parse([[1, hex('810548656c6c6f')]]);
  assert.deepEqual(ids(p), []);
  assert.equal(p.frames.length, 1);
  const f = p.frames[0]!;
  assert.deepEqual(
    {
      fin: f.fin,
      rsv: f.rsv,
      opcode: f.opcode,
      masked: f.masked,
      maskKey: f.maskKey,
      length: f.length,
      headerLength: f.headerLength,
      lengthForm: f.lengthForm,
      headerOffset: f.headerOffset,
      payloadOffset: f.payloadOffset,
      frame: f.frame,
      firstFrame: f.firstFrame,
      from: f.from,
    },
    {
      fin: true,
      rsv: 0,
      opcode: 1,
      masked: false,
      maskKey: null,
      length: 5,
      headerLength: 2,
      lengthForm: 7,
      headerOffset: 0,
      payloadOffset: 2,
      frame: 1,
      firstFrame: 1,
      from: 'server',
    },
  );
  assert.equal(p.messages.length, 1);
  assert.deepEqual(
    { ...p.messages[0]! },
    {
      from: 'server',
      type: 'text',
      text: 'Hello',
      payloadHex: null,
      data: null,
      length: 5,
      wireLength: 5,
      compressed: false,
      code: null,
      reason: null,
      firstFrame: 1,
      lastFrame: 1,
      frames: [0],
      clipped: false,
      incomplete: false,
    },
  );
});

test('masked client text frame "Hello" (RFC 6455 §5.7)', () => {
  const p = parse([[0, hex('818537fa213d7f9f4d5158')]]);
  assert.deepEqual(ids(p), []);
  assert.equal(p.frames[0]!.maskKey, '37fa213d');
  assert.equal(p.frames[0]!.headerLength, 6);
  assert.equal(p.frames[0]!.payloadOffset, 6);
  assert.equal(p.messages[0]!.text, 'Hello');
  assert.equal(p.messages[0]!.from, 'client');
});

test('fragmented unmasked text message "Hel" + "lo" (RFC 6455 §5.7)', () => {
  const p = parse([
    [1, hex('010348656c')],
    [1, hex('80026c6f')],
  ]);
  assert.deepEqual(ids(p), []);
  assert.equal(p.frames.length, 2);
  assert.equal(p.frames[0]!.fin, false);
  assert.equal(p.frames[1]!.opcode, 0);
  assert.equal(p.messages.length, 1);
  const m = p.messages[0]!;
  assert.equal(m.text, 'Hello');
  assert.deepEqual([m.firstFrame, m.lastFrame, m.frames, m.wireLength], [1, 2, [0, 1], 5]);
});

test('ping and pong with "Hello" (RFC 6455 §5.7)', () => {
  const p = parse([
    [1, hex('890548656c6c6f')],
    [0, hex('8a8537fa213d7f9f4d5158')],
  ]);
  assert.deepEqual(ids(p), []);
  assert.deepEqual(
    p.messages.map((m) => [m.type, m.from, m.text, m.payloadHex, m.length]),
    [
      ['ping', 'server', 'Hello', '48656c6c6f', 5],
      ['pong', 'client', 'Hello', '48656c6c6f', 5],
    ],
  );
});

test('ping with a payload that is not UTF-8 has hex but no text', () => {
  const p = parse([[1, hex('8902ff00')]]);
  assert.equal(p.messages[0]!.text, null);
  assert.equal(p.messages[0]!.payloadHex, 'ff00');
});

test('binary frames with 16-bit (256 B) and 64-bit (64 KiB) lengths (RFC 6455 §5.7)', () => {
  const small = new Uint8Array(256).map((_, i) => i);
  const big = new Uint8Array(65536).map((_, i) => i * 7);
  const p = parse([
    [1, concat(hex('827e0100'), small)],
    [1, concat(hex('827f0000000000010000'), big)],
  ]);
  assert.deepEqual(ids(p), []);
  assert.deepEqual(
    p.frames.map((f) => [f.lengthForm, f.headerLength, f.length, f.headerOffset, f.payloadOffset]),
    [
      [16, 4, 256, 0, 4],
      [64, 10, 65536, 260, 270],
    ],
  );
  assert.deepEqual(p.messages[0]!.data, small);
  assert.equal(p.messages[0]!.type, 'binary');
  assert.equal(p.messages[0]!.payloadHex!.length, 512);
  assert.deepEqual(p.messages[1]!.data, big);
  assert.equal(p.messages[1]!.clipped, false);
  assert.equal(p.messages[1]!.payloadHex!.length, 512, 'hex is clipped to maxHexBytes');
});

test('masked 64-bit-length binary frame from the client', () => {
  const payload = new Uint8Array(70000).map((_, i) => i % 251);
  const p = parse([[0, wsFrame({ opcode: 2, payload, mask: MASK })]]);
  assert.deepEqual(ids(p), []);
  assert.equal(p.frames[0]!.lengthForm, 64);
  assert.equal(p.frames[0]!.headerLength, 14);
  assert.deepEqual(p.messages[0]!.data!.subarray(0, 65536), payload.subarray(0, 65536));
  assert.equal(p.messages[0]!.data!.length, 65536, 'kept bytes are clipped at 64 KiB');
  assert.equal(p.messages[0]!.clipped, true);
  assert.equal(p.messages[0]!.length, 70000);
});

test('maxKeptBytes clips binary data', () => {
  const p = parse([[1, wsFrame({ opcode: 2, payload: new Uint8Array(100).fill(9) })]], null, {
    maxKeptBytes: 10,
    maxHexBytes: 4,
  });
  assert.equal(p.messages[0]!.data!.length, 10);
  assert.equal(p.messages[0]!.payloadHex, '09090909');
  assert.equal(p.messages[0]!.clipped, true);
});

test('empty text, binary and close frames', () => {
  const p = parse([[1, hex('8100 8200 8800')]]);
  assert.deepEqual(ids(p), []);
  assert.deepEqual(
    p.messages.map((m) => [m.type, m.text, m.length, m.code]),
    [
      ['text', '', 0, null],
      ['binary', null, 0, null],
      ['close', null, 0, null],
    ],
  );
});

test('close frame with code and reason', () => {
  const p = parse([[0, wsFrame({ opcode: 8, payload: concat(hex('03e8'), utf8('bye ✓')), mask: MASK })]]);
  assert.deepEqual(ids(p), []);
  const m = p.messages[0]!;
  assert.deepEqual([m.type, m.code, m.reason, m.text, m.length], ['close', 1000, 'bye ✓', 'bye ✓', 9]);
});

test('fragmented binary message with ping and pong interleaved (RFC 6455 §5.4)', () => {
  const p = parse([
    [0, wsFrame({ opcode: 2, fin: false, payload: hex('0102'), mask: MASK })],
    [0, wsFrame({ opcode: 9, payload: 'p', mask: MASK })],
    [0, wsFrame({ opcode: 0, fin: false, payload: hex('03'), mask: MASK })],
    [1, wsFrame({ opcode: 10, payload: 'p' })],
    [0, wsFrame({ opcode: 10, payload: '', mask: MASK })],
    [0, wsFrame({ opcode: 0, payload: hex('0405'), mask: MASK })],
  ]);
  assert.deepEqual(ids(p), []);
  assert.deepEqual(
    p.messages.map((m) => [m.type, m.from, m.lastFrame, m.frames]),
    [
      ['ping', 'client', 2, [1]],
      ['pong', 'server', 4, [3]],
      ['pong', 'client', 5, [4]],
      ['binary', 'client', 6, [0, 2, 5]],
    ],
  );
  assert.deepEqual(p.messages[3]!.data, hex('0102030405'));
  assert.equal(p.messages[3]!.firstFrame, 1);
});

test('text split inside a multi-byte character across fragments decodes whole', () => {
  const bytes = utf8('a€b'); // 61 e2 82 ac 62
  const p = parse([
    [1, wsFrame({ opcode: 1, fin: false, payload: bytes.subarray(0, 2) })],
    [1, wsFrame({ opcode: 0, fin: false, payload: bytes.subarray(2, 3) })],
    [1, wsFrame({ opcode: 0, payload: bytes.subarray(3) })],
  ]);
  assert.deepEqual(ids(p), []);
  assert.equal(p.messages[0]!.text, 'a€b');
});

test('header split over capture frames: firstFrame and frame differ', () => {
  const bytes = wsFrame({ opcode: 1, payload: 'hi', mask: MASK });
  const p = parse([
    [0, bytes.subarray(0, 1)],
    [0, bytes.subarray(1, 5)],
    [0, bytes.subarray(5)],
  ]);
  assert.equal(p.frames[0]!.firstFrame, 1);
  assert.equal(p.frames[0]!.frame, 3);
  assert.equal(p.messages[0]!.firstFrame, 1);
  assert.equal(p.messages[0]!.lastFrame, 3);
});

test('firstFrame is the capture frame of the first header byte, frame the one completing it', () => {
  const p = parse([
    [1, hex('810141 81')],
    [1, hex('0142 8101')],
    [1, hex('43')],
  ]);
  assert.deepEqual(
    p.frames.map((f) => [f.firstFrame, f.frame]),
    [
      [1, 1],
      [1, 2],
      [2, 3],
    ],
  );
});

test('stream offsets start at the first chunk offset (bytes after the upgrade)', () => {
  const p = new WebSocketParser({}, {});
  p.push(1, { data: hex('8100 8101 41'), frame: 7, offset: 129 });
  p.finish();
  assert.deepEqual(
    p.frames.map((f) => [f.headerOffset, f.payloadOffset]),
    [
      [129, 131],
      [131, 133],
    ],
  );
});

test('listener receives frames, messages and diagnostics in order', () => {
  const events: string[] = [];
  const p = new WebSocketParser(
    {
      frame: (f) => events.push(`frame ${f.index}`),
      message: (m) => events.push(`message ${m.type}`),
      diagnostic: (d) => events.push(d.id),
    },
    {},
  );
  p.push(0, { data: hex('8100'), frame: 1, offset: 0 });
  p.finish();
  assert.deepEqual(events, ['ws.frame.client_unmasked', 'frame 0', 'message text']);
});

test('borrowed chunk memory is not kept: overwriting it after push changes nothing', () => {
  const frame = wsFrame({ opcode: 1, payload: 'borrowed bytes', mask: MASK });
  const p = new WebSocketParser({}, {});
  for (let i = 0; i < frame.length; i += 3) {
    const piece = frame.slice(i, i + 3);
    p.push(0, { data: piece, frame: 1, offset: i });
    piece.fill(0);
  }
  p.finish();
  assert.equal(p.messages[0]!.text, 'borrowed bytes');
});

test('arbitrary bytes never throw', () => {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  for (let round = 0; round < 300; round++) {
    const p = new WebSocketParser(
      {},
      {
        extensions: {
          permessageDeflate: {
            serverNoContextTakeover: false,
            clientNoContextTakeover: round % 2 === 0,
            serverMaxWindowBits: 15,
            clientMaxWindowBits: 15,
          },
          others: [],
          diagnostics: [],
        },
      },
    );
    const offsets = [0, 0];
    for (let c = 0; c < 20; c++) {
      const dir = (rand() & 1) as 0 | 1;
      const data = Uint8Array.from({ length: rand() % 40 }, rand);
      p.push(dir, { data, frame: c + 1, offset: offsets[dir]! });
      offsets[dir]! += data.length;
    }
    p.finish();
  }
});
