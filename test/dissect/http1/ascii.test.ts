// core/bytes/ascii.ts helpers used by the HTTP/1.x parser (kept here: they were written for it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  equalsIgnoreCase,
  hexValue,
  INTERN_PRIME,
  INTERN_SEED,
  internHashed,
  internLatin1,
  isTchar,
  latin1,
  rangeEqualsIgnoreCase,
} from '../../../core/bytes/ascii.ts';

test('latin1 maps every byte to the same code unit, across the 4096-byte pieces', () => {
  const all = Uint8Array.from({ length: 10000 }, (_, i) => i & 0xff);
  const s = latin1(all);
  assert.equal(s.length, all.length);
  for (let i = 0; i < all.length; i++) assert.equal(s.charCodeAt(i), all[i]);
  assert.equal(latin1(all, 65, 68), 'ABC');
  assert.equal(latin1(all, 5, 5), '');
});

test('internLatin1 returns equal strings for equal bytes, whatever the cache holds', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 50 }), { minLength: 1, maxLength: 50 }), (arrays) => {
      for (const a of arrays) assert.equal(internLatin1(a, 0, a.length), latin1(a));
    }),
    { numRuns: 300 },
  );
  // Fill past the cache bound: still correct.
  for (let i = 0; i < 10000; i++) {
    const b = new TextEncoder().encode(`x-${i}`);
    assert.equal(internLatin1(b, 0, b.length), `x-${i}`);
  }
});

test('internHashed: the hash passed in is only a key, a collision still gives the right string', () => {
  const fnv = (a: Uint8Array) => a.reduce((h, b) => Math.imul(h ^ b, INTERN_PRIME), INTERN_SEED);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 60 }), (a) => {
      assert.equal(internHashed(a, 0, a.length, fnv(a)), latin1(a));
    }),
    { numRuns: 300 },
  );
  // Two different byte strings of equal length under one (forced) hash: no mix-up.
  const x = new TextEncoder().encode('Host');
  const y = new TextEncoder().encode('Hoxt');
  assert.equal(internHashed(x, 0, 4, 42), 'Host');
  assert.equal(internHashed(y, 0, 4, 42), 'Hoxt');
  assert.equal(internHashed(x, 0, 4, 42), 'Host');
  // Same bytes, same hash: the very same string comes back (shared, not re-decoded).
  const z = new TextEncoder().encode('xx-Content-Type');
  assert.equal(internHashed(z, 3, 15, fnv(z.subarray(3))), internLatin1(z, 3, 15));
});

test('case-insensitive comparisons and character classes', () => {
  assert.equal(equalsIgnoreCase('Content-Length', 'content-length'), true);
  assert.equal(equalsIgnoreCase('Content-Lengths', 'content-length'), false);
  assert.equal(equalsIgnoreCase('Content_Length', 'content-length'), false);
  assert.equal(rangeEqualsIgnoreCase('gzip, CHUNKED', 6, 13, 'chunked'), true);
  assert.equal(rangeEqualsIgnoreCase('gzip, CHUNKED', 5, 13, 'chunked'), false);
  assert.deepEqual([0x30, 0x39, 0x41, 0x66, 0x67, 0x2f].map(hexValue), [0, 9, 10, 15, -1, -1]);
  assert.deepEqual(
    ['a', 'Z', '0', '!', '~', ' ', ':', '(', '\x7f'].map((c) => isTchar(c.charCodeAt(0))),
    [true, true, true, true, true, false, false, false, false],
  );
  assert.equal(isTchar(300), false);
});
