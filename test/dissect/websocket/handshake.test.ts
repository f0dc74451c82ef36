import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { computeAccept, validateHandshake } from '../../../core/dissect/websocket/index.ts';

test('RFC 6455 §1.3 example accept key', () => {
  assert.equal(computeAccept('dGhlIHNhbXBsZSBub25jZQ=='), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
});

test('computeAccept agrees with node:crypto for random keys', () => {
  for (let i = 0; i < 50; i++) {
    const key = randomBytes(16).toString('base64');
    const expected = createHash('sha1')
      .update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
      .digest('base64');
    assert.equal(computeAccept(key), expected);
  }
});

test('validateHandshake: valid pair, surrounding whitespace tolerated', () => {
  const r = validateHandshake({
    key: ' dGhlIHNhbXBsZSBub25jZQ== ',
    accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
    version: '13',
  });
  assert.deepEqual(r, { acceptValid: true, expectedAccept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=', diagnostics: [] });
});

test('ws.handshake.accept_mismatch, with the response frame', () => {
  const r = validateHandshake({
    key: 'dGhlIHNhbXBsZSBub25jZQ==',
    accept: 'xxxxLMBiTxaQ9kYGzzhZRbK+xOo=',
    requestFrame: 4,
    responseFrame: 6,
  });
  assert.equal(r.acceptValid, false);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.id, d.frame, d.severity]),
    [['ws.handshake.accept_mismatch', 6, 'error']],
  );
});

test('ws.handshake.accept_missing, ws.handshake.key_missing', () => {
  assert.deepEqual(
    validateHandshake({ key: 'dGhlIHNhbXBsZSBub25jZQ==', accept: null }).diagnostics.map((d) => d.id),
    ['ws.handshake.accept_missing'],
  );
  const r = validateHandshake({ key: null, accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=', requestFrame: 1 });
  assert.deepEqual(
    r.diagnostics.map((d) => [d.id, d.frame]),
    [['ws.handshake.key_missing', 1]],
  );
  assert.equal(r.expectedAccept, null);
  assert.equal(r.acceptValid, false);
});

test('ws.handshake.key_invalid: not base64 of 16 bytes (accept still checked)', () => {
  for (const key of ['hello', 'aGVsbG8=', 'dGhlIHNhbXBsZSBub25jZQ', 'dGhlIHNhbXBsZSBub25jZXg=']) {
    const r = validateHandshake({ key, accept: computeAccept(key) });
    assert.deepEqual(
      r.diagnostics.map((d) => d.id),
      ['ws.handshake.key_invalid'],
      key,
    );
    assert.equal(r.acceptValid, true);
  }
});

test('ws.handshake.version_unsupported', () => {
  const r = validateHandshake({
    key: 'dGhlIHNhbXBsZSBub25jZQ==',
    accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
    version: '8',
  });
  assert.deepEqual(
    r.diagnostics.map((d) => d.id),
    ['ws.handshake.version_unsupported'],
  );
});
