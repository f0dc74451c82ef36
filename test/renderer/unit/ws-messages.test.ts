// Pure helpers of the WebSocket view on real captures: directions, types, previews, filters,
// pretty JSON, hex dump, and which WebSocket frames and TCP segments carried a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeBytes } from '../../../core/analyze.ts';
import { buildTimeline } from '../../../core/timeline/index.ts';
import { fixture } from '../../timeline/helpers.ts';
import {
  carriersOf,
  filterMessages,
  hexDump,
  messageRows,
  opcodeName,
  prettyJson,
  previewOf,
  sizeText,
  spacedHex,
  timeLookup,
} from '../../../renderer/src/views/websocket/ws-messages.ts';
import type { WsMessage } from '../../../core/dissect/websocket/types.ts';

function load(name: string) {
  const result = analyzeBytes(new Uint8Array(readFileSync(fixture(name))), { rows: true });
  const timeline = buildTimeline(result);
  const i = result.connections.findIndex((c) => c.dissection.websocket);
  return { ws: result.connections[i]!.dissection.websocket!, tl: timeline.connections[i]! };
}

test('websocket-close: messages in order with DevTools directions and types', () => {
  const { ws, tl } = load('websocket-close');
  const rows = messageRows(ws, timeLookup(tl.rows));
  assert.deepEqual(
    rows.map((r) => `${r.dir === 'up' ? '↑' : '↓'} ${r.message.type} ${r.preview}`),
    [
      '↑ text hello',
      '↓ text echo: hello',
      '↑ text how are you?',
      '↓ text echo: how are you?',
      '↑ ping are you there',
      '↑ text push',
      '↓ pong are you there',
      '↓ text server push 1',
      '↓ text server push 2',
      '↓ text server push 3',
      '↑ close 1000 bye',
      '↓ close 1000 bye',
    ],
  );
  // Time of the completing frame (frame 8 at 2.403 ms in the golden ladder).
  assert.ok(Math.abs(rows[0]!.time! - tl.rows.find((r) => r.frame === 8)!.time) < 1e-12);
  assert.equal(rows[0]!.size, 5);
});

test('filters: by type (control frames included) and by text', () => {
  const { ws, tl } = load('websocket-close');
  const rows = messageRows(ws, timeLookup(tl.rows));
  assert.equal(filterMessages(rows, 'all', '').length, 12);
  assert.deepEqual(
    filterMessages(rows, 'control', '').map((r) => r.message.type),
    ['ping', 'pong', 'close', 'close'],
  );
  assert.equal(filterMessages(rows, 'data', '').length, 8);
  assert.equal(filterMessages(rows, 'ping', '').length, 1);
  assert.equal(filterMessages(rows, 'binary', '').length, 0);
  assert.deepEqual(
    filterMessages(rows, 'text', 'PUSH').map((r) => r.preview),
    ['push', 'server push 1', 'server push 2', 'server push 3'],
  );
  assert.equal(filterMessages(rows, 'close', 'bye').length, 2);
});

test('each message maps to its WebSocket frames and the TCP segments that carried them', () => {
  const { ws, tl } = load('websocket-close');
  const hello = ws.messages[0]!;
  const c = carriersOf(hello, ws, tl.rows);
  assert.equal(c.frames.length, 1);
  assert.equal(opcodeName(c.frames[0]!.opcode), 'text');
  assert.deepEqual(c.segments, [8]);
  // Server close rides frame 21, the client's frame 20.
  const closes = ws.messages.filter((m) => m.type === 'close');
  assert.deepEqual(
    closes.map((m) => carriersOf(m, ws, tl.rows).segments),
    [[20], [21]],
  );
});

test('websocket-deflate: compressed messages still map to segments', () => {
  const { ws, tl } = load('websocket-deflate');
  assert.ok(ws.messages.length > 0);
  for (const m of ws.messages) {
    const c = carriersOf(m, ws, tl.rows);
    assert.ok(c.segments.length >= 1);
    assert.ok(c.segments.includes(m.lastFrame), `message ending in ${m.lastFrame} maps to ${c.segments}`);
  }
});

test('pretty JSON only for objects and arrays that parse', () => {
  assert.equal(prettyJson('{"a":1,"b":[true]}'), '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}');
  assert.equal(prettyJson(' [1] '), '[\n  1\n]');
  assert.equal(prettyJson('{nope'), null);
  assert.equal(prettyJson('42'), null);
  assert.equal(prettyJson(null), null);
});

test('hex dump, spaced hex, sizes, opcode names', () => {
  const bytes = new Uint8Array([0x48, 0x69, 0x00, 0xff, ...new Array(14).fill(0x41)]);
  const lines = hexDump(bytes);
  assert.equal(lines.length, 2);
  assert.equal(lines[0], '00000000  48 69 00 ff 41 41 41 41  41 41 41 41 41 41 41 41  Hi..AAAAAAAAAAAA');
  assert.ok(lines[1]!.startsWith('00000010  41 41 '));
  assert.ok(lines[1]!.endsWith(' AA'));
  assert.equal(spacedHex('0a1b2c', 2), '0a 1b …');
  assert.equal(sizeText(999), '999 B');
  assert.equal(sizeText(1500), '1.5 kB');
  assert.equal(opcodeName(0), 'continuation');
  assert.equal(opcodeName(0xb), '0xb');
});

test('previews are one safe line: control characters escaped, long text clipped, binary as hex', () => {
  const base: WsMessage = {
    from: 'client',
    type: 'text',
    text: 'a\nb\u202e',
    payloadHex: null,
    data: null,
    length: 4,
    wireLength: 4,
    compressed: false,
    code: null,
    reason: null,
    firstFrame: 1,
    lastFrame: 1,
    frames: [0],
    clipped: false,
    incomplete: false,
  };
  assert.equal(previewOf(base), 'a\\nb\\u{202e}');
  assert.equal(Array.from(previewOf({ ...base, text: 'x'.repeat(1000) })).length, 160);
  assert.equal(
    previewOf({ ...base, type: 'binary', text: null, data: new Uint8Array([1, 2, 255]) }),
    '01 02 ff',
  );
  assert.equal(
    previewOf({ ...base, type: 'close', text: null, code: 1001, reason: 'going away' }),
    '1001 going away',
  );
});
