// Pure helpers of the ladder view: idle-gap compression, virtualisation range, lanes by IP:port,
// phase bands and collapsing, arrow labels and glyphs, on real captures and on hand-made times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  timeAxis,
  medianPositive,
  visibleRange,
  lowerBound,
  durationText,
} from '../../../renderer/src/views/ladder/idle-gaps.ts';
import {
  endpointLaneCount,
  hostLane,
  ladderLayout,
  laneOrder,
  phaseKey,
} from '../../../renderer/src/views/ladder/ladder-layout.ts';
import {
  appLabel,
  fitText,
  rowGlyphs,
  tcpLabel,
  arrowClass,
} from '../../../renderer/src/views/ladder/arrow-labels.ts';
import { zigzag } from '../../../renderer/src/views/ladder/ladder-marks.ts';
import { Analysis } from '../../../core/tcp/types.ts';
import { TcpFlag } from '../../../core/decode/types.ts';
import type { LadderRow } from '../../../core/timeline/types.ts';
import { fixture, timelineOf } from '../../timeline/helpers.ts';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/tshark.ts';

test('median of the positive deltas ignores zeros', () => {
  assert.equal(medianPositive([0, 1, 3, 0, 2]), 2);
  assert.equal(medianPositive([4, 1]), 2.5);
  assert.equal(medianPositive([0, 0]), 0);
});

test('idle gaps longer than 10x the median are squeezed to a fixed height and reported', () => {
  // Deltas: 1 ms ×4, then 5 s, then 1 ms.
  const times = [0, 0.001, 0.002, 0.003, 0.004, 5.004, 5.005];
  const a = timeAxis(times, { rowMin: 30, extraMax: 60, gapHeight: 40 });
  assert.equal(a.gaps.length, 1);
  assert.equal(a.gaps[0]!.index, 5);
  assert.ok(Math.abs(a.gaps[0]!.seconds - 5) < 1e-9);
  assert.ok(Math.abs(a.ys[5]! - a.ys[4]! - 70) < 1e-9, 'a gap gets rowMin + gapHeight, whatever its length');
  // Uncompressed deltas are affine in time: equal deltas, equal spacing; at least rowMin.
  assert.ok(Math.abs(a.ys[1]! - a.ys[0]! - (a.ys[2]! - a.ys[1]!)) < 1e-6);
  assert.ok(a.ys[1]! - a.ys[0]! >= 30);
  // The gap marker sits between the two entries.
  assert.ok(a.gaps[0]!.y0 > a.ys[4]! && a.gaps[0]!.y1 < a.ys[5]!);
  // A 50 s gap takes the same room as the 5 s one.
  const b = timeAxis([0, 0.001, 0.002, 0.003, 0.004, 50.004, 50.005], {
    rowMin: 30,
    extraMax: 60,
    gapHeight: 40,
  });
  assert.deepEqual(Array.from(b.ys, Math.round), Array.from(a.ys, Math.round));
});

test('sub-millisecond jitter is never an idle gap; ys are monotonic; extra px are added', () => {
  const times = [0, 0.00001, 0.00002, 0.0004, 0.00041];
  const a = timeAxis(times, { minGapSeconds: 0.001 });
  assert.equal(a.gaps.length, 0);
  for (let i = 1; i < times.length; i++) assert.ok(a.ys[i]! > a.ys[i - 1]!);
  const withHeaders = timeAxis(times, { minGapSeconds: 0.001 }, [0, 0, 22, 0, 0]);
  assert.ok(Math.abs(withHeaders.ys[2]! - a.ys[2]! - 22) < 1e-9);
  // Time going backwards (it happens in captures) does not reverse the axis.
  const back = timeAxis([0, 1, 0.5, 2]);
  for (let i = 1; i < 4; i++) assert.ok(back.ys[i]! > back.ys[i - 1]!);
});

test('visibleRange finds the rows in view by binary search', () => {
  const ys = [10, 20, 30, 40, 50];
  assert.deepEqual(visibleRange(ys, 15, 41), [1, 4]);
  assert.deepEqual(visibleRange(ys, 0, 5), [0, 0]);
  assert.deepEqual(visibleRange(ys, 50, 60), [4, 5]);
  assert.equal(lowerBound(ys, 30), 2);
  assert.equal(durationText(2.5), '2.500 s');
  assert.equal(durationText(0.0125), '12.500 ms');
  assert.equal(durationText(125), '2 min 5.0 s');
});

