// Every RFC 6455 conformance diagnostic of the parser, asserted by id (DESIGN §2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketParser, type NegotiatedExtensions } from '../../../core/dissect/websocket/index.ts';
import { MASK, concat, hex, ids, parse, utf8, wsFrame } from './helpers.ts';

const pmd: NegotiatedExtensions = {
  permessageDeflate: {
    serverNoContextTakeover: false,
    clientNoContextTakeover: false,
    serverMaxWindowBits: 15,
    clientMaxWindowBits: 15,
  },
  others: [],
  diagnostics: [],
};

test('ws.frame.client_unmasked and ws.frame.server_masked', () => {
  const p = parse([
    [0, hex('810141')],
    [1, wsFrame({ opcode: 1, payload: 'A', mask: MASK })],
  ]);
  assert.deepEqual(ids(p), ['ws.frame.client_unmasked', 'ws.frame.server_masked']);
  assert.deepEqual(
    p.diagnostics.map((d) => [d.frame, d.severity]),
    [
      [1, 'error'],
      [2, 'error'],
    ],
  );
  assert.deepEqual(
    p.messages.map((m) => m.text),
    ['A', 'A'],
    'still decoded',
  );
});

test('ws.frame.control_too_long: 126-byte ping in the 16-bit form', () => {
  const p = parse([[1, wsFrame({ opcode: 9, payload: new Uint8Array(126).fill(0x61) })]]);
  assert.deepEqual(ids(p), ['ws.frame.control_too_long']);
  assert.equal(p.messages[0]!.type, 'ping');
  assert.equal(p.messages[0]!.length, 126);
});

test('ws.frame.control_fragmented: ping without FIN', () => {
  const p = parse([[1, hex('0900')]]);
  assert.deepEqual(ids(p), ['ws.frame.control_fragmented']);
  assert.equal(p.messages[0]!.type, 'ping');
});

test('ws.frame.rsv_without_extension: RSV1 without permessage-deflate, RSV2/RSV3 always', () => {
  assert.deepEqual(ids(parse([[1, hex('c10141')]])), ['ws.frame.rsv_without_extension']);
  assert.deepEqual(ids(parse([[1, hex('a10141')]], pmd)), ['ws.frame.rsv_without_extension']);
  assert.deepEqual(ids(parse([[1, hex('910141')]], pmd)), ['ws.frame.rsv_without_extension']);
  const p = parse([[1, hex('c10141')]]);
  assert.equal(p.messages[0]!.compressed, false, 'not inflated without the extension');
  assert.equal(p.messages[0]!.text, 'A');
  // An unknown extension may use any RSV bit: nothing to check.
  assert.deepEqual(
    ids(parse([[1, hex('f10141')]], { permessageDeflate: null, others: ['x-custom'], diagnostics: [] })),
    [],
  );
});

test('ws.frame.rsv1_misplaced: RSV1 on a continuation or control frame under permessage-deflate', () => {
  const p = parse([[1, concat(hex('c9 00'), hex('01 01 41'), hex('c0 01 42'))]], pmd);
  assert.deepEqual(ids(p), ['ws.frame.rsv1_misplaced', 'ws.frame.rsv1_misplaced']);
});

test('ws.frame.opcode_reserved: data 0x3..0x7 and control 0xB..0xF', () => {
  for (const op of [3, 4, 5, 6, 7, 11, 12, 13, 14, 15]) {
    const p = parse([[1, concat(wsFrame({ opcode: op, payload: 'xy' }), hex('810141'))]]);
    assert.deepEqual(ids(p), ['ws.frame.opcode_reserved'], `opcode ${op}`);
    assert.equal(p.frames.length, 2);
    assert.deepEqual(
      p.messages.map((m) => m.text),
      ['A'],
      'parsing continues after the reserved frame',
    );
  }
});

