// Wire strings quoted in annotations stay plain text: no markup, no control characters, bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { millis, wireText } from '../../core/step/wire-text.ts';

test('wireText escapes markup and control characters', () => {
  assert.equal(wireText('/a?b=<script>&x'), '/a?b=\\x3cscript\\x3e\\x26x');
  assert.equal(wireText('line\r\nnext\x00\x7f'), 'line\\x0d\\x0anext\\x00\\x7f');
  assert.equal(wireText('\u0085'), '\\x85', 'C1 controls too');
  assert.equal(wireText('plain /index.html 你好'), 'plain /index.html 你好');
});

test('wireText clips long strings by characters, never inside a surrogate pair', () => {
  assert.equal(wireText('a'.repeat(80)), 'a'.repeat(80));
  assert.equal(wireText('a'.repeat(81)), `${'a'.repeat(80)}…`);
  const clipped = wireText('😀'.repeat(100), 3);
  assert.equal(clipped, '😀😀😀…');
});

test('millis prints seconds as milliseconds with three decimals', () => {
  assert.equal(millis(0.00004), '0.040');
  assert.equal(millis(1.5), '1500.000');
});
