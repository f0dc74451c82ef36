// The worker → UI hand-over (workers/wire-model.ts → model.ts hydrateModel): what the UI reads
// must equal, value for value, the model the worker built — packet rows (info text written from
// the ladder row), ladder rows, dissections with their WebSocket frames and messages — and the
// packed form must cross a structured clone with its buffers transferred.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../../core/analyze.ts';
import { buildTimeline } from '../../../core/timeline/build-timeline.ts';
import { PacketRowBuilder } from '../../../renderer/src/workers/packet-rows.ts';
import { wireModel } from '../../../renderer/src/workers/wire-model.ts';
import { KIND_PROTOCOL, packLadder } from '../../../renderer/src/workers/packed-rows.ts';
import { pack, packedLength, valueAt } from '../../../renderer/src/workers/pack.ts';
import { packWs, hasWs } from '../../../renderer/src/workers/packed-ws.ts';
import { hydrateModel, lazyArray, type CaptureModel, type WireModel } from '../../../renderer/src/model.ts';
import type { WebSocketDissection } from '../../../core/dissect/dispatch.ts';

const root = join(import.meta.dirname, '../../..');
const fixtures = join(root, 'test/fixtures/captures');
const corpus = '/work/shared/corpus/public';

/**
 * The worker's model: with the info text (`info: true`, the reference: rows completed from the
 * timeline's objects) or as the worker posts it (rows completed from the packed ladder, no info).
 */
function build(bytes: Uint8Array, info: boolean) {
  const rows = new PacketRowBuilder();
  const a = new Analyzer({ rows: true, onPacket: (p, r) => rows.add(p, r) });
  for (let o = 0; o < bytes.length; o += 4096) {
    a.push(bytes.subarray(o, o + 4096));
    if (o === 0) rows.eager = false;
  }
  const result = a.end();
  const timeline = buildTimeline(result);
  const transfer: ArrayBuffer[] = [];
  const ladder = info ? undefined : packLadder(timeline.connections, transfer);
  const packets = ladder
    ? rows.completePacked(
        ladder,
        timeline.connections.map((c) => c.id),
        KIND_PROTOCOL,
      )
    : rows.complete(timeline, { info });
  const model: CaptureModel = {
    name: 'x.pcap',
    bytes: bytes.length,
    summary: result.capture,
    timeline,
    connections: result.connections.map((c) => ({ id: c.tcp.id, tcp: c.tcp, dissection: c.dissection })),
    packets,
    diagnostics: [...result.diagnostics],
  };
  return { model, ladderRef: rows.ladderRef, columns: rows.columns, ladder, transfer, rows };
}

function roundTrip(bytes: Uint8Array): { sent: CaptureModel; got: CaptureModel } {
  const ref = build(bytes, true).model;
  const { model, ladderRef, columns, ladder, transfer } = build(bytes, false);
  const wire = wireModel(
    { name: model.name, size: model.bytes },
    model.summary,
    columns,
    { model, timeline: model.timeline, ladderRef, ladder },
    transfer,
  );
  // As postMessage does it: a structured clone, the packed columns transferred (detached here).
  const got = hydrateModel(structuredClone(wire, { transfer }) as WireModel);
  assert.ok(transfer.length > 10 && transfer.every((b) => b.byteLength === 0), 'columns are transferred');
  return { sent: ref, got };
}

function assertSame(got: CaptureModel, sent: CaptureModel): void {
  assert.equal(got.packets.length, sent.packets.length);
  assert.deepStrictEqual([...got.packets], [...sent.packets]);
  assert.deepStrictEqual(
    got.timeline.connections.map((c) => c.rows),
    sent.timeline.connections.map((c) => c.rows),
  );
  assert.deepStrictEqual(
    got.timeline.connections.map((c) => ({ ...c })),
    sent.timeline.connections.map((c) => ({ ...c })),
  );
  assert.equal(got.timeline.startEpoch, sent.timeline.startEpoch);
  assert.deepStrictEqual(
    got.connections.map((c) => c.dissection),
    sent.connections.map((c) => c.dissection),
  );
  assert.deepStrictEqual(
    got.connections.map((c) => c.tcp),
    sent.connections.map((c) => c.tcp),
  );
  assert.deepStrictEqual(got.summary, sent.summary);
}

const captures = [
  ...readdirSync(fixtures).map((f) => join(fixtures, f)),
  ...readdirSync(corpus)
    .filter((f) => /^(ws|http|tcp)-.*\.pcap(ng)?$/.test(f))
    .map((f) => join(corpus, f)),
];

for (const file of captures) {
  test(`hand-over round trip is exact: ${file.split('/').pop()}`, () => {
    const { sent, got } = roundTrip(new Uint8Array(readFileSync(file)));
    assertSame(got, sent);
  });
}

