// Packet list rows built while the file streams (partial) and completed from the timeline, and
// the app-state reducer's selection rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../core/analyze.ts';
import { buildTimeline } from '../../core/timeline/build-timeline.ts';
import { PacketRowBuilder } from '../../renderer/src/workers/packet-rows.ts';
import { frameDataOffset } from '../../renderer/src/workers/frame-bytes.ts';
import { initialState, reducer } from '../../renderer/src/state/app-state.ts';
import type { CaptureModel } from '../../renderer/src/model.ts';

const root = join(import.meta.dirname, '../..');

function analyse(name: string) {
  const bytes = new Uint8Array(readFileSync(join(root, 'test/fixtures/captures', name)));
  const rows = new PacketRowBuilder();
  const a = new Analyzer({ rows: true, onPacket: (p, r) => rows.add(p, r) });
  // Odd-sized chunks, as the worker's slices may cut records anywhere.
  for (let o = 0; o < bytes.length; o += 97) a.push(bytes.subarray(o, o + 97));
  const partial = rows.rows.map((r) => ({ ...r }));
  const result = a.end();
  const timeline = buildTimeline(result);
  return { bytes, partial, rows: [...rows.complete(timeline)], result, timeline };
}

test('partial rows: addresses, ports, flags, relative seq/ack before the TCP stage finishes', () => {
  const { partial } = analyse('http10-short.pcap');
  assert.equal(partial[0]!.frame, 1);
  assert.equal(partial[0]!.protocol, 'TCP');
  assert.equal(partial[0]!.connection, -1);
  assert.match(partial[0]!.info, /^\d+ → \d+ \[SYN\] Seq=0 Win=\d+ Len=0$/);
  assert.match(partial[1]!.info, /\[SYN, ACK\] Seq=0 Ack=1 /);
  assert.match(partial[2]!.info, /\[ACK\] Seq=1 Ack=1 /);
  assert.ok(partial.every((r, i) => r.frame === i + 1 && r.time >= 0 && r.fileOffset >= 24));
});

test('completed rows carry connection ids, analysis bits and the app label', () => {
  const { rows, result } = analyse('http10-short.pcap');
  assert.equal(rows.length, result.capture.packets);
  assert.ok(rows.every((r) => r.connection === 0));
  const get = rows.find((r) => r.info.startsWith('GET /'))!;
  assert.equal(get.protocol, 'HTTP');
  assert.match(get.info, /^GET \/\S+ {2}\d+ → \d+ \[PSH, ACK\] Seq=1 Ack=1 /);
  const ok = rows.find((r) => /^(HTTP\/1\.\d )?\d{3} /.test(r.info) || r.info.startsWith('200'))!;
  assert.equal(ok.protocol, 'HTTP');
  assert.equal(typeof get.analysis, 'number');
});

test('WebSocket frames are labelled as such in the list', () => {
  const { rows } = analyse('websocket-close.pcap');
  const ws = rows.filter((r) => r.protocol === 'WebSocket');
  assert.ok(ws.length > 0);
  assert.ok(
    ws.some((r) => /Close/.test(r.info)),
    ws.map((r) => r.info).join('\n'),
  );
});

test('frame data sits after a 16-byte pcap record header, 28/12 bytes into pcapng EPB/SPB', () => {
  const { bytes, rows } = analyse('http10-short.pcap');
  const r = rows[0]!;
  const start = r.fileOffset + frameDataOffset('pcap', -1);
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(r.fileOffset + 8, true);
  assert.equal(len, r.capturedLength);
  assert.ok(start + len <= bytes.length);
  assert.equal(frameDataOffset('pcapng', 6), 28);
  assert.equal(frameDataOffset('pcapng', 3), 12);
});

function fakeModel(name: string, frames: number, conn = 0): CaptureModel {
  const { rows, result, timeline } = analyse('http10-short.pcap');
  return {
    name,
    bytes: 1,
    summary: result.capture,
    timeline,
    connections: [],
    packets: rows.slice(0, frames).map((r) => ({ ...r, connection: conn })),
    diagnostics: [],
  };
}

