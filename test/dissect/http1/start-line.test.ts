// parseRequestLinePrefix: which cut request lines still name a request (RFC 9112 §3 up to the
// target's SP, then at most a prefix of the HTTP-version).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestLinePrefix } from '../../../core/dissect/http1/start-line.ts';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const prefix = (s: string) => parseRequestLinePrefix(bytes(s), s.length);

test('a request line cut after the target SP is read, the version as far as it goes', () => {
  assert.deepEqual(prefix('GET /a '), { methodEnd: 3, targetStart: 4, targetEnd: 6, versionStart: 7 });
  assert.deepEqual(prefix('GET /a HTT'), { methodEnd: 3, targetStart: 4, targetEnd: 6, versionStart: 7 });
  assert.deepEqual(prefix('GET /a HTTP/1.1'), {
    methodEnd: 3,
    targetStart: 4,
    targetEnd: 6,
    versionStart: 7,
  });
});

test('a request line cut before the target ends, or with a wrong version, is not', () => {
  for (const s of [
    'GET',
    'GET ',
    'GET /a',
    'GET  /a ',
    'G(T /a ',
    'GET /a X',
    'GET /a HTTP/x',
    'GET /a HTTP/1.1 ',
    'GET /a HTTP/1.1x',
  ])
    assert.equal(prefix(s), null, s);
});