test('rows completed from the packed ladder equal rows completed from the timeline', () => {
  for (const file of captures) {
    const bytes = new Uint8Array(readFileSync(file));
    const a = build(bytes, false);
    const b = build(bytes, true);
    const name = file.split('/').pop();
    assert.deepStrictEqual(a.ladderRef, b.ladderRef, name);
    for (let i = 0; i < a.columns.count; i++) {
      const x = a.rows.rowAt(i);
      const y = b.rows.rowAt(i);
      // The info text of a row with a ladder row is written by the UI (info: false leaves it).
      if (a.ladderRef![i]! >= 0) x.info = y.info;
      assert.deepStrictEqual(x, y, `${name} row ${i}`);
    }
  }
});

test('WebSocket captures carry frames and messages through the packed columns', () => {
  const { sent, got } = roundTrip(new Uint8Array(readFileSync(join(fixtures, 'websocket-deflate.pcap'))));
  const i = sent.connections.findIndex((c) => c.dissection.websocket);
  assert.ok(i >= 0);
  const ws = got.connections[i]!.dissection.websocket!;
  assert.ok(ws.frames.length > 0 && ws.messages.length > 0);
  assert.deepStrictEqual(ws.messages, sent.connections[i]!.dissection.websocket!.messages);
});

test('bulky parts are made only when read', () => {
  const { got } = roundTrip(new Uint8Array(readFileSync(join(fixtures, 'http11-keepalive-3.pcap'))));
  const c = got.timeline.connections[0]!;
  const d = Object.getOwnPropertyDescriptor(c, 'rows')!;
  assert.equal(typeof d.get, 'function', 'rows not made yet');
  const rows = c.rows;
  assert.equal(c.rows, rows, 'made once');
  assert.ok('value' in Object.getOwnPropertyDescriptor(c, 'rows')!);
  const cm = got.connections[0]!;
  assert.equal(typeof Object.getOwnPropertyDescriptor(cm, 'dissection')!.get, 'function');
  assert.equal(cm.dissection, cm.dissection);
});

test('lazyArray behaves as an array and makes each item once', () => {
  let made = 0;
  const a = lazyArray(5, (i) => {
    made++;
    return { i };
  });
  assert.equal(a.length, 5);
  assert.equal(made, 0);
  assert.equal(a[2]!.i, 2);
  assert.equal(a[2], a[2]);
  assert.equal(made, 1);
  assert.equal(a[5], undefined);
  assert.equal(a[-1], undefined);
  assert.ok(Array.isArray(a));
  assert.ok(2 in a && !(5 in a));
  assert.deepEqual(
    a.map((x) => x.i),
    [0, 1, 2, 3, 4],
  );
  assert.deepEqual(
    [...a].map((x) => x.i),
    [0, 1, 2, 3, 4],
  );
  assert.equal(
    a.findIndex((x) => x.i === 3),
    3,
  );
  assert.deepEqual(Object.keys(a), ['0', '1', '2', '3', '4']);
  assert.equal(made, 5);
});

test('the generic packer keeps every kind of plain value exactly', () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const values = [
    {
      a: 1,
      b: 'x',
      c: null,
      d: undefined,
      e: true,
      f: false,
      g: -0,
      h: NaN,
      i: [1, [2, 'y'], { z: 1 }],
      j: bytes,
    },
    { b: 'x', a: 2 }, // other key order, keys absent
    [],
    'str',
    42,
    null,
    undefined,
    { nested: { deeper: [{ k: 'v' }, { k: 'w', extra: [] }] } },
    { '': 'empty key', 'with space': 1 },
  ];
  const transfer: ArrayBuffer[] = [];
  const p = structuredClone(pack(values, transfer), { transfer });
  assert.equal(packedLength(p), values.length);
  const back = values.map((_, i) => valueAt(p, i));
  assert.deepStrictEqual(back, values);
  assert.ok(Object.is((back[0] as { g: number }).g, -0));
  assert.ok(!('c' in (back[1] as object)), 'absent keys stay absent');
  assert.ok('d' in (back[0] as object), 'undefined values stay present');
  assert.deepEqual(Object.keys(back[1] as object), ['b', 'a'], 'key order is kept');
});

test('WebSocket frames or messages with fields not known here fall back to the generic packer', () => {
  const frame = {
    index: 0,
    frame: 4,
    firstFrame: 4,
    from: 'client',
    fin: true,
    rsv: 0,
    opcode: 1,
    masked: true,
    maskKey: '01020304',
    length: 5,
    headerLength: 6,
    lengthForm: 7,
    headerOffset: 0,
    payloadOffset: 6,
    truncated: false,
    skipped: false,
  };
  const known = { upgrade: null, guess: true, permessageDeflate: false, frames: [frame], messages: [] };
  const grown = { ...known, frames: [{ ...frame, newField: 1 }] };
  const p = packWs(
    [known as unknown as WebSocketDissection, null, grown as unknown as WebSocketDissection],
    [],
  );
  assert.equal(hasWs(p, 0), true);
  assert.equal(hasWs(p, 1), false);
  assert.equal(hasWs(p, 2), false);
});
