// The public corpus (/work/shared/corpus/public) through the stream fixtures made by
// test/fixtures/websocket/make-fixtures.mjs: frame headers are compared with tshark 4.0.17's
// output (expected/<file>.tsv), messages and diagnostics with what each capture is known to hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { validateHandshake } from '../../../core/dissect/websocket/index.ts';
import { fixtureNames, loadFixture, privateAvailable, privateFixtureNames, replay } from './helpers.ts';

const expectedDir = '/work/shared/corpus/public/expected';
const pcapName = (n: string) => {
  const base = n.replace(/-tcp\d+$/, '');
  return existsSync(`${expectedDir}/${base}.pcapng.tsv`) ? `${base}.pcapng` : `${base}.pcap`;
};

/** tshark's WebSocket header fields per frame: "opcode fin mask rsv length" for each WebSocket frame. */
function tsharkFrames(name: string, stream: number): Map<number, string[]> {
  const rows = readFileSync(`${expectedDir}/${pcapName(name)}.tsv`, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split('\t'));
  const head = rows[0]!;
  const col = (n: string) => head.indexOf(n);
  const out = new Map<number, string[]>();
  for (const r of rows.slice(1)) {
    const ops = r[col('websocket.opcode')];
    if (!ops || Number(r[col('tcp.stream')]) !== stream) continue;
    const list = (n: string) => (r[col(n)] ?? '').split(',');
    const [fin, mask, rsv, len, ext16, ext64] = [
      'websocket.fin',
      'websocket.mask',
      'websocket.rsv',
      'websocket.payload_length',
      'websocket.payload_length_ext_16',
      'websocket.payload_length_ext_64',
    ].map(list);
    let i16 = 0;
    let i64 = 0;
    out.set(
      Number(r[0]),
      ops.split(',').map((op, i) => {
        let length = Number(len![i]);
        if (length === 126) length = Number(ext16![i16++]);
        else if (length === 127) length = Number(ext64![i64++]);
        return `${op} ${fin![i]} ${mask![i]} ${Number(rsv![i])} ${length}`;
      }),
    );
  }
  return out;
}

const expectedDiagnostics: Record<string, string[]> = {
  'ws-sv-ping-pong-sll': ['ws.frame.client_unmasked'],
  'ws-zeek-oversized-close-frame': ['ws.frame.control_too_long', 'ws.frame.length_not_minimal'],
};

for (const name of [...fixtureNames, ...privateFixtureNames]) {
  const skip = !existsSync(expectedDir)
    ? 'corpus not present'
    : privateFixtureNames.includes(name) && !privateAvailable() && 'needs the corpus and tshark';
  test(`${name}: frames match tshark, diagnostics as expected`, { skip }, () => {
    const fx = loadFixture(name);
    const p = replay(fx);
    assert.deepEqual(
      p.diagnostics.map((d) => d.id),
      expectedDiagnostics[name] ?? [],
    );
    const ours = new Map<number, string[]>();
    for (const f of p.frames) {
      const list = ours.get(f.frame) ?? [];
      list.push(`${f.opcode} ${f.fin ? 1 : 0} ${f.masked ? 1 : 0} ${f.rsv} ${f.length}`);
      ours.set(f.frame, list);
    }
    assert.deepEqual(ours, tsharkFrames(name, fx.stream));
    for (const m of p.messages) assert.equal(m.incomplete, false);
  });
}

test('control frame inside a fragmented message (suricata-verify)', () => {
  const p = replay(loadFixture('ws-sv-control-frame-inside-fragmented-message'));
  assert.deepEqual(
    p.messages.map((m) => [m.from, m.type, m.text, m.frames.length]),
    [
      ['client', 'ping', 'ping', 1],
      ['client', 'text', 'MALWARE_DOWNLOAD cmd.exe /c powershell -enc AAAA', 2],
      ['server', 'pong', 'ping', 1],
    ],
  );
});

test('permessage-deflate (suricata-verify): 10 compressed server texts under context takeover', () => {
  const fx = loadFixture('ws-sv-permessage-deflate');
  assert.deepEqual(fx.extensions.permessageDeflate, {
    serverNoContextTakeover: false,
    clientNoContextTakeover: false,
    serverMaxWindowBits: 15,
    clientMaxWindowBits: 15,
  });
  const p = replay(fx);
  assert.equal(p.messages.length, 10);
  assert.ok(
    p.messages.every((m) => m.compressed && m.type === 'text' && /^(KEY|TOGGLE)=[0-9a-f]+$/.test(m.text!)),
    JSON.stringify(p.messages.map((m) => m.text)),
  );
  assert.equal(p.messages[0]!.text, 'KEY=07cb9559eff21e3e34f3bbd18240bac3');
});

