// Labels quote hostile bytes: they must come out escaped, clipped on code points, and stable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipText, quoted } from '../../core/bytes/safe-text.ts';
import { messageText, statusText } from '../../core/timeline/app-labels.ts';
import type { WsMessage } from '../../core/dissect/websocket/types.ts';

test('short text passes through; long text is clipped to max code points with an ellipsis', () => {
  assert.equal(clipText('/a.txt', 24), '/a.txt');
  assert.equal(clipText('x'.repeat(24), 24), 'x'.repeat(24));
  assert.equal(clipText('x'.repeat(25), 24), 'x'.repeat(23) + '…');
});

test('clipping never splits a surrogate pair', () => {
  const s = '😀'.repeat(30);
  const out = clipText(s, 10);
  assert.equal(out, '😀'.repeat(9) + '…');
  assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(out));
});

test('control, format (bidi) and separator characters are escaped', () => {
  assert.equal(clipText('a\nb\r\tc', 24), 'a\\nb\\r\\tc');
  assert.equal(clipText('\x00\x1b[31m\x7f', 24), '\\x00\\x1b[31m\\x7f');
  assert.equal(clipText('x\u202ey', 24), 'x\\u{202e}y');
  assert.equal(clipText('x\u2028y\u0085', 24), 'x\\u{2028}y\\x85');
  // Printable non-ASCII stays readable.
  assert.equal(clipText('Questa è 你好', 24), 'Questa è 你好');
});

test('quoted() also escapes quotes and backslashes; clipText leaves them', () => {
  assert.equal(quoted('say "hi" \\o/', 24), '"say \\"hi\\" \\\\o/"');
  assert.equal(clipText('/a"b\\c', 24), '/a"b\\c');
});

function msg(over: Partial<WsMessage>): WsMessage {
  return {
    from: 'client',
    type: 'text',
    text: null,
    payloadHex: null,
    data: null,
    length: 0,
    wireLength: 0,
    compressed: false,
    code: null,
    reason: null,
    firstFrame: 1,
    lastFrame: 1,
    frames: [0],
    clipped: false,
    incomplete: false,
    ...over,
  };
}

test('WebSocket message labels', () => {
  assert.equal(messageText(msg({ text: 'hello', length: 5 })), 'WS Text "hello"');
  assert.equal(
    messageText(msg({ text: 'line1\nline2 and a much longer tail', length: 30 })),
    'WS Text "line1\\nline2 and a much …"',
  );
  assert.equal(messageText(msg({ text: null, length: 7, incomplete: true })), 'WS Text 7 B (incomplete)');
  assert.equal(messageText(msg({ type: 'binary', length: 6, compressed: true })), 'WS Binary 6 B (deflate)');
  assert.equal(messageText(msg({ type: 'ping', text: '' })), 'Ping');
  assert.equal(messageText(msg({ type: 'pong', text: null, length: 4 })), 'Pong 4 B');
  assert.equal(messageText(msg({ type: 'close', code: 1000, reason: 'bye' })), 'Close 1000 "bye"');
  assert.equal(messageText(msg({ type: 'close', code: 1001, reason: '' })), 'Close 1001');
  assert.equal(messageText(msg({ type: 'close' })), 'Close');
});

test('status labels', () => {
  assert.equal(statusText(200, 'OK'), '200 OK');
  assert.equal(statusText(204, ''), '204');
  assert.equal(statusText(101, 'Switching Protocols'), '101 Switching Protocols');
});

test('message labels quote exactly as quoted() does (the ASCII fast path included)', () => {
  const pieces = ['a', 'Z', ' ', '"', '\\', '{"k":1}', '\n', '\x7f', 'é', '你', '😀', '\u202e', '…'];
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const texts = ['', '"', '\\', 'x'.repeat(23) + '"', 'x'.repeat(24) + '"', '"'.repeat(30), '\\'.repeat(25)];
  for (let i = 0; i < 3000; i++) {
    let t = '';
    const len = rand(40);
    // Mostly ASCII (the fast path), sometimes anything.
    const pool = rand(4) === 0 ? pieces.length : 6;
    while (t.length < len) t += pieces[rand(pool)]!;
    texts.push(t);
  }
  for (const text of texts) {
    assert.equal(messageText(msg({ text, length: text.length })), `WS Text ${quoted(text, 24)}`, text);
    assert.equal(
      messageText(msg({ type: 'ping', text, length: text.length })).slice(5),
      text ? quoted(text, 24) : '',
    );
    assert.equal(
      messageText(msg({ type: 'close', code: 1000, reason: text })),
      text ? `Close 1000 ${quoted(text, 24)}` : 'Close 1000',
    );
  }
});
