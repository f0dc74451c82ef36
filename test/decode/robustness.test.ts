// Bad input is data: whatever the bytes, decodePacket returns (never throws), and what it returns
// is self-consistent (offsets inside the record, captured ≤ on-the-wire, spans inside the frame).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodePacket } from '../../core/decode/index.ts';
import type { DecodedPacket } from '../../core/decode/index.ts';
import { ETH_IPV4, ETH_IPV6, bytes, ipv4, ipv6, record, tcp } from './packet-hex.ts';

const SEVERITIES = new Set(['chat', 'note', 'warn', 'error']);

function check(p: DecodedPacket, data: Uint8Array, frame: number): void {
  for (const d of p.diagnostics) {
    assert.match(d.id, /^(decode|ip|tcp)\.[a-z_.]+$/);
    assert.ok(SEVERITIES.has(d.severity));
    assert.equal(d.frame, frame);
    if (d.span) {
      assert.ok(
        0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= data.length,
        `${d.id} span ${JSON.stringify(d.span)} in ${data.length}`,
      );
    }
  }
  if (p.network) {
    assert.equal(p.network.offset, p.link.headerLength);
    assert.ok(p.network.headerLength >= 20);
  }
  const t = p.tcp;
  if (t) {
    assert.ok(p.network, 'tcp implies network');
    assert.equal(t.offset, p.network.offset + p.network.headerLength);
    assert.ok(t.headerLength >= 20 && t.headerLength <= 60);
    assert.equal(t.payloadOffset, t.offset + t.headerLength);
    assert.ok(t.payloadLength >= 0);
    assert.ok(t.payloadCaptured >= 0 && t.payloadCaptured <= t.payloadLength);
    assert.ok(t.payloadCaptured === 0 || t.payloadOffset + t.payloadCaptured <= data.length);
    assert.ok(t.seq >= 0 && t.seq <= 0xffffffff && t.ack >= 0 && t.ack <= 0xffffffff);
    assert.equal(t.headerTruncated, t.offset + t.headerLength > data.length);
  }
}

const TEMPLATES: Array<[number, string]> = [
  [
    1,
    `${ETH_IPV4} ${ipv4(tcp('68656c6c6f', { options: '020405b4 0402 080a 00000001 00000002 0101 050a 00000001 00000002 01 030307 2206 01020304 0000' }), { options: '07070400000000 00' })}`,
  ],
  [
    1,
    `020000000001 020000000002 8100 0064 86dd ${ipv6(`2b 00 0104 00000000 3c 00 0104 00000000 2c 00 0104 00000000 33 00 0000 00000001 06 01 0000 00000001 00000002 ${tcp('41')}`, { next: 0 })}`,
  ],
  [
    1,
    `${ETH_IPV6} ${ipv6(`06 00 c2 04 00000024 ${tcp('0102030405060708')}`, { next: 0, payloadLength: 0 })}`,
  ],
  [0, `02000000 ${ipv4(tcp('', { flags: 0x002 }), { flagsFrag: '2000' })}`],
  [108, `00000018 ${ipv6(tcp())}`],
  [113, `0000 0304 0006 0a0b0c0d0e0f0000 0800 ${ipv4(tcp('00'))}`],
  [276, `86dd 0000 00000003 0001 00 06 020000000009 0000 ${ipv6(tcp())}`],
  [101, ipv4('0035 0035 0008 0000', { proto: 17 })],
];

test('every truncation of every template decodes without throwing, consistently', () => {
  for (const [linkType, hexText] of TEMPLATES) {
    const full = bytes(hexText);
    for (let cut = 0; cut <= full.length; cut++) {
      const data = full.subarray(0, cut);
      const p = decodePacket(record(linkType, data, { originalLength: full.length, frame: 3 }));
      check(p, data, 3);
    }
    // The uncut templates are clean.
    assert.deepEqual(
      decodePacket(record(linkType, full)).diagnostics.filter((d) => d.id !== 'ip.fragment'),
      [],
    );
  }
});

test('random byte mutations of the templates never throw', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: TEMPLATES.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      fc.nat(),
      (which, edits, cutSeed) => {
        const [linkType, hexText] = TEMPLATES[which]!;
        const full = bytes(hexText);
        for (const [at, value] of edits) full[at % full.length] = value;
        const data = full.subarray(0, cutSeed % (full.length + 1));
        check(decodePacket(record(linkType, data, { originalLength: full.length, frame: 9 })), data, 9);
      },
    ),
    { numRuns: 3000, seed: 20261125 },
  );
});

test('random bytes on every link type never throw', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147),
      fc.uint8Array({ maxLength: 120 }),
      fc.integer({ min: 0, max: 200 }),
      (linkType, data, extra) => {
        check(
          decodePacket(record(linkType, data, { originalLength: data.length + extra, frame: 1 })),
          data,
          1,
        );
      },
    ),
    { numRuns: 3000, seed: 7 },
  );
});