test('ws.frame.continuation_unexpected', () => {
  const p = parse([[1, hex('800141 810142')]]);
  assert.deepEqual(ids(p), ['ws.frame.continuation_unexpected']);
  assert.deepEqual(
    p.messages.map((m) => m.text),
    ['B'],
  );
});

test('ws.frame.new_message_in_fragmented: the unfinished message is emitted incomplete', () => {
  const p = parse([
    [1, hex('010141')],
    [1, hex('810142')],
  ]);
  assert.deepEqual(ids(p), ['ws.frame.new_message_in_fragmented']);
  assert.deepEqual(
    p.messages.map((m) => [m.text, m.incomplete, m.lastFrame]),
    [
      ['A', true, 1],
      ['B', false, 2],
    ],
  );
});

test('ws.frame.length_not_minimal: 16-bit form for 5 bytes, 64-bit form for 200', () => {
  assert.deepEqual(ids(parse([[1, wsFrame({ opcode: 1, payload: 'Hello', form: 16 })]])), [
    'ws.frame.length_not_minimal',
  ]);
  const p = parse([[1, wsFrame({ opcode: 2, payload: new Uint8Array(200), form: 64 })]]);
  assert.deepEqual(ids(p), ['ws.frame.length_not_minimal']);
  assert.equal(p.diagnostics[0]!.severity, 'warn');
  assert.equal(p.messages[0]!.length, 200);
  // Boundaries: 125 needs the 7-bit form, 126..65535 the 16-bit form.
  assert.deepEqual(ids(parse([[1, wsFrame({ opcode: 2, payload: new Uint8Array(125), form: 16 })]])), [
    'ws.frame.length_not_minimal',
  ]);
  assert.deepEqual(ids(parse([[1, wsFrame({ opcode: 2, payload: new Uint8Array(126), form: 16 })]])), []);
  assert.deepEqual(ids(parse([[1, wsFrame({ opcode: 2, payload: new Uint8Array(65535), form: 64 })]])), [
    'ws.frame.length_not_minimal',
  ]);
  assert.deepEqual(ids(parse([[1, wsFrame({ opcode: 2, payload: new Uint8Array(65536), form: 64 })]])), []);
});

test('ws.frame.length_invalid: 64-bit length with the top bit set loses frame sync', () => {
  const p = parse([
    [1, hex('827f8000000000000001 ff')],
    [1, hex('810141')],
  ]);
  assert.deepEqual(ids(p), ['ws.frame.length_invalid', 'ws.truncated']);
  assert.equal(p.frames.length, 0);
  assert.equal(p.messages.length, 0, 'nothing after the impossible length is parsed');
  // 2^53 has the top bit clear but cannot be represented exactly: also impossible.
  assert.deepEqual(ids(parse([[1, hex('827f0020000000000000')]])), [
    'ws.frame.length_invalid',
    'ws.truncated',
  ]);
  // 2^53 - 1 is representable: the frame is announced, skipped, and truncated at the end.
  assert.deepEqual(ids(parse([[1, hex('827f001fffffffffffff 00')]])), ['ws.truncated']);
});

test('ws.close.code_invalid for 999, 1004, 1005, 1006, 1015, 2000, 5000; valid 1000..1014, 3000, 4999', () => {
  for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535]) {
    const p = parse([[1, wsFrame({ opcode: 8, payload: hex(code.toString(16).padStart(4, '0')) })]]);
    assert.deepEqual(ids(p), ['ws.close.code_invalid'], `code ${code}`);
    assert.equal(p.messages[0]!.code, code);
  }
  for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999]) {
    assert.deepEqual(
      ids(parse([[1, wsFrame({ opcode: 8, payload: hex(code.toString(16).padStart(4, '0')) })]])),
      [],
      `code ${code}`,
    );
  }
});

