import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
  LINKTYPE_RAW_DLT12,
  LINKTYPE_RAW_DLT14,
  isRawIpLinkType,
  linkTypeName,
} from '../../core/capture-file/index.ts';

test('LINKTYPE constants carry the registered numbers', () => {
  assert.deepEqual(
    [LINKTYPE_NULL, LINKTYPE_ETHERNET, LINKTYPE_RAW_DLT12, LINKTYPE_RAW_DLT14, LINKTYPE_RAW, LINKTYPE_LOOP],
    [0, 1, 12, 14, 101, 108],
  );
  assert.deepEqual(
    [LINKTYPE_LINUX_SLL, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL2],
    [113, 228, 229, 276],
  );
});

test('linkTypeName gives libpcap names and a fallback', () => {
  assert.equal(linkTypeName(1), 'EN10MB');
  assert.equal(linkTypeName(0), 'NULL');
  assert.equal(linkTypeName(108), 'LOOP');
  assert.equal(linkTypeName(101), 'RAW');
  assert.equal(linkTypeName(113), 'LINUX_SLL');
  assert.equal(linkTypeName(276), 'LINUX_SLL2');
  assert.equal(linkTypeName(228), 'IPV4');
  assert.equal(linkTypeName(229), 'IPV6');
  assert.equal(linkTypeName(65000), 'LINKTYPE_65000');
});

test('isRawIpLinkType', () => {
  assert.deepEqual([12, 14, 101, 228, 229].map(isRawIpLinkType), [true, true, true, true, true]);
  assert.deepEqual([0, 1, 108, 113, 276].map(isRawIpLinkType), [false, false, false, false, false]);
});
