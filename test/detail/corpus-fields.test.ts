// Field trees over every fixture and corpus capture: structure holds for every frame, and a sample
// of values equals tshark's (`-T fields`): ip.src, tcp.srcport, tcp.flags, tcp.window_size_value
// per frame; http.request.method, websocket.opcode and websocket.masking_key in order per
// direction (tshark reports them on the frame completing the PDU, we on the frames holding bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { analyseFile } from './capture-trees.ts';
import { checkTree, fieldsNamed } from './tree-checks.ts';
import { corpusDir, corpusFiles, repoRoot, tsharkAvailable, tsharkFields } from '../helpers/tshark.ts';
import type { FieldNode } from '../../core/detail/index.ts';

const fixtureDir = join(repoRoot, 'test', 'fixtures', 'captures');
const fixtures = readdirSync(fixtureDir)
  .filter((f) => /\.pcap(ng)?$/.test(f))
  .map((f) => join(fixtureDir, f));
const corpus = corpusFiles().map((f) => join(corpusDir, f));

test('every frame of every capture: spans inside the frame, children inside parents, unique keys', () => {
  let frames = 0;
  for (const file of [...fixtures, ...corpus]) {
    const c = analyseFile(file);
    for (const k of c.frames) {
      checkTree(c.tree(k.frame), k.data.length, `${file}#${k.frame}`);
      frames++;
    }
  }
  assert.ok(frames > 1000, `only ${frames} frames`);
});

const SAMPLE = [
  ...fixtures,
  ...[
    'ws-sv-browser-basic.pcap',
    'ws-spang-ipv6-linux-lo.pcap',
    'ws-zeek-jupyter.pcap',
    'ws-sv-ping-pong-sll.pcap',
    'ws-zeek-two-binary-fragments.pcap',
    'http-sv-sll2.pcap',
    'http-sv-chunked-null-lo0.pcap',
    'http-gopacket-ipv6-chunked-macos-lo0.pcap',
    'http-sv-pipelined-2-get.pcap',
    'http-zeek-payload-in-syn-rawip.pcap',
  ].map((f) => join(corpusDir, f)),
];

function value(tree: FieldNode[], ...names: string[]): string | number | undefined {
  for (const n of names) {
    const f = fieldsNamed(tree, n)[0];
    if (f) return f.value;
  }
  return undefined;
}

test('sampled values equal tshark -T fields', { skip: !tsharkAvailable() && 'tshark not installed' }, () => {
  let compared = 0;
  for (const file of SAMPLE) {
    const c = analyseFile(file);
    const rows = tsharkFields(file, [
      'frame.number',
      'ip.src',
      'ipv6.src',
      'tcp.srcport',
      'tcp.dstport',
      'tcp.stream',
      'tcp.flags',
      'tcp.window_size_value',
      'http.request.method',
      'websocket.opcode',
      'websocket.masking_key',
    ]);
    const oursApp = new Map<string, string[]>();
    const theirsApp = new Map<string, string[]>();
    const push = (m: Map<string, string[]>, k: string, v: string) =>
      (m.get(k) ?? m.set(k, []).get(k)!).push(v);
    for (const row of rows) {
      const n = Number(row['frame.number']);
      const tree = c.tree(n);
      const where = `${file}#${n}`;
      const src = row['ipv6.src'] || row['ip.src'];
      if (src) assert.equal(value(tree, 'ipv6.src', 'ip.src'), src.split(',')[0], `${where} ip.src`);
      if (!row['tcp.srcport']) continue;
      assert.equal(value(tree, 'tcp.srcport'), Number(row['tcp.srcport']), `${where} tcp.srcport`);
      assert.equal(value(tree, 'tcp.flags'), parseInt(row['tcp.flags']!, 16), `${where} tcp.flags`);
      assert.equal(
        value(tree, 'tcp.window_size_value'),
        Number(row['tcp.window_size_value']),
        `${where} tcp.window_size_value`,
      );
      const dirKey = `${row['tcp.stream']}:${row['tcp.srcport']}`;
      for (const m of (row['http.request.method'] ?? '').split(',').filter(Boolean))
        push(theirsApp, `${dirKey} method`, m);
      for (const m of (row['websocket.opcode'] ?? '').split(',').filter(Boolean))
        push(theirsApp, `${dirKey} opcode`, m);
      for (const m of (row['websocket.masking_key'] ?? '').split(',').filter(Boolean))
        push(theirsApp, `${dirKey} key`, m);
      for (const f of fieldsNamed(tree, 'http.request.method'))
        push(oursApp, `${dirKey} method`, String(f.value));
      for (const f of fieldsNamed(tree, 'websocket.opcode'))
        push(oursApp, `${dirKey} opcode`, String(f.value));
      for (const f of fieldsNamed(tree, 'websocket.masking_key'))
        push(oursApp, `${dirKey} key`, String(f.value));
    }
    for (const [k, theirs] of theirsApp) {
      assert.deepEqual(oursApp.get(k) ?? [], theirs, `${file} ${k}`);
      compared += theirs.length;
    }
    for (const [k, ours] of oursApp) assert.deepEqual(ours, theirsApp.get(k) ?? [], `${file} ${k} (extra)`);
  }
  // Methods, opcodes and masking keys of the sample: the comparison above really ran.
  assert.ok(compared > 60, `only ${compared} application values compared`);
});