test('ws.close.payload_invalid: 1-byte payload, and a reason that is not UTF-8', () => {
  const one = parse([[1, hex('880103')]]);
  assert.deepEqual(ids(one), ['ws.close.payload_invalid']);
  assert.equal(one.messages[0]!.code, null);
  const bad = parse([[1, hex('880403e8c328')]]);
  assert.deepEqual(ids(bad), ['ws.close.payload_invalid']);
  assert.equal(bad.messages[0]!.code, 1000);
  assert.equal(bad.messages[0]!.reason, null);
  assert.equal(bad.messages[0]!.payloadHex, '03e8c328');
});

test('ws.text.invalid_utf8: in one frame, across fragments, and a character cut at the end', () => {
  assert.deepEqual(ids(parse([[1, hex('8102c328')]])), ['ws.text.invalid_utf8']);
  assert.equal(parse([[1, hex('8102c328')]]).messages[0]!.text, '\ufffd(');
  // Surrogate U+D800 (ed a0 80) split over two fragments.
  assert.deepEqual(
    ids(
      parse([
        [1, hex('0102 41ed')],
        [1, hex('8002 a080')],
      ]),
    ),
    ['ws.text.invalid_utf8'],
  );
  // A valid 3-byte character split over fragments is fine; its first two bytes alone are not.
  assert.deepEqual(
    ids(
      parse([
        [1, hex('0102 41e2')],
        [1, hex('8002 82ac')],
      ]),
    ),
    [],
  );
  const cut = parse([[1, hex('8103 41e282')]]);
  assert.deepEqual(ids(cut), ['ws.text.invalid_utf8']);
  assert.equal(cut.diagnostics[0]!.frame, 1);
});

test("ws.frame.after_close: a frame sent after that side's close", () => {
  const p = parse([
    [1, hex('880203e8')],
    [0, wsFrame({ opcode: 1, payload: 'ok', mask: MASK })],
    [1, hex('810141')],
  ]);
  assert.deepEqual(ids(p), ['ws.frame.after_close']);
  assert.equal(p.diagnostics[0]!.frame, 3);
});

test('ws.truncated: capture ends inside a header, inside a payload, and inside a fragmented message', () => {
  const inHeader = parse([[1, hex('81')]]);
  assert.deepEqual(ids(inHeader), ['ws.truncated']);
  assert.equal(inHeader.frames.length, 0);

  const inPayload = parse([[0, wsFrame({ opcode: 1, payload: 'Hello', mask: MASK }).subarray(0, 8)]]);
  assert.deepEqual(ids(inPayload), ['ws.truncated']);
  assert.equal(inPayload.frames[0]!.truncated, true);
  assert.equal(inPayload.messages[0]!.incomplete, true);

  const inMessage = parse([[1, hex('010141')]]);
  assert.deepEqual(ids(inMessage), ['ws.truncated']);
  assert.deepEqual(
    inMessage.messages.map((m) => [m.text, m.incomplete]),
    [['A', true]],
  );
  assert.equal(inMessage.diagnostics[0]!.severity, 'note', 'a capture cut is not a protocol error');
});

test('ws.truncated: a gap inside a payload keeps frame sync; a gap in a header loses it', () => {
  const p = new WebSocketParser({}, {});
  p.push(1, { data: hex('820a0102'), frame: 1, offset: 0 });
  p.gap(1, 4, 5, 2);
  p.push(1, { data: hex('0a0b0c 810141'), frame: 3, offset: 9 });
  p.finish();
  assert.deepEqual(ids(p), ['ws.truncated']);
  assert.deepEqual(
    p.frames.map((f) => [f.length, f.truncated, f.frame]),
    [
      [10, true, 3],
      [1, false, 3],
    ],
  );
  assert.deepEqual(
    p.messages.map((m) => [m.type, m.incomplete]),
    [
      ['binary', true],
      ['text', false],
    ],
  );

  const q = new WebSocketParser({}, {});
  q.push(1, { data: hex('81'), frame: 1, offset: 0 });
  q.gap(1, 1, 3, 2);
  q.push(1, { data: hex('810141'), frame: 3, offset: 4 });
  q.finish();
  assert.deepEqual(ids(q), ['ws.truncated']);
  assert.equal(q.messages.length, 0);

  // A gap that ends exactly at the end of the payload resynchronises on the next header.
  const r = new WebSocketParser({}, {});
  r.push(1, { data: hex('8203'), frame: 1, offset: 0 });
  r.gap(1, 2, 3, 2);
  r.push(1, { data: hex('810141'), frame: 3, offset: 5 });
  r.finish();
  assert.deepEqual(ids(r), ['ws.truncated']);
  assert.deepEqual(
    r.messages.map((m) => m.text ?? m.type),
    ['binary', 'A'],
  );
  // A chunk arriving past the expected offset is a gap too.
  const s = new WebSocketParser({}, {});
  s.push(1, { data: hex('810141'), frame: 1, offset: 0 });
  s.push(1, { data: hex('810142'), frame: 2, offset: 10 });
  s.finish();
  assert.deepEqual(ids(s), ['ws.truncated']);
  assert.deepEqual(
    s.messages.map((m) => m.text),
    ['A'],
  );
});

