// HTTP and WebSocket fields map stream spans to the right frame bytes: the bytes under a method,
// header name or value spell it; a message or WebSocket frame split over several TCP segments is
// covered exactly once across them (each frame shows only its part); unmasked text is right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyseFile, type AnalysedCapture } from './capture-trees.ts';
import { fieldsNamed } from './tree-checks.ts';
import { corpusDir, repoRoot } from '../helpers/tshark.ts';
import type { FieldNode } from '../../core/detail/index.ts';

const fixture = (f: string) => join(repoRoot, 'test', 'fixtures', 'captures', f);
const latin1 = (d: Uint8Array, n: FieldNode) => Buffer.from(d.subarray(n.start, n.end)).toString('latin1');

function allNodes(c: AnalysedCapture): Array<{ frame: number; data: Uint8Array; node: FieldNode }> {
  const out: Array<{ frame: number; data: Uint8Array; node: FieldNode }> = [];
  for (const k of c.frames) {
    const visit = (n: FieldNode) => {
      out.push({ frame: k.frame, data: k.data, node: n });
      n.children?.forEach(visit);
    };
    c.tree(k.frame).forEach(visit);
  }
  return out;
}

test('HTTP: the bytes under each field spell its value', () => {
  for (const file of [
    fixture('http11-keepalive-3.pcap'),
    fixture('http11-pipelining.pcap'),
    join(corpusDir, 'http-sv-chunked-null-lo0.pcap'),
  ]) {
    const c = analyseFile(file);
    let checked = 0;
    for (const { data, node } of allNodes(c)) {
      const name = node.key.replace(/#\d+/g, '');
      if (
        /^http\.request\.(method|uri|version)$/.test(name) ||
        /\.header\.(name|value)$/.test(name) ||
        name === 'http.response.code'
      ) {
        if (node.label.includes('[continues')) continue;
        assert.equal(latin1(data, node), String(node.value), `${file} ${node.key}`);
        checked++;
      }
    }
    assert.ok(checked > 5, `${file}: ${checked}`);
  }
});

test('a message split over several segments is covered once across its frames', () => {
  let multi = 0;
  const files = [
    'http-zeek-browse-keepalive.pcap',
    'http-zeek-100-continue-chunked.pcap',
    'http-gopacket-ipv6-chunked-macos-lo0.pcap',
  ];
  for (const file of files.map((f) => join(corpusDir, f))) {
    const c = analyseFile(file);
    for (const ca of c.result.connections) {
      if (ca.tcp.retransmissions.length > 0) continue;
      for (const x of ca.dissection.http) {
        for (const [m, role] of [
          [x.request, 'request'],
          [x.response, 'response'],
        ] as const) {
          if (!m || !m.complete || m.missingBytes > 0) continue;
          const key = `http#${x.index}.${role}`;
          let covered = 0;
          let frames = 0;
          for (const f of ca.tcp.frames) {
            const node = c.tree(f).find((n) => n.key === key);
            if (node) {
              covered += node.end - node.start;
              frames++;
            }
          }
          assert.equal(covered, m.span.end - m.span.start, `${file} conn ${ca.tcp.id} ${key}`);
          if (frames > 1) multi++;
        }
      }
    }
  }
  assert.ok(multi >= 5, `only ${multi} messages spanning several frames`);
});

test('WebSocket: header and payload in separate segments (ws-spang-ipv6-linux-lo)', () => {
  const c = analyseFile(join(corpusDir, 'ws-spang-ipv6-linux-lo.pcap'));
  const ws = c.result.connections.find((x) => x.dissection.websocket)!.dissection.websocket!;
  assert.ok(ws.frames.length >= 2);
  for (const wf of ws.frames) {
    const key = `websocket#${wf.index}`;
    let covered = 0;
    let opcodes = 0;
    let text = '';
    for (const k of c.frames) {
      const tree = c.tree(k.frame);
      const node = tree.find((n) => n.key === key);
      if (!node) continue;
      covered += node.end - node.start;
      opcodes += fieldsNamed([node], 'websocket.opcode').length;
      for (const t of fieldsNamed([node], 'websocket.text')) text += String(t.value);
    }
    assert.equal(covered, wf.headerLength + wf.length, key);
    assert.equal(opcodes, 1, key);
    const msg = ws.messages.find((m) => m.frames.includes(wf.index));
    if (msg?.type === 'text' && !msg.compressed) assert.equal(text, msg.text, key);
  }
});

test('WebSocket: masked client text unmasked; masking key, lengths and close code', () => {
  const c = analyseFile(fixture('websocket-close.pcap'));
  const t8 = c.tree(8);
  assert.equal(fieldsNamed(t8, 'websocket.masking_key')[0]!.value, '2315d2c8');
  assert.equal(fieldsNamed(t8, 'websocket.text')[0]!.value, 'hello');
  assert.equal(fieldsNamed(t8, 'websocket.opcode')[0]!.value, 1);
  const closes = c.frames.flatMap((k) => fieldsNamed(c.tree(k.frame), 'websocket.close.code'));
  assert.ok(closes.length >= 1);
  assert.equal(closes[0]!.value, 1000);
});

test('permessage-deflate: the inflated message text is shown on the completing frame', () => {
  const c = analyseFile(fixture('websocket-deflate.pcap'));
  const ws = c.result.connections.find((x) => x.dissection.websocket)!.dissection.websocket!;
  const compressed = ws.messages.filter((m) => m.compressed && m.type === 'text');
  assert.ok(compressed.length > 0);
  const shown = c.frames
    .flatMap((k) => fieldsNamed(c.tree(k.frame), 'websocket.message_text'))
    .map((n) => n.value);
  for (const m of compressed) assert.ok(shown.includes(m.text!), `missing ${m.text}`);
});

test('hostile HTTP text is escaped in labels; values keep the raw text', async () => {
  const { PcapngWriter } = await import('../../core/capture-file/pcapng-writer.ts');
  const { bytes: hexBytes, ETH_IPV4, ipv4, tcp } = await import('../decode/packet-hex.ts');
  // A control byte and U+202E (RIGHT-TO-LEFT OVERRIDE) as UTF-8: e2 80 ae, read as Latin-1 text.
  const req = Buffer.from('GET /x HTTP/1.1\r\nX-Evil: a\x01b\xe2\x80\xaec\r\nHost: h\r\n\r\n', 'latin1');
  const w = new PcapngWriter();
  const iface = w.addInterface({ linkType: 1 });
  const parts = [w.header(), iface.bytes];
  const packets = [
    ETH_IPV4 + ipv4(tcp('', { flags: 0x002, seq: '01020304', ack: '00000000' })),
    ETH_IPV4 + ipv4(tcp(req.toString('hex'), { flags: 0x018, seq: '01020305' })),
  ];
  packets.forEach((p, i) =>
    parts.push(w.packet({ interfaceId: 0, tsSec: 1700000000 + i, tsNsec: 0, data: hexBytes(p) })),
  );
  const { writeFileSync, mkdirSync } = await import('node:fs');
  mkdirSync(join(repoRoot, 'test-output'), { recursive: true });
  const path = join(repoRoot, 'test-output', 'detail-hostile.pcapng');
  writeFileSync(path, Buffer.concat(parts.map((p) => Buffer.from(p))));
  const c = analyseFile(path);
  const tree = c.tree(2);
  const evil = fieldsNamed(tree, 'http.request.header')[0]!;
  assert.equal(evil.label, 'X-Evil: a\\x01b\u00e2\\x80\u00aec');
  assert.equal(fieldsNamed(tree, 'http.request.header.value')[0]!.value, 'a\x01b\xe2\x80\xaec');
  assert.equal(fieldsNamed(tree, 'http.request.method')[0]!.value, 'GET');
});

test('dissector diagnostics of a frame land on its layer; HTTP body preview', () => {
  const c = analyseFile(join(corpusDir, 'ws-sv-ping-pong-sll.pcap'));
  const all = c.result.connections.flatMap((x) => x.dissection.diagnostics);
  const d = all.find((x) => x.id === 'ws.frame.client_unmasked');
  assert.ok(d && d.frame !== null);
  const layer = c.tree(d.frame!).find((n) => n.key.startsWith('websocket#'));
  assert.match(layer?.diagnostic ?? '', /ws\.frame\.client_unmasked/);

  const h = analyseFile(fixture('http10-short.pcap'));
  const previews = h.frames.flatMap((k) => fieldsNamed(h.tree(k.frame), 'http.response.body.preview'));
  assert.equal(previews.length, 1);
  assert.match(previews[0]!.label, /^Data: Hello from Wirestep/);
});