test('http10-short: two IP:port lanes on loopback, arrows in frame order with flags and meaning', () => {
  const tl = timelineOf(fixture('http10-short'));
  const c = tl.connections[0]!;
  const layout = ladderLayout(tl.connections);
  assert.deepEqual(layout.lanes, ['127.0.0.1:36890', '127.0.0.1:40843']);
  const rows = layout.entries.filter((e) => e.kind === 'row');
  assert.equal(rows.length, c.rows.length);
  assert.deepEqual(
    rows.map((e) => (e.kind === 'row' ? e.row.frame : -1)),
    c.rows.map((r) => r.frame),
  );
  // SYN client → server, SYN-ACK back.
  const [syn, synAck] = rows;
  assert.ok(syn!.kind === 'row' && syn.from === 0 && syn.to === 1 && tcpLabel(syn.row) === 'SYN seq=0 len=0');
  assert.ok(
    synAck!.kind === 'row' &&
      synAck.from === 1 &&
      synAck.to === 0 &&
      tcpLabel(synAck.row) === 'SYN, ACK seq=0 ack=1 len=0',
  );
  const labels = rows.map((e) => (e.kind === 'row' ? appLabel(e.row) : '')).filter(Boolean);
  assert.deepEqual(labels, ['GET /index.html', '200 OK (body ended by FIN)']);
  for (let i = 1; i < layout.ys.length; i++) assert.ok(layout.ys[i]! > layout.ys[i - 1]!);
  // Phases: handshake, exchange, teardown as bands with headers above their first row.
  assert.deepEqual(
    layout.bands.map((b) => b.phase.kind),
    ['tcp-handshake', 'http-exchange', 'tcp-teardown'],
  );
  for (const b of layout.bands) assert.ok(b.visible && b.y1 > b.y0);
  // The exchange (frames 4-8) and the teardown (8-10) overlap: different columns.
  assert.notEqual(layout.bands[1]!.column, layout.bands[2]!.column);
  assert.equal(layout.frameEntry.get(1), 0);
});

test('collapsing a phase replaces its rows by one line counting them', () => {
  const tl = timelineOf(fixture('websocket-close'));
  const c = tl.connections[0]!;
  const msgs = c.phases.findIndex((p) => p.kind === 'messages');
  assert.ok(msgs >= 0);
  const open = ladderLayout(tl.connections);
  const closed = ladderLayout(tl.connections, { collapsed: new Set([phaseKey(c, msgs)]) });
  const p = c.phases[msgs]!;
  const inside = c.rows.filter((r) => r.frame >= p.firstFrame && r.frame <= p.lastFrame).length;
  assert.ok(inside > 1);
  assert.equal(closed.entries.length, open.entries.length - inside + 1);
  const line = closed.entries.find((e) => e.kind === 'collapsed');
  assert.ok(line && line.kind === 'collapsed' && line.packets === inside);
  assert.equal(closed.bands[line.band]!.packets, inside);
  assert.ok(closed.height < open.height);
  for (let i = 1; i < closed.ys.length; i++) assert.ok(closed.ys[i]! > closed.ys[i - 1]!);
  // Hidden frames have no entry; the others keep theirs.
  assert.equal(closed.frameEntry.get(p.firstFrame), undefined);
  assert.notEqual(closed.frameEntry.get(1), undefined);
});

test('several connections share lanes by endpoint: clients first, then the common server', () => {
  const tl = timelineOf(join(repoRoot, 'samples/wirestep-sample.pcap'));
  const two = tl.connections.slice(0, 2);
  const lanes = laneOrder(two);
  assert.deepEqual(lanes, [two[0]!.client, two[1]!.client, two[0]!.server]);
  assert.equal(two[0]!.server, two[1]!.server);
  const layout = ladderLayout(two);
  // Rows of both connections interleave in frame order.
  const frames = layout.entries.map((e) => (e.kind === 'row' ? e.row.frame : -1));
  assert.deepEqual(
    frames,
    [...frames].sort((a, b) => a - b),
  );
  assert.equal(frames.length, two[0]!.rows.length + two[1]!.rows.length);
  const second = layout.entries.find((e) => e.kind === 'row' && e.conn === 1);
  assert.ok(
    second &&
      second.kind === 'row' &&
      (second.from === 1 || second.to === 1) &&
      (second.from === 2 || second.to === 2),
  );
});

test('merged client ports: twenty polling connections take two lanes, not twenty-one', () => {
  const tl = timelineOf(join(repoRoot, 'samples/recordings/polling-vs-websocket.pcap'));
  const conns = tl.connections;
  assert.equal(conns.length, 21);
  assert.equal(endpointLaneCount(conns), 22, 'one lane per endpoint: 21 client ports + the server');
  const merged = ladderLayout(conns, { mergeClients: true });
  assert.deepEqual(merged.lanes, ['127.0.0.1:*', conns[0]!.server]);
  assert.deepEqual(
    merged.laneInfo.map((l) => [l.client, l.server, l.ports]),
    [
      [true, false, 21],
      [false, true, 0],
    ],
  );
  // Every row still goes between the client host's lane and the server's, in its direction.
  for (const e of merged.entries) {
    if (e.kind !== 'row') continue;
    assert.deepEqual(e.row.dir === 0 ? [e.from, e.to] : [e.to, e.from], [0, 1]);
  }
  const separate = ladderLayout(conns);
  assert.equal(separate.lanes.length, 22);
  assert.deepEqual(
    separate.entries.map((e) => (e.kind === 'row' ? e.row.frame : -1)),
    merged.entries.map((e) => (e.kind === 'row' ? e.row.frame : -1)),
    'the same rows in the same order either way',
  );
});

