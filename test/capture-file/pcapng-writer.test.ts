// The writer's output read back by our reader equals the input, and tshark reads it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapngWriter } from '../../core/capture-file/index.ts';
import { cat, epoch, fromHex, pieces, read, readChunks, toHex } from './helpers.ts';

interface Input {
  interfaceId: number;
  tsSec: number;
  tsNsec: number;
  data: Uint8Array;
  originalLength?: number;
  comment?: string;
}

function build(): { file: Uint8Array; packets: Input[]; writer: PcapngWriter } {
  const w = new PcapngWriter();
  const parts: Uint8Array[] = [w.header({ application: 'wirestep test', comment: 'round trip' })];
  const eth = w.addInterface({ linkType: 1, snapLength: 65535, name: 'lo' });
  const raw = w.addInterface({ linkType: 101, name: 'raw ns', tsUnitsPerSecond: 1e9 });
  parts.push(eth.bytes, raw.bytes);
  const ip = fromHex('45000014000000004006000000000001 7f000001'.replace(/ /g, ''));
  const ethFrame = cat(fromHex('000000000000 000000000000 0800'), ip);
  const packets: Input[] = [
    { interfaceId: eth.id, tsSec: 1700000000, tsNsec: 123456000, data: ethFrame },
    { interfaceId: raw.id, tsSec: 1700000001, tsNsec: 987654321, data: ip, comment: 'nanoseconds ✓' },
    {
      interfaceId: eth.id,
      tsSec: 1700000002,
      tsNsec: 0,
      data: ethFrame.subarray(0, 17),
      originalLength: ethFrame.length,
    },
    { interfaceId: raw.id, tsSec: 4102444800, tsNsec: 1, data: ip }, // year 2100: > 2^53 ns
  ];
  for (const p of packets) parts.push(w.packet(p));
  parts.push(w.statistics({ interfaceId: eth.id, tsSec: 1700000003, tsNsec: 0, received: 10, dropped: 1 }));
  return { file: cat(...parts), packets, writer: w };
}

test('write → read back equals the input', () => {
  const { file, packets } = build();
  const seen = read(file);
  assert.equal(seen.error, null);
  assert.equal(seen.format, 'pcapng/le');
  assert.deepEqual(seen.interfaces, [
    { id: 0, linkType: 1, snapLength: 65535, tsUnitsPerSecond: 1e6, name: 'lo' },
    { id: 1, linkType: 101, snapLength: 262144, tsUnitsPerSecond: 1e9, name: 'raw ns' },
  ]);
  assert.deepEqual(
    seen.records.map((r) => ({
      interfaceId: r.interfaceId,
      tsSec: r.tsSec,
      tsNsec: r.tsNsec,
      hex: r.hex,
      originalLength: r.originalLength,
      comments: r.comments,
    })),
    packets.map((p) => ({
      interfaceId: p.interfaceId,
      tsSec: p.tsSec,
      tsNsec: p.tsNsec,
      hex: toHex(p.data),
      originalLength: p.originalLength ?? p.data.length,
      comments: p.comment === undefined ? undefined : [p.comment],
    })),
  );
  assert.deepEqual(
    seen.stats.map((s) => [s.interfaceId, s.tsSec, s.received, s.interfaceDropped]),
    [[0, 1700000003, 10, 1]],
  );
  assert.deepEqual(readChunks(pieces(file, [5])).records, seen.records);
});

test('microsecond interfaces truncate nanoseconds', () => {
  const w = new PcapngWriter();
  const i = w.addInterface({ linkType: 1 });
  const seen = read(
    cat(w.header(), i.bytes, w.packet({ interfaceId: 0, tsSec: 5, tsNsec: 999999, data: new Uint8Array(1) })),
  );
  assert.equal(seen.records[0]!.tsNsec, 999000);
});

test('writer refuses unknown interfaces and odd resolutions (programming errors)', () => {
  const w = new PcapngWriter();
  assert.throws(() => w.packet({ interfaceId: 0, tsSec: 0, tsNsec: 0, data: new Uint8Array(0) }), RangeError);
  assert.throws(() => w.addInterface({ linkType: 1, tsUnitsPerSecond: 1000 }), RangeError);
});

function haveTshark(): boolean {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('tshark reads the written file', { skip: haveTshark() ? false : 'tshark not installed' }, () => {
  const { file, packets } = build();
  const dir = mkdtempSync(join(tmpdir(), 'wirestep-writer-'));
  try {
    const path = join(dir, 'written.pcapng');
    writeFileSync(path, file);
    const out = execFileSync(
      'tshark',
      [
        '-n',
        '-r',
        path,
        '-T',
        'fields',
        '-e',
        'frame.number',
        '-e',
        'frame.time_epoch',
        '-e',
        'frame.len',
        '-e',
        'frame.interface_id',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    assert.deepEqual(
      rows,
      packets.map((p, i) => [
        String(i + 1),
        epoch(p),
        String(p.originalLength ?? p.data.length),
        String(p.interfaceId),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
