// Messages are recorded column-wise with their kept bytes and turned into WsMessage objects on
// demand: the objects must equal what the message paths produce (text, hex, data, close code and
// reason decoded from the kept bytes), `messages` must stay one growing array, and counting
// (the CLI summary) must need no objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketParser, type WsMessage } from '../../../core/dissect/websocket/index.ts';
import { analyzeBytes } from '../../../core/analyze.ts';
import { websocketMessageTally } from '../../../core/dissect/dispatch.ts';
import { corpusDir } from '../../helpers/tshark.ts';
import { MASK, concat, wsFrame } from './helpers.ts';

const enc = new TextEncoder();

function closePayload(code: number, reason: string): Uint8Array {
  return concat(new Uint8Array([code >> 8, code & 255]), enc.encode(reason));
}

test('every kind of message survives the column round trip', () => {
  const p = new WebSocketParser({}, { limits: { maxHexBytes: 4 } });
  const bin = new Uint8Array([1, 2, 3, 4, 5, 6]);
  const data = concat(
    wsFrame({ opcode: 1, payload: 'héllo', mask: MASK }),
    wsFrame({ opcode: 2, payload: bin, mask: MASK }),
    wsFrame({ opcode: 1, payload: '', mask: MASK }),
    wsFrame({ opcode: 9, payload: 'ping!', mask: MASK }),
    wsFrame({ opcode: 1, fin: false, payload: 'frag', mask: MASK }),
    wsFrame({ opcode: 10, payload: new Uint8Array([0xff]), mask: MASK }),
    wsFrame({ opcode: 0, payload: 'ment', mask: MASK }),
    wsFrame({ opcode: 8, payload: closePayload(1000, 'bye'), mask: MASK }),
  );
  p.push(0, { data, frame: 7, offset: 0 });
  assert.equal(p.messageCount, 7);
  const m = p.messages;
  assert.deepEqual(
    m.map((x) => [
      x.type,
      x.text,
      x.payloadHex,
      x.data && [...x.data],
      x.code,
      x.reason,
      x.length,
      x.clipped,
    ]),
    [
      ['text', 'héllo', null, null, null, null, 6, false],
      // clipped: binary data kept short of maxKeptBytes (the hex is always a preview).
      ['binary', null, '01020304', [1, 2, 3, 4, 5, 6], null, null, 6, false],
      ['text', '', null, null, null, null, 0, false],
      ['ping', 'ping!', '70696e67', null, null, null, 5, true],
      // 0xff is not UTF-8: no text, only hex.
      ['pong', null, 'ff', null, null, null, 1, false],
      // The fragmented text completes after the pong that came between its frames.
      ['text', 'fragment', null, null, null, null, 8, false],
      ['close', 'bye', '03e86279', null, 1000, 'bye', 5, true],
    ],
  );
  assert.deepEqual(
    m.map((x) => x.frames),
    [[0], [1], [2], [3], [5], [4, 6], [7]],
  );
  assert.ok(m[1]!.data instanceof Uint8Array && m[1]!.data.buffer !== data.buffer, 'data is a copy');
});

test('a close frame: code and reason from the kept bytes; text is the reason', () => {
  const p = new WebSocketParser({});
  p.push(1, { data: wsFrame({ opcode: 8, payload: closePayload(1001, 'going away') }), frame: 3, offset: 0 });
  const [c] = p.messages;
  assert.equal(c!.type, 'close');
  assert.equal(c!.code, 1001);
  assert.equal(c!.reason, 'going away');
  assert.equal(c!.text, 'going away');
  assert.equal(c!.payloadHex, '03e9' + Buffer.from('going away').toString('hex'));
});

test('messages is one array, extended as messages arrive; messageAt and messageCount make no objects', () => {
  const p = new WebSocketParser({});
  const one = wsFrame({ opcode: 1, payload: 'a', mask: MASK });
  p.push(0, { data: one, frame: 1, offset: 0 });
  assert.equal(p.messageCount, 1);
  assert.equal(p.messageFrom(0), 'client');
  assert.equal(p.messageType(0), 'text');
  const fresh = p.messageAt(0);
  assert.notEqual(p.messageAt(0), fresh, 'not kept before messages is read');
  const first = p.messages;
  assert.deepEqual(first[0], fresh);
  assert.equal(p.messageAt(0), first[0], 'the kept object once made');
  p.push(0, { data: concat(one, one), frame: 2, offset: one.length });
  assert.equal(p.messages, first, 'same array');
  assert.equal(first.length, 3);
});

test('a message listener gets the very objects later listed in messages', () => {
  const seen: WsMessage[] = [];
  const p = new WebSocketParser({ message: (m) => seen.push(m) });
  p.push(1, {
    data: concat(wsFrame({ opcode: 2, payload: 'xy' }), wsFrame({ opcode: 9 })),
    frame: 5,
    offset: 0,
  });
  assert.equal(seen.length, 2);
  assert.equal(p.messages[0], seen[0]);
  assert.equal(p.messages[1], seen[1]);
});

test('many messages and big ones: bytes kept across blocks, equal to what was sent', () => {
  const p = new WebSocketParser({});
  const texts: string[] = [];
  const offsets = [0, 0];
  for (let i = 0; i < 3000; i++) {
    // Sizes from 0 to ~600 KB: small ones share blocks, the big ones get blocks of their own.
    const size = i % 1000 === 999 ? 600_000 + i : (i * 37) % 300;
    const text = String.fromCharCode(97 + (i % 26)).repeat(size);
    texts.push(text);
    const dir = (i % 2) as 0 | 1;
    const f = wsFrame({ opcode: 1, payload: text, mask: dir === 0 ? MASK : undefined });
    p.push(dir, { data: f, frame: i + 1, offset: offsets[dir]! });
    offsets[dir]! += f.length;
  }
  assert.equal(p.messageCount, 3000);
  assert.deepEqual(
    p.messages.map((m) => m.text),
    texts,
  );
  assert.equal(p.diagnostics.length, 0);
});

test('the tally counts like the messages do, on a real capture and on a hand-made dissection', () => {
  const result = analyzeBytes(readFileSync(join(corpusDir, 'ws-sv-browser-basic.pcap')));
  const ws = result.connections.find((c) => c.dissection.websocket)!.dissection.websocket!;
  const tally = websocketMessageTally(ws);
  const client = ws.messages.filter((m) => m.from === 'client').length;
  assert.equal(tally.client, client);
  assert.equal(tally.server, ws.messages.length - client);
  assert.equal(ws.messageCount, ws.messages.length);
  assert.deepEqual(
    tally.closes,
    ws.messages.filter((m) => m.type === 'close'),
  );
  const copy = structuredClone(ws);
  assert.deepEqual(copy.messages, ws.messages);
  assert.deepEqual(websocketMessageTally(copy), tally);
});
