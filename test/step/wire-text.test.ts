// Wire strings quoted in annotations stay plain text: no markup, no control characters, bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { millis, wireText } from '../../core/step/wire-text.ts';

test('wireText escapes control and bidi characters, shows markup as the text it is', () => {
  assert.equal(wireText('/a?b=<script>&x'), '/a?b=<script>&x');
  assert.equal(wireText('line\r\nnext\x00\x7f'), 'line\\r\\nnext\\x00\\x7f');
  assert.equal(wireText('ab\u202ecd'), 'ab\\u{202e}cd', 'a bidi override cannot reorder the annotation');
  assert.equal(wireText('\u0085'), '\\x85', 'C1 controls too');
  assert.equal(wireText('plain /index.html 你好'), 'plain /index.html 你好');
});

test('wireText clips long strings by characters, never inside a surrogate pair', () => {
  assert.equal(wireText('a'.repeat(80)), 'a'.repeat(80));
  // One character over is shown whole: an ellipsis in its place would hide it and save nothing.
  assert.equal(wireText('a'.repeat(81)), 'a'.repeat(81));
  assert.equal(wireText('a'.repeat(82)), `${'a'.repeat(80)}…`);
  const clipped = wireText('😀'.repeat(100), 3);
  assert.equal(clipped, '😀😀😀…');
});

test('millis prints seconds as milliseconds with three decimals', () => {
  assert.equal(millis(0.00004), '0.040');
  assert.equal(millis(1.5), '1500.000');
});
