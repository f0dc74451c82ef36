// Frames are recorded column-wise and turned into WsFrame objects on demand: every field must
// survive the round trip, `frames` must stay one growing array, and readers that only count or
// stream frames (the CLI) must get them without the parser keeping an object per frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FrameTable, type FrameFields } from '../../../core/dissect/websocket/frame-table.ts';
import { WebSocketParser, type WsFrame } from '../../../core/dissect/websocket/index.ts';
import { analyzeBytes } from '../../../core/analyze.ts';
import { websocketFrames } from '../../../core/dissect/dispatch.ts';
import { corpusDir } from '../../helpers/tshark.ts';
import { MASK, concat, wsFrame } from './helpers.ts';

test('every field survives the column round trip, extremes included', () => {
  const cases: FrameFields[] = [
    {
      frame: 1,
      firstFrame: 1,
      from: 'client',
      fin: true,
      rsv: 0,
      opcode: 1,
      mask: 0x37fa213d,
      length: 5,
      headerLength: 6,
      lengthForm: 7,
      headerOffset: 0,
      truncated: false,
      skipped: false,
    },
    {
      frame: 2 ** 32 + 7,
      firstFrame: 4_000_000_000,
      from: 'server',
      fin: false,
      rsv: 7,
      opcode: 15,
      mask: null,
      length: 2 ** 53 - 1,
      headerLength: 10,
      lengthForm: 64,
      headerOffset: 2 ** 40,
      truncated: true,
      skipped: true,
    },
    {
      frame: 9,
      firstFrame: 8,
      from: 'client',
      fin: true,
      rsv: 4,
      opcode: 0,
      mask: 0xff000001,
      length: 300,
      headerLength: 8,
      lengthForm: 16,
      headerOffset: 123,
      truncated: true,
      skipped: false,
    },
  ];
  const t = new FrameTable();
  for (let i = 0; i < 200; i++) t.add(cases[i % 3]!); // grows past the first capacity
  assert.equal(t.count, 200);
  const expected = (f: FrameFields, index: number): WsFrame => ({
    index,
    frame: f.frame,
    firstFrame: f.firstFrame,
    from: f.from,
    fin: f.fin,
    rsv: f.rsv,
    opcode: f.opcode,
    masked: f.mask !== null,
    maskKey: f.mask === null ? null : f.mask.toString(16).padStart(8, '0'),
    length: f.length,
    headerLength: f.headerLength,
    lengthForm: f.lengthForm,
    headerOffset: f.headerOffset,
    payloadOffset: f.headerOffset + f.headerLength,
    truncated: f.truncated,
    skipped: f.skipped,
  });
  for (const i of [0, 1, 2, 63, 64, 65, 199]) assert.deepEqual(t.get(i), expected(cases[i % 3]!, i));
});

test('frames is one array, extended as frames arrive; frameAt and frameCount make no objects', () => {
  const p = new WebSocketParser({});
  const one = wsFrame({ opcode: 1, payload: 'a', mask: MASK });
  p.push(0, { data: one, frame: 1, offset: 0 });
  assert.equal(p.frameCount, 1);
  const fresh = p.frameAt(0);
  assert.notEqual(p.frameAt(0), fresh, 'not kept before frames is read');
  const first = p.frames;
  assert.equal(first.length, 1);
  assert.deepEqual(first[0], fresh);
  assert.equal(p.frameAt(0), first[0], 'the kept object once made');
  p.push(0, { data: concat(one, one), frame: 2, offset: one.length });
  assert.equal(p.frameCount, 3);
  assert.equal(p.frames, first, 'same array');
  assert.equal(first.length, 3);
  assert.deepEqual(
    first.map((f) => [f.index, f.frame, f.headerOffset, f.maskKey]),
    [
      [0, 1, 0, '37fa213d'],
      [1, 2, 7, '37fa213d'],
      [2, 2, 14, '37fa213d'],
    ],
  );
});

test('a frame listener gets the very objects later listed in frames', () => {
  const seen: WsFrame[] = [];
  const p = new WebSocketParser({ frame: (f) => seen.push(f) });
  const data = concat(wsFrame({ opcode: 2, payload: 'xy' }), wsFrame({ opcode: 9 }));
  p.push(1, { data, frame: 5, offset: 0 });
  assert.equal(seen.length, 2);
  assert.equal(p.frames[0], seen[0]);
  assert.equal(p.frames[1], seen[1]);
  assert.equal(seen[1]!.opcode, 9);
});

test('a dissection streams, counts, lists and clones its frames alike', () => {
  const result = analyzeBytes(readFileSync(join(corpusDir, 'ws-sv-browser-basic.pcap')));
  const ws = result.connections.find((c) => c.dissection.websocket)!.dissection.websocket!;
  const streamed = [...websocketFrames(ws)];
  assert.ok(streamed.length > 3);
  assert.equal(ws.frameCount, streamed.length);
  assert.deepEqual(ws.frames, streamed);
  const copy = structuredClone(ws);
  assert.deepEqual(copy.frames, ws.frames);
  assert.equal(copy.frameCount, ws.frameCount);
  assert.deepEqual(JSON.parse(JSON.stringify(ws)).frames, JSON.parse(JSON.stringify(ws.frames)));
});
