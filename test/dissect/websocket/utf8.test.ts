import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  Utf8Validator,
  decodeUtf8,
  decodeUtf8Fallback,
  isValidUtf8,
} from '../../../core/dissect/websocket/utf8.ts';
import { hex, utf8 } from './helpers.ts';

test('valid and invalid sequences (RFC 3629 §4)', () => {
  for (const ok of ['', '41', 'c280', 'dfbf', 'e0a080', 'ed9fbf', 'ee8080', 'f0908080', 'f48fbfbf', 'e282ac'])
    assert.equal(isValidUtf8(hex(ok)), true, ok);
  for (const bad of [
    '80',
    'c0af',
    'c1bf',
    'e080af',
    'eda080',
    'f08f8080',
    'f4908080',
    'f5808080',
    'ff',
    'c2',
    'e282',
    'c241',
  ])
    assert.equal(isValidUtf8(hex(bad)), false, bad);
});

test('incremental: same verdict at every split of a sequence', () => {
  const samples = [utf8('aé€𝄞z'), hex('41eda080'), hex('e282ac e282'), hex('f09f9880')];
  for (const s of samples) {
    const whole = isValidUtf8(s);
    for (let i = 0; i <= s.length; i++) {
      const v = new Utf8Validator();
      v.push(s.subarray(0, i));
      v.push(s.subarray(i));
      assert.equal(v.finish(), whole, `${Buffer.from(s).toString('hex')} at ${i}`);
    }
  }
});

test('decodeUtf8Fallback matches TextDecoder (replacement included) on random and valid input', () => {
  const td = new TextDecoder();
  for (let i = 0; i < 2000; i++) {
    const b = randomBytes(i % 40);
    assert.equal(decodeUtf8Fallback(b), td.decode(b), b.toString('hex'));
    assert.equal(decodeUtf8(b), td.decode(b));
    assert.equal(
      isValidUtf8(b),
      (() => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
          return true;
        } catch {
          return false;
        }
      })(),
    );
  }
  const text = 'héllo wörld € 𝄞 '.repeat(2000);
  assert.equal(decodeUtf8Fallback(utf8(text)), text);
  assert.equal(decodeUtf8Fallback(utf8('ascii only')), 'ascii only');
});