test('ws.frame.too_large: payload above maxFramePayload is skipped without buffering', () => {
  const p = parse([[1, concat(wsFrame({ opcode: 2, payload: new Uint8Array(1000) }), hex('810141'))]], null, {
    maxFramePayload: 100,
  });
  assert.deepEqual(ids(p), ['ws.frame.too_large']);
  assert.equal(p.frames[0]!.skipped, true);
  assert.deepEqual(
    p.messages.map((m) => [m.type, m.incomplete, m.length, m.wireLength]),
    [
      ['binary', true, 0, 1000],
      ['text', false, 1, 1],
    ],
  );
});

test('ws.message.too_many_fragments', () => {
  const parts = [hex('0101 41')];
  for (let i = 0; i < 5; i++) parts.push(hex('000142'));
  parts.push(hex('800143'));
  const p = parse([[1, concat(...parts)]], null, { maxFragments: 3 });
  assert.deepEqual(ids(p), ['ws.message.too_many_fragments']);
  assert.equal(p.messages[0]!.frames.length, 3);
  assert.equal(p.messages[0]!.text, 'ABBBBBC', 'the content is still decoded');
});

test('ws.limit.frames, ws.limit.messages, ws.limit.diagnostics', () => {
  const p = parse([[1, hex('8100 8100 8100 8100')]], null, { maxFrames: 2, maxMessages: 3 });
  assert.deepEqual(ids(p), ['ws.limit.frames', 'ws.limit.messages']);
  assert.equal(p.frames.length, 2);
  assert.equal(p.messages.length, 3);
  assert.deepEqual(p.messages[2]!.frames, [], 'unlisted frames are not referenced');
  const q = parse([[1, hex('810180 810180 810180 810180')]], null, { maxDiagnostics: 2 });
  assert.deepEqual(ids(q), ['ws.text.invalid_utf8', 'ws.text.invalid_utf8', 'ws.limit.diagnostics']);
});

test('after end(), further data in that direction is ignored; the other direction goes on', () => {
  const p = new WebSocketParser({}, {});
  p.push(1, { data: hex('810141'), frame: 1, offset: 0 });
  p.end(1, 'fin', 2);
  p.push(1, { data: hex('810142'), frame: 3, offset: 3 });
  p.push(0, { data: wsFrame({ opcode: 1, payload: 'C', mask: MASK }), frame: 4, offset: 0 });
  p.finish();
  assert.deepEqual(
    p.messages.map((m) => m.text),
    ['A', 'C'],
  );
  assert.deepEqual(ids(p), []);
});

test('ping payload text only when valid UTF-8; close reason decoded', () => {
  const p = parse([
    [1, concat(wsFrame({ opcode: 9, payload: utf8('é') }), wsFrame({ opcode: 10, payload: hex('c3') }))],
  ]);
  assert.deepEqual(
    p.messages.map((m) => m.text),
    ['é', null],
  );
  assert.deepEqual(ids(p), []);
});
