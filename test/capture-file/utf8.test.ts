import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8 } from '../../core/capture-file/utf8.ts';
import { fromHex } from './helpers.ts';

test('decodeUtf8 agrees with TextDecoder on valid and invalid input', () => {
  const cases = [
    'hello',
    'c3 a9 e2 9c 93 f0 9f 98 80',
    'ff 41', // invalid lead byte
    'c0 80', // overlong NUL
    'e2 9c', // cut sequence
    'ed a0 80 41', // surrogate
    'f4 90 80 80', // above U+10FFFF
    'e2 41 42',
  ];
  for (const c of cases) {
    const bytes = c === 'hello' ? new TextEncoder().encode(c) : fromHex(c);
    assert.equal(decodeUtf8(bytes, 0, bytes.length), new TextDecoder().decode(bytes), c);
  }
});
