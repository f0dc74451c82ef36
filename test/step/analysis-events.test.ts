// Every TCP analysis event gets its own explanation in both languages. The loopback fixtures
// have none of these events, so they are set on a copy of real rows (the annotators read only
// the row's bits and numbers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes, type AnalysisResult } from '../../core/analyze.ts';
import { buildSteps } from '../../core/step/index.ts';
import { Analysis } from '../../core/tcp/types.ts';
import { repoRoot } from '../helpers/tshark.ts';
import type { PacketRow } from '../../core/timeline/types.ts';

const base = analyzeBytes(readFileSync(join(repoRoot, 'test/fixtures/captures/http10-short.pcap')), {
  rows: true,
});

/** Steps of http10-short after `edit` changed the row of `frame`. */
function stepWith(frame: number, edit: (row: PacketRow) => void) {
  const result: AnalysisResult = {
    ...base,
    connections: base.connections.map((c) => ({ ...c, rows: c.rows!.map((r) => ({ ...r })) })),
  };
  edit(result.connections[0]!.rows!.find((r) => r.frame === frame)!);
  return buildSteps(result).find((s) => s.frame === frame)!;
}

const CASES: Array<{
  name: string;
  frame: number;
  edit: (r: PacketRow) => void;
  en: RegExp;
  zh: RegExp;
  title?: RegExp;
}> = [
  {
    name: 'retransmission',
    frame: 4,
    edit: (r) => (r.analysis = Analysis.RETRANSMISSION),
    en: /retransmission: these bytes were already sent/,
    zh: /重传/,
    title: /Retransmission/,
  },
  {
    name: 'fast retransmission',
    frame: 4,
    edit: (r) => (r.analysis = Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION),
    en: /fast retransmission/,
    zh: /快速重传/,
  },
  {
    name: 'spurious retransmission',
    frame: 4,
    edit: (r) => (r.analysis = Analysis.RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION),
    en: /spurious/,
    zh: /伪重传/,
  },
  {
    name: 'out of order',
    frame: 4,
    edit: (r) => (r.analysis = Analysis.OUT_OF_ORDER),
    en: /out of order/,
    zh: /乱序/,
  },
  {
    name: 'duplicate ACK',
    frame: 7,
    edit: (r) => {
      r.analysis = Analysis.DUPLICATE_ACK;
      r.dupAckOf = 5;
      r.dupAckCount = 2;
    },
    en: /Duplicate ACK number 2 of frame 5/,
    zh: /第 2 个重复 ACK（重复帧 5 的确认）/,
    title: /Duplicate ACK/,
  },
  {
    name: 'zero window',
    frame: 5,
    edit: (r) => (r.analysis = Analysis.ZERO_WINDOW),
    en: /server advertises a zero window/,
    zh: /零窗口/,
  },
  {
    name: 'zero window probe',
    frame: 4,
    edit: (r) => (r.analysis = Analysis.ZERO_WINDOW_PROBE),
    en: /zero-window probe/,
    zh: /零窗口探测/,
  },
  {
    name: 'keep-alive',
    frame: 7,
    edit: (r) => (r.analysis = Analysis.KEEP_ALIVE),
    en: /keep-alive/,
    zh: /保活/,
  },
  {
    name: 'keep-alive ACK',
    frame: 5,
    edit: (r) => (r.analysis = Analysis.KEEP_ALIVE_ACK),
    en: /answer to a keep-alive/,
    zh: /保活探测的回应/,
  },
  {
    name: 'window update',
    frame: 5,
    edit: (r) => (r.analysis = Analysis.WINDOW_UPDATE),
    en: /window update: .* 65536 bytes/,
    zh: /窗口更新.*65536 字节/,
  },
  {
    name: 'window full',
    frame: 4,
    edit: (r) => (r.analysis = Analysis.WINDOW_FULL),
    en: /fills the receiver's advertised window/,
    zh: /填满/,
  },
  {
    name: 'lost segment',
    frame: 6,
    edit: (r) => (r.analysis = Analysis.LOST_SEGMENT),
    en: /not captured/,
    zh: /没有被抓到/,
  },
  {
    name: 'ACKed unseen',
    frame: 7,
    edit: (r) => (r.analysis = Analysis.ACKED_UNSEEN),
    en: /never saw/,
    zh: /没有出现/,
  },
];

for (const c of CASES) {
  test(`analysis event explained: ${c.name}`, () => {
    const s = stepWith(c.frame, c.edit);
    assert.match(s.annotation.en, c.en);
    assert.match(s.annotation.zh, c.zh);
    if (c.title) assert.match(s.title.en, c.title);
    for (const [k, v] of Object.entries(s.facts)) {
      assert.ok(s.annotation.en.includes(String(v)) && s.annotation.zh.includes(String(v)), `${k} quoted`);
    }
  });
}

test('a retransmitted segment is not a new send() in the inferred socket calls', () => {
  const s = stepWith(4, (r) => (r.analysis = Analysis.RETRANSMISSION));
  assert.deepEqual(s.socketCalls, []);
});
