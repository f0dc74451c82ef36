import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decodeBase64, encodeBase64 } from '../../core/bytes/base64.ts';

test('RFC 4648 §10 test vectors', () => {
  const vectors: Array<[string, string]> = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ];
  for (const [plain, coded] of vectors) {
    assert.equal(encodeBase64(new TextEncoder().encode(plain)), coded);
    assert.equal(new TextDecoder().decode(decodeBase64(coded)!), plain);
  }
});

test('round trip and agreement with Buffer for lengths 0..100', () => {
  for (let n = 0; n <= 100; n++) {
    const b = randomBytes(n);
    const coded = encodeBase64(b);
    assert.equal(coded, b.toString('base64'));
    assert.deepEqual(decodeBase64(coded), new Uint8Array(b));
  }
});

test('strict decoding rejects malformed input', () => {
  for (const bad of ['Zg', 'Zg=', 'Z===', 'Zh==', 'Zm9=', 'Zm9v!A==', 'Zg==Zg==', '====', 'Zm 9v']) {
    assert.equal(decodeBase64(bad), null, bad);
  }
});
