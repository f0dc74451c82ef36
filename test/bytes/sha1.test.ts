import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { sha1 } from '../../core/bytes/sha1.ts';

const nodeSha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');
const ours = (b: Uint8Array) => Buffer.from(sha1(b)).toString('hex');

test('FIPS 180 examples', () => {
  assert.equal(ours(new TextEncoder().encode('abc')), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(ours(new Uint8Array(0)), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
  assert.equal(
    ours(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')),
    '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
  );
});

test('matches node:crypto for every length 0..300 (all padding cases) and a large input', () => {
  for (let n = 0; n <= 300; n++) {
    const b = randomBytes(n);
    assert.equal(ours(b), nodeSha1(b), `length ${n}`);
  }
  const big = randomBytes(1_000_003);
  assert.equal(ours(big), nodeSha1(big));
});
