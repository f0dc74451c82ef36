// selectedConnectionsPcapng: the selected connection's frames, read back by core/capture-file and
// by tshark, same count, same bytes, same timestamps; one IDB per link type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCaptureReader } from '../../core/capture-file/open-capture.ts';
import type { CaptureInterface, CaptureRecord } from '../../core/capture-file/types.ts';
import { framesOfConnections, selectedConnectionsPcapng, type ExportFrame } from '../../core/export/index.ts';
import { corpusDir, repoRoot, tsharkAvailable } from '../helpers/tshark.ts';
import { fixture, model } from './export-fixtures.ts';

function readBack(bytes: Uint8Array) {
  const records: Array<Omit<CaptureRecord, 'data'> & { data: Uint8Array }> = [];
  const interfaces: CaptureInterface[] = [];
  let error: unknown = null;
  const r = createCaptureReader({
    record: (rec) => records.push({ ...rec, data: rec.data.slice() }),
    interface: (i) => interfaces.push(i),
    error: (e) => (error = e),
  });
  r.push(bytes);
  r.end();
  assert.equal(error, null);
  return { records, interfaces };
}

const outDir = join(repoRoot, 'test-output', 'export');

test('one connection of a six-connection capture: read back by core and tshark', () => {
  const m = model(join(corpusDir, 'http-zeek-browse-keepalive.pcap'));
  assert.ok(m.connections.length > 2);
  const ids = [m.connections[2]!.id];
  const wanted = framesOfConnections(m.connections, ids);
  const frames = wanted.map((f) => m.frames[f - 1]!);
  const file = selectedConnectionsPcapng(frames);
  const back = readBack(file);
  assert.equal(back.records.length, wanted.length);
  assert.equal(back.interfaces.length, 1);
  back.records.forEach((r, i) => {
    const src = frames[i]!;
    assert.deepEqual(r.data, src.data);
    assert.equal(r.originalLength, src.originalLength);
    assert.equal(r.tsSec, src.tsSec);
    assert.equal(r.tsNsec, src.tsNsec);
    assert.equal(r.linkType, src.linkType);
  });
  if (tsharkAvailable()) {
    mkdirSync(outDir, { recursive: true });
    const path = join(outDir, 'selected.pcapng');
    writeFileSync(path, file);
    const t = spawnSync(
      'tshark',
      ['-n', '-r', path, '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.stream'],
      { encoding: 'utf8' },
    );
    assert.equal(t.status, 0, t.stderr);
    const lines = t.stdout.trim().split('\n');
    assert.equal(lines.length, wanted.length);
    assert.ok(
      lines.every((l) => l.endsWith('\t0')),
      'one TCP stream',
    );
    assert.ok(wanted.length < m.frames.length);
  }
});

test('mixed link types get one interface each; frames written in frame order', () => {
  const a = model(fixture('websocket-close.pcap')).frames.slice(0, 3);
  const eth = a[1]!;
  // The same IP packet as raw IPv4 (LINKTYPE_RAW 101): drop the 14-byte Ethernet header.
  const raw: ExportFrame = {
    ...eth,
    frame: 2,
    data: eth.data.slice(14),
    originalLength: eth.originalLength - 14,
    linkType: 101,
  };
  const frames = [a[2]!, raw, { ...a[0]! }];
  const back = readBack(selectedConnectionsPcapng(frames));
  assert.deepEqual(
    back.interfaces.map((i) => i.linkType),
    [1, 101],
  );
  assert.deepEqual(
    back.records.map((r) => r.linkType),
    [1, 101, 1],
  );
  if (tsharkAvailable()) {
    mkdirSync(outDir, { recursive: true });
    const path = join(outDir, 'mixed.pcapng');
    writeFileSync(path, selectedConnectionsPcapng(frames));
    const t = spawnSync('tshark', ['-n', '-r', path, '-T', 'fields', '-e', 'ip.src'], { encoding: 'utf8' });
    assert.equal(t.status, 0, t.stderr);
    assert.deepEqual(t.stdout.trim().split('\n'), ['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  }
});

test('epoch-only frames keep microseconds; frames of several connections are merged in order', () => {
  const f: ExportFrame = {
    frame: 1,
    epoch: 1700000000.123456,
    data: Uint8Array.of(0x45),
    originalLength: 60,
    linkType: 101,
  };
  const back = readBack(selectedConnectionsPcapng([f]));
  assert.equal(back.records[0]!.tsSec, 1700000000);
  assert.equal(back.records[0]!.tsNsec, 123456000);
  assert.equal(back.records[0]!.originalLength, 60);
  const m = model(fixture('http11-pipelining.pcap'));
  const all = framesOfConnections(
    m.connections,
    m.connections.map((c) => c.id),
  );
  assert.ok(m.connections.length >= 1);
  assert.deepEqual(
    all,
    [...all].sort((x, y) => x - y),
  );
  assert.equal(all.length, new Set(m.connections.flatMap((c) => c.tcp.frames)).size);
});
