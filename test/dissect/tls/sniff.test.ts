// TLS recognition (RFC 8446 §5.1 record header, §4.1.2 ClientHello, RFC 6066 §3 SNI, RFC 7301 ALPN).
// The two ClientHellos are the first client payloads of the corpus captures tls-zeek-tls13-sll2.pcap
// (frame 4: SNI zeek.org, ALPN h2 + http/1.1, supported_versions 1.3/1.2, as tshark shows) and
// tls-zeek-tls12.pcap (frame 4: no SNI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sniffTls } from '../../../core/dissect/tls/index.ts';

const hex = (s: string): Uint8Array => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));

const HELLO13 = hex(
  '16030301c4010001c00303a021a50627aaf47999a11177afaf134b1567779546868cdb06d4f4e71b53a6e720a14023ae' +
    'bdc70f8d832511dd646b823f52c5afb346835af730d498318dcdc5ad003e130213011303c02cc02bcca9c030cca8c02f' +
    '009fccaa00a3009e00a2c024c028c023c027006b006a00670040c00ac014c009c013003900380033003200ff01000139' +
    '0000000d000b0000087a65656b2e6f7267000500050100000000000a00160014001d001700180019001e010001010102' +
    '01030104000b000201000010000e000c02683208687474702f312e310011000900070200040000000000170000002300' +
    '00000d00260024040305030603080708080804080508060809080a080b0401050106010402030303010302002b000504' +
    '03040303002d000201010032002c002a040305030603080708080804080508060809080a080b04010501060104020303' +
    '030103020203020102020033006b0069001d0020270663b763d4bc48328b250b6adc6903e1f50b5c38a1b8f777311243' +
    '9287101800170041043b4fdbdeddcbc7f434455e6f5d3e5ab2c917a7852fb4f652554df46d17f1160e9b0af7153269f7' +
    '4fa7588e876d923edac3fee9b8db107fcb6d4d8fa29dfafd58',
);

const HELLO12 = hex(
  '160301013d01000139030350e731d038d05540f1aa6d49b553450b82a4e09e47f3dd1fee79a65bccd704900000a0c030' +
    'c02cc028c024c014c00ac022c02100a3009f006b006a0039003800880087c032c02ec02ac026c00fc005009d003d0035' +
    '0084c012c008c01cc01b00160013c00dc003000ac02fc02bc027c023c013c009c01fc01e00a2009e0067004000330032' +
    '009a009900450044c031c02dc029c025c00ec004009c003c002f009600410007c011c007c00cc0020005000400150012' +
    '00090014001100080006000300ff020100006f000b000403000102000a00340032000e000d0019000b000c0018000900' +
    '0a00160017000800060007001400150004000500120013000100020003000f0010001100230000000d00220020060106' +
    '0206030501050205030401040204030301030203030201020202030101000f000101',
);

test('TLS 1.3 ClientHello: SNI, ALPN and the offered version', () => {
  assert.deepEqual(sniffTls(HELLO13), {
    isTls: true,
    recordType: 22,
    version: 'TLS 1.2',
    clientHello: true,
    helloVersion: 'TLS 1.3',
    sni: 'zeek.org',
    alpn: ['h2', 'http/1.1'],
  });
});

test('TLS 1.2 ClientHello without server_name', () => {
  const r = sniffTls(HELLO12);
  assert.equal(r.isTls, true);
  assert.equal(r.clientHello, true);
  assert.equal(r.helloVersion, 'TLS 1.2');
  assert.equal(r.sni, undefined);
});

test('a truncated ClientHello is still TLS, without SNI', () => {
  for (const n of [5, 6, 9, 50, 200, HELLO13.length - 1]) {
    const r = sniffTls(HELLO13.subarray(0, n));
    assert.equal(r.isTls, true, `n=${n}`);
    assert.equal(r.sni, undefined, `n=${n}`);
  }
});

test('a ClientHello fragmented over two handshake records is joined', () => {
  const body = HELLO13.subarray(5);
  const cut = 100;
  const rec = (frag: Uint8Array): number[] => [22, 3, 1, frag.length >> 8, frag.length & 0xff, ...frag];
  const two = Uint8Array.from([...rec(body.subarray(0, cut)), ...rec(body.subarray(cut))]);
  assert.equal(sniffTls(two).sni, 'zeek.org');
});

test('record headers: content types 20-23 and versions 0x0300-0x0304 only', () => {
  assert.deepEqual(sniffTls(hex('1703030010')), { isTls: true, recordType: 23, version: 'TLS 1.2' });
  assert.deepEqual(sniffTls(hex('150300000a')), { isTls: true, recordType: 21, version: 'SSL 3.0' });
  assert.equal(sniffTls(hex('1403040001')).version, 'TLS 1.3');
  assert.equal(sniffTls(hex('1803030010')).isTls, false, 'type 24');
  assert.equal(sniffTls(hex('1303030010')).isTls, false, 'type 19');
  assert.equal(sniffTls(hex('1603050010')).isTls, false, 'version 3.5');
  assert.equal(sniffTls(hex('1602030010')).isTls, false, 'version 2.3');
  assert.equal(sniffTls(hex('1603030000')).isTls, false, 'empty record');
  assert.equal(sniffTls(hex('1603034801')).isTls, false, 'record longer than 2^14 + 2048');
  assert.equal(sniffTls(hex('16030300')).isTls, false, 'short header');
  assert.equal(sniffTls(new TextEncoder().encode('GET / HTTP/1.1')).isTls, false);
});

test('a ServerHello is TLS but not a ClientHello', () => {
  const r = sniffTls(hex('160303003102000031'));
  assert.equal(r.isTls, true);
  assert.equal(r.clientHello, false);
});

test('an SNI length pointing past its extension is ignored, not trusted', () => {
  const bad = HELLO13.slice();
  // server_name extension of HELLO13: 00 00 | 00 0d | 00 0b | 00 | 00 08 | "zeek.org"
  const at = bad.findIndex(
    (_, i) => bad[i] === 0x00 && bad[i + 1] === 0x00 && bad[i + 2] === 0x00 && bad[i + 3] === 0x0d,
  );
  assert.ok(at > 0);
  bad[at + 8] = 0x40; // host_name length 0x0040: beyond the list
  assert.equal(sniffTls(bad).sni, undefined);
  assert.equal(sniffTls(bad).isTls, true);
});

test('hostile bytes never throw', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 600 }),
      fc.nat(HELLO13.length),
      fc.uint8Array({ minLength: 1, maxLength: 8 }),
      (junk, at, patch) => {
        sniffTls(junk);
        const m = HELLO13.slice();
        m.set(patch.subarray(0, Math.max(0, m.length - at)), Math.min(at, m.length));
        sniffTls(m);
      },
    ),
    { numRuns: 2000 },
  );
});
