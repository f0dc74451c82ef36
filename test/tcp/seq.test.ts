import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt, seqSub } from '../../core/tcp/seq.ts';

test('comparisons are modulo 2^32 (RFC 9293 §3.4)', () => {
  const rows: Array<[number, number, boolean, boolean, boolean, boolean]> = [
    // a, b, lt, le, gt, ge
    [1, 2, true, true, false, false],
    [2, 2, false, true, false, true],
    [0xfffffff0, 0x10, true, true, false, false], // 0x10 lies after the wrap
    [0x10, 0xfffffff0, false, false, true, true],
    [0, 0x7fffffff, true, true, false, false],
    [0xffffffff, 0, true, true, false, false],
  ];
  for (const [a, b, lt, le, gt, ge] of rows) {
    assert.equal(seqLt(a, b), lt, `lt(${a}, ${b})`);
    assert.equal(seqLe(a, b), le, `le(${a}, ${b})`);
    assert.equal(seqGt(a, b), gt, `gt(${a}, ${b})`);
    assert.equal(seqGe(a, b), ge, `ge(${a}, ${b})`);
  }
});

test('add, sub and diff wrap', () => {
  assert.equal(seqAdd(0xfffffff0, 0x20), 0x10);
  assert.equal(seqSub(0x10, 0xfffffff0), 0x20);
  assert.equal(seqSub(0, 1), 0xffffffff);
  assert.equal(seqDiff(0xfffffff0, 0x10), 0x20);
  assert.equal(seqDiff(0x10, 0xfffffff0), -0x20);
});