test('reducer: done selects the first frame and its connection; cancel restores the previous capture', () => {
  let s = initialState();
  const a = fakeModel('a.pcap', 5);
  s = reducer(s, { type: 'load-start', name: 'a.pcap', total: 1 });
  s = reducer(s, { type: 'done', model: a });
  assert.equal(s.selectedFrame, 1);
  assert.deepEqual(s.selectedConnections, [0]);
  assert.equal(s.loading, null);
  s = reducer(s, { type: 'select-frame', frame: 3 });
  assert.equal(s.selectedFrame, 3);

  const b = fakeModel('b.pcap', 2, 7);
  s = reducer(s, { type: 'load-start', name: 'b.pcap', total: 10 });
  s = reducer(s, { type: 'progress', bytes: 4, total: 10, packets: 2 });
  assert.equal(s.loading!.bytes, 4);
  s = reducer(s, { type: 'partial', model: b });
  assert.equal(s.model!.name, 'b.pcap');
  assert.equal(s.partial, true);
  s = reducer(s, { type: 'cancelled' });
  assert.equal(s.model!.name, 'a.pcap');
  assert.equal(s.partial, false);
  assert.equal(s.loading, null);

  s = reducer(s, { type: 'select-connection', connection: 4, frame: 2 });
  assert.deepEqual(s.selectedConnections, [4]);
  assert.equal(s.selectedFrame, 2);
  s = reducer(s, { type: 'filter', text: 'http' });
  s = reducer(s, { type: 'language', language: 'zh' });
  s = reducer(s, { type: 'theme', theme: 'dark' });
  assert.deepEqual([s.filterText, s.language, s.theme], ['http', 'zh', 'dark']);
});

test('rows added after the partial list (eager off) get the same text once completed', () => {
  const bytes = new Uint8Array(readFileSync(join(root, 'test/fixtures/captures/http11-keepalive-3.pcap')));
  const run = (eagerFor: number) => {
    const rows = new PacketRowBuilder();
    const a = new Analyzer({
      rows: true,
      onPacket: (p, r) => {
        rows.eager = r.frame <= eagerFor;
        rows.add(p, r);
      },
    });
    a.push(bytes);
    return [...rows.complete(buildTimeline(a.end()))];
  };
  const lazy = run(3);
  assert.ok(lazy.every((r) => r.info !== ''));
  assert.deepEqual(lazy, run(Infinity));
});

test('reducer: Ctrl+click toggles connections; a frame inside the selection keeps it', () => {
  let s = initialState();
  s = reducer(s, { type: 'done', model: fakeModel('a.pcap', 5, 2) });
  s = reducer(s, { type: 'select-connection', connection: 0, frame: 1 });
  s = reducer(s, { type: 'select-connection', connection: 2, add: true });
  assert.deepEqual(s.selectedConnections, [0, 2]);
  s = reducer(s, { type: 'select-frame', frame: 3 }); // frame 3 is on connection 2
  assert.deepEqual(s.selectedConnections, [0, 2]);
  s = reducer(s, { type: 'select-connection', connection: 0, add: true });
  assert.deepEqual(s.selectedConnections, [2]);
  s = reducer(s, { type: 'select-connection', connection: 5 });
  assert.deepEqual(s.selectedConnections, [5]);
  s = reducer(s, { type: 'select-frame', frame: 2 });
  assert.deepEqual(s.selectedConnections, [2]);
});

test('complete() points each TCP row at its ladder row; info: false leaves the text to the UI', () => {
  const bytes = new Uint8Array(readFileSync(join(root, 'test/fixtures/captures', 'http11-keepalive-3.pcap')));
  const rows = new PacketRowBuilder();
  const a = new Analyzer({ rows: true, onPacket: (p, r) => rows.add(p, r) });
  a.push(bytes);
  rows.eager = false;
  const timeline = buildTimeline(a.end());
  const done = rows.complete(timeline, { info: false });
  const ladder = timeline.connections.flatMap((c) => c.rows);
  const refs = rows.ladderRef!;
  assert.equal(refs.length, done.length);
  done.forEach((r, i) => {
    if (r.connection < 0) assert.equal(refs[i], -1);
    else assert.equal(ladder[refs[i]!]!.frame, r.frame);
  });
  assert.ok(
    done.some((r) => r.protocol === 'HTTP'),
    'the protocol column is still completed',
  );
});
