import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteQueue } from '../../core/bytes/byte-queue.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

test('peek and consume across chunk boundaries', () => {
  const q = new ByteQueue();
  q.push(enc('GET / HT'));
  q.push(enc('TP/1.1\r'));
  q.push(enc('\nHost: x\r\n'));
  assert.equal(q.length, 25);
  assert.equal(q.indexOfPair(13, 10), 14);
  assert.equal(dec(q.consume(16)), 'GET / HTTP/1.1\r\n');
  assert.equal(q.offset, 16);
  assert.equal(q.byteAt(0), 'H'.charCodeAt(0));
  assert.equal(q.indexOfPair(13, 10), 7);
  assert.equal(q.indexOfPair(58, -1), 4);
  assert.equal(q.indexOfPair(13, 10, 8), -1);
});

test('retain copies borrowed bytes so the caller may reuse its buffer', () => {
  const q = new ByteQueue();
  const buf = enc('abcdef');
  q.push(buf.subarray(0, 3));
  q.skip(1);
  q.retain();
  buf.fill(0);
  assert.equal(dec(q.peek(2)), 'bc');
  q.push(enc('xyz'));
  q.retain();
  assert.equal(dec(q.consume(5)), 'bcxyz');
  assert.equal(q.length, 0);
});

test('every split of the input gives the same bytes', () => {
  const text = 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc';
  for (let i = 0; i <= text.length; i++) {
    const q = new ByteQueue();
    q.push(enc(text.slice(0, i)));
    q.push(enc(text.slice(i)));
    assert.equal(q.indexOfPair(13, 10), 15, `split at ${i}`);
    assert.equal(dec(q.consume(text.length)), text);
  }
});

test('misuse is a bug and throws', () => {
  const q = new ByteQueue();
  q.push(enc('ab'));
  assert.throws(() => q.peek(3), RangeError);
  assert.throws(() => q.skip(3), RangeError);
});