test('a client endpoint that is also a server keeps its own lane when ports merge', () => {
  const base = timelineOf(join(repoRoot, 'samples/wirestep-sample.pcap')).connections[0]!;
  const a = { ...base, client: '10.0.0.1:5000', server: '10.0.0.2:80' };
  const b = { ...base, client: '10.0.0.2:80', server: '10.0.0.3:443' };
  const c = { ...base, client: '[::1]:40000', server: '[::1]:8080' };
  assert.deepEqual(laneOrder([a, b, c], true), [
    '10.0.0.1:*',
    '10.0.0.2:80',
    '[::1]:*',
    '10.0.0.3:443',
    '[::1]:8080',
  ]);
  assert.equal(hostLane('[::1]:40000'), '[::1]:*');
});

function row(over: Partial<LadderRow>): LadderRow {
  return {
    frame: 1,
    time: 0,
    epoch: 0,
    dir: 0,
    flags: TcpFlag.ACK,
    seq: 0,
    ack: 0,
    relSeq: 1,
    relAck: 1,
    len: 0,
    window: 0,
    windowSize: 0,
    analysis: 0,
    statesBefore: ['ESTABLISHED', 'ESTABLISHED'],
    states: ['ESTABLISHED', 'ESTABLISHED'],
    linkHeader: 14,
    ipHeader: 20,
    tcpHeader: 20,
    labels: [],
    ...over,
  };
}

test('glyphs for retransmission, dup ack, zero window, RST and diagnostics; arrow classes', () => {
  assert.deepEqual(rowGlyphs(row({})), []);
  assert.deepEqual(
    rowGlyphs(row({ analysis: Analysis.RETRANSMISSION })).map((g) => g.kind),
    ['retransmission'],
  );
  assert.deepEqual(
    rowGlyphs(row({ analysis: Analysis.FAST_RETRANSMISSION | Analysis.DUPLICATE_ACK })).map((g) => g.kind),
    ['retransmission', 'dup-ack'],
  );
  assert.deepEqual(
    rowGlyphs(row({ analysis: Analysis.ZERO_WINDOW })).map((g) => g.kind),
    ['zero-window'],
  );
  assert.deepEqual(
    rowGlyphs(row({ flags: TcpFlag.RST | TcpFlag.ACK, diagnostics: ['x.y'] })).map((g) => g.kind),
    ['rst', 'diagnostic'],
  );
  assert.equal(arrowClass(row({ flags: TcpFlag.RST })), 'rst');
  assert.equal(arrowClass(row({ flags: TcpFlag.SYN })), 'syn');
  assert.equal(arrowClass(row({ flags: TcpFlag.FIN | TcpFlag.ACK })), 'fin');
  assert.equal(arrowClass(row({ len: 10 })), 'data');
  assert.equal(arrowClass(row({})), 'ack');
});

test('rst-abort capture: the RST row gets the rst glyph', () => {
  const tl = timelineOf(fixture('rst-abort'));
  const rst = tl.connections.flatMap((c) => c.rows).filter((r) => r.flags & TcpFlag.RST);
  assert.ok(rst.length > 0);
  for (const r of rst) assert.equal(rowGlyphs(r)[0]!.kind, 'rst');
});

test('label layout: repeated app labels fold with a count; text is clipped to the room between lanes', () => {
  const r = row({
    labels: [1, 2, 3].map((i) => ({ kind: 'http-response' as const, text: '404 Not Found', ref: i })),
  });
  assert.equal(appLabel(r), '404 Not Found ×3');
  assert.equal(
    appLabel(
      row({
        labels: [
          { kind: 'ws-frame', text: 'Ping', ref: 0 },
          { kind: 'ws-frame', text: 'WS Text "a"', ref: 1 },
        ],
      }),
    ),
    'Ping · WS Text "a"',
  );
  assert.equal(fitText('SYN seq=0 len=0', 1000), 'SYN seq=0 len=0');
  assert.equal(fitText('abcdefghij', 35, 7), 'abcd…');
  // Never splits a surrogate pair.
  assert.equal(fitText('😀😀😀😀', 21, 7), '😀😀…');
  const z = zigzag(0, 40, 10, 5, 10);
  assert.match(z, /^M0,10L5\.0,5\.0L15\.0,15\.0/);
  assert.ok(z.endsWith('L40,10'));
});