test('permessage-deflate and baseline (zeek) decode to the same messages', () => {
  const a = replay(loadFixture('ws-zeek-permessage-deflate-linux-lo'));
  const b = replay(loadFixture('ws-zeek-baseline-linux-lo'));
  assert.deepEqual(
    loadFixture('ws-zeek-permessage-deflate-linux-lo').extensions.permessageDeflate?.serverMaxWindowBits,
    12,
  );
  assert.deepEqual(
    a.messages.map((m) => [m.from, m.type, m.text, m.code]),
    b.messages.map((m) => [m.from, m.type, m.text, m.code]),
  );
  assert.ok(a.messages[0]!.compressed && !b.messages[0]!.compressed);
  assert.ok(a.messages[0]!.wireLength < b.messages[0]!.wireLength);
});

test('oversized close frame (zeek): 64-bit length, 258-byte payload, code 1000', () => {
  const p = replay(loadFixture('ws-zeek-oversized-close-frame'));
  assert.equal(p.frames[0]!.lengthForm, 64);
  assert.equal(p.messages[0]!.code, 1000);
  assert.equal(p.messages[0]!.length, 258);
  assert.equal(p.messages[0]!.clipped, true, 'hex clipped to 256 bytes');
});

test('close 1009 with reason (zeek)', () => {
  const p = replay(loadFixture('ws-zeek-close-1009'));
  const close = p.messages.find((m) => m.type === 'close' && m.from === 'client')!;
  assert.deepEqual([close.code, close.reason], [1009, 'over size limit (4 > 2 bytes)']);
});

test('wrong accept header (zeek): ws.handshake.accept_mismatch; a correct one validates', () => {
  const fx = loadFixture('ws-zeek-wrong-accept-header');
  const check = validateHandshake({
    key: fx.header('request', 'Sec-WebSocket-Key'),
    accept: fx.header('response', 'Sec-WebSocket-Accept'),
    version: fx.header('request', 'Sec-WebSocket-Version'),
    requestFrame: 4,
    responseFrame: 6,
  });
  assert.equal(check.acceptValid, false);
  assert.deepEqual(
    check.diagnostics.map((d) => [d.id, d.frame]),
    [['ws.handshake.accept_mismatch', 6]],
  );
  for (const good of [
    'ws-zeek-two-binary-fragments',
    'ws-sv-browser-basic',
    'ws-zeek-permessage-deflate-linux-lo',
  ]) {
    const g = loadFixture(good);
    const ok = validateHandshake({
      key: g.header('request', 'Sec-WebSocket-Key'),
      accept: g.header('response', 'Sec-WebSocket-Accept'),
      version: g.header('request', 'Sec-WebSocket-Version'),
    });
    assert.deepEqual(ok.diagnostics, [], good);
    assert.equal(ok.acceptValid, true, good);
  }
});

test('browser offered permessage-deflate, server did not accept it', () => {
  const fx = loadFixture('ws-sv-browser-basic');
  assert.match(fx.header('request', 'Sec-WebSocket-Extensions') ?? '', /permessage-deflate/);
  assert.equal(fx.extensions.permessageDeflate, null);
});

test(
  'websocket.org echo (emmunaf, internal only): 7/16/64-bit lengths, 110 KB texts echoed',
  { skip: !privateAvailable() && 'needs the corpus and tshark' },
  () => {
    const p = replay(loadFixture('ws-emmunaf-websocket-org-echo'));
    assert.deepEqual(
      p.frames.map((f) => f.lengthForm),
      [7, 7, 7, 7, 16, 16, 64, 64, 7, 7],
    );
    const texts = p.messages.filter((m) => m.type === 'text');
    assert.equal(texts.length, 8);
    for (let i = 0; i < 8; i += 2) assert.equal(texts[i]!.text, texts[i + 1]!.text);
    assert.equal(texts[6]!.length, 110250);
    assert.equal(texts[0]!.text, 'Rock it with HTML5 Prova è');
  },
);
