// renderLadder details on hand-made timelines: arrows and lanes, analysis markers, idle gaps,
// states in the margins, separators; plus markers on a real capture with retransmissions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analysisMarkers, flagsText, renderLadder } from '../../core/timeline/ladder-text.ts';
import type { ConnectionTimeline, LadderRow, Phase } from '../../core/timeline/types.ts';
import { Analysis } from '../../core/tcp/types.ts';
import { corpusDir } from '../helpers/tshark.ts';
import { timelineOf } from './helpers.ts';

function row(over: Partial<LadderRow>): LadderRow {
  return {
    frame: 1,
    time: 0,
    epoch: 1000,
    dir: 0,
    flags: 0x10,
    seq: 0,
    ack: 0,
    relSeq: 1,
    relAck: 1,
    len: 0,
    window: 100,
    windowSize: 100,
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

function conn(rows: LadderRow[], phases: Phase[] = []): ConnectionTimeline {
  return {
    id: 7,
    client: '10.0.0.1:5000',
    server: '10.0.0.2:80',
    application: 'http',
    rows,
    phases,
    metrics: {
      packets: rows.length,
      handshakes: 0,
      initialRtt: null,
      duration: rows.length ? rows[rows.length - 1]!.time - rows[0]!.time : 0,
      maxIdle: 0,
      roundTrips: 0,
      tcpIpHeaderBytes: 0,
      httpHeaderBytes: 0,
      wsHeaderBytes: 0,
      payloadBytes: 0,
      httpExchanges: 0,
      wsMessages: 0,
    },
  };
}

test('flags read in tshark order', () => {
  assert.equal(flagsText(0x02), 'SYN');
  assert.equal(flagsText(0x12), 'SYN, ACK');
  assert.equal(flagsText(0x18), 'PSH, ACK');
  assert.equal(flagsText(0x11), 'FIN, ACK');
  assert.equal(flagsText(0x19), 'FIN, PSH, ACK');
  assert.equal(flagsText(0x04), 'RST');
  assert.equal(flagsText(0xc2), 'SYN, ECE, CWR');
  assert.equal(flagsText(0), '<none>');
});

test('client rows point right, server rows point left, between the two lanes', () => {
  const text = renderLadder(
    conn([row({ frame: 1 }), row({ frame: 2, dir: 1, time: 0.0015, len: 5, flags: 0x18 })]),
    { width: 40 },
  );
  const lines = text.split('\n');
  const a = lines.find((l) => l.trimStart().startsWith('1 '))!;
  const b = lines.find((l) => l.trimStart().startsWith('2 '))!;
  assert.match(a, /^ {5}1 {7}0\.000 {2}\|─+ ACK seq=1 ack=1 len=0 ─+>\|$/);
  assert.match(b, /^ {5}2 {7}1\.500 {2}\|<─+ PSH, ACK seq=1 ack=1 len=5 ─+\|$/);
  // Both lanes at the same columns on every row.
  assert.equal(a.indexOf('|'), b.indexOf('|'));
  assert.equal(a.lastIndexOf('|'), b.lastIndexOf('|'));
  assert.equal(a.lastIndexOf('|') - a.indexOf('|'), 41);
  assert.match(lines[0]!, /^Connection 7: 10\.0\.0\.1:5000 → 10\.0\.0\.2:80, http, 2 packets in 1\.500 ms$/);
});

test('a SYN has no ack= and shows its options', () => {
  const text = renderLadder(
    conn([row({ flags: 0x02, relSeq: 0, mss: 1460, windowScale: 7, sackPermitted: true })]),
  );
  assert.match(text, /─ SYN seq=0 len=0 ─.*>\| {2}MSS=1460 {2}wscale=7 {2}SACK_PERM$/m);
});

test('SACK blocks are shown relative, like ack', () => {
  const text = renderLadder(conn([row({ ack: 5000, relAck: 1000, sack: [[6000, 7000]] })]));
  assert.match(text, /SACK 2000-3000$/m);
});

test('analysis markers', () => {
  assert.deepEqual(analysisMarkers(row({ analysis: Analysis.RETRANSMISSION, retransmissionOf: 4 })), [
    '[retransmission of 4]',
  ]);
  assert.deepEqual(analysisMarkers(row({ analysis: Analysis.FAST_RETRANSMISSION })), [
    '[fast retransmission]',
  ]);
  assert.deepEqual(
    analysisMarkers(row({ analysis: Analysis.SPURIOUS_RETRANSMISSION | Analysis.RETRANSMISSION })),
    ['[spurious retransmission]'],
  );
  assert.deepEqual(analysisMarkers(row({ analysis: Analysis.DUPLICATE_ACK, dupAckOf: 9, dupAckCount: 2 })), [
    '[dup ack #2 of 9]',
  ]);
  assert.deepEqual(analysisMarkers(row({ analysis: Analysis.ZERO_WINDOW | Analysis.OUT_OF_ORDER })), [
    '[out-of-order]',
    '[zero window]',
  ]);
  assert.deepEqual(analysisMarkers(row({ analysis: Analysis.LOST_SEGMENT | Analysis.KEEP_ALIVE })), [
    '[previous segment not captured]',
    '[keep-alive]',
  ]);
  assert.deepEqual(analysisMarkers(row({})), []);
});

test('labels and markers follow the arrow; repeated labels are counted', () => {
  const r = row({
    analysis: Analysis.RETRANSMISSION,
    retransmissionOf: 3,
    labels: [
      { kind: 'http-response', text: '404 Not Found', ref: 0 },
      { kind: 'http-response', text: '404 Not Found', ref: 1 },
      { kind: 'http-response', text: '200 OK', ref: 2 },
    ],
  });
  assert.match(renderLadder(conn([r])), /\| {2}404 Not Found ×2 {2}200 OK {2}\[retransmission of 3\]$/m);
});

test('diagnostic ids pinned to a row follow its markers', () => {
  const r = row({
    analysis: Analysis.OUT_OF_ORDER,
    diagnostics: ['ws.frame.control_too_long', 'ws.frame.length_not_minimal'],
  });
  assert.match(
    renderLadder(conn([r])),
    /\| {2}\[out-of-order\] {2}\[ws\.frame\.control_too_long\] {2}\[ws\.frame\.length_not_minimal\]$/m,
  );
});

test('silences over a second are marked between the lanes', () => {
  const text = renderLadder(
    conn([row({ frame: 1 }), row({ frame: 2, time: 0.9 }), row({ frame: 3, time: 3.4 })]),
  );
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes('idle'));
  assert.ok(i > 0);
  assert.match(lines[i]!, /^ +\| +··· 2\.500 s idle ··· +\|$/);
  assert.match(lines[i - 1]!, /^ +2 +900\.000 /);
  assert.match(lines[i + 1]!, /^ +3 +3400\.000 /);
  assert.equal(text.split('idle ···').length - 1, 1, 'the 0.9 s gap is not marked');
});

test('states in the margins, printed when they change', () => {
  const rows = [
    row({ frame: 1, flags: 0x02, statesBefore: ['CLOSED', 'LISTEN'], states: ['SYN-SENT', 'SYN-RECEIVED'] }),
    row({ frame: 2, dir: 1, flags: 0x12, states: ['ESTABLISHED', 'SYN-RECEIVED'] }),
    row({ frame: 3, states: ['ESTABLISHED', 'ESTABLISHED'] }),
    row({ frame: 4, states: ['ESTABLISHED', 'ESTABLISHED'] }),
  ];
  const lines = renderLadder(conn(rows), { showStates: true }).split('\n');
  assert.ok(lines.some((l) => /^ +CLOSED \| +\| LISTEN$/.test(l)));
  assert.match(
    lines.find((l) => /^ +1 /.test(l))!,
    /SYN-SENT \|.*\| SYN-RECEIVED$/,
  );
  assert.match(
    lines.find((l) => /^ +2 /.test(l))!,
    /ESTABLISHED \|.*\|$/,
  );
  assert.match(
    lines.find((l) => /^ +3 /.test(l))!,
    /0\.000 +\|.*\| ESTABLISHED$/,
  );
  assert.match(
    lines.find((l) => /^ +4 /.test(l))!,
    /0\.000 +\|.*\|$/,
  );
  assert.doesNotMatch(renderLadder(conn(rows)), /ESTABLISHED/);
});

test('phase separators come before the row where the phase starts; many pipelined exchanges share one', () => {
  const phase = (kind: Phase['kind'], label: string, firstFrame: number, exchange?: number): Phase => ({
    kind,
    label,
    firstFrame,
    lastFrame: firstFrame,
    start: 0,
    end: 0,
    ...(exchange === undefined ? {} : { exchange }),
  });
  const rows = [row({ frame: 1 }), row({ frame: 2 }), row({ frame: 3 })];
  const ex = [0, 1, 2, 3].map((i) => phase('http-exchange', `GET /${i} → 200`, 2, i));
  const lines = renderLadder(
    conn(rows, [
      phase('tcp-handshake', 'SYN, SYN-ACK, ACK', 1),
      ...ex,
      phase('tcp-teardown', 'FIN from client', 3),
    ]),
  ).split('\n');
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
  assert.ok(at(/^── TCP handshake \(SYN, SYN-ACK, ACK\) ─+$/) < at(/^ +1 /));
  assert.ok(at(/^── HTTP exchanges 1-4: 4 pipelined requests ─+$/) > at(/^ +1 /));
  assert.ok(at(/^── HTTP exchanges 1-4/) < at(/^ +2 /));
  assert.ok(at(/^── TCP teardown \(FIN from client\) ─+$/) === at(/^ +3 /) - 1);
  const three = renderLadder(conn(rows, ex.slice(0, 3)));
  assert.match(three, /^── HTTP exchange 1: GET \/0 → 200 ─+$/m);
  assert.match(three, /^── HTTP exchange 3: GET \/2 → 200 ─+$/m);
});

test('a connection with no rows still renders a header and metrics', () => {
  const text = renderLadder(conn([]));
  assert.match(text, /0 packets in 0\.000 ms/);
  assert.match(text, /^bytes: TCP\/IP headers 0/m);
});

const corpus = (f: string) => join(corpusDir, f);
const haveCorpus = existsSync(corpus('tcp-zeek-fast-retransmit.pcap')) ? false : 'corpus not present';

test('corpus: retransmission and dup-ack markers on the frames tshark flags', { skip: haveCorpus }, () => {
  const text = renderLadder(timelineOf(corpus('tcp-zeek-fast-retransmit.pcap')).connections[0]!);
  const line = (f: number) => text.split('\n').find((l) => new RegExp(`^ +${f} `).test(l))!;
  assert.match(line(29), /\[dup ack #1 of 28\]/);
  assert.match(line(31), /\[dup ack #3 of 28\]/);
  assert.match(line(32), /\[fast retransmission of 14\]/);
  assert.match(line(34), /\[retransmission of 20\]/);
});

test('corpus: a fragmented WebSocket reply, coalesced in one segment', { skip: haveCorpus }, () => {
  const c = timelineOf(corpus('ws-zeek-fragmented-reply.pcap')).connections[0]!;
  const labels = c.rows.find((r) => r.frame === 13)!.labels;
  assert.deepEqual(
    labels.map((l) => [l.kind, l.text]),
    [
      ['ws-frame', 'WS Binary fragment 1 B'],
      ['ws-frame', 'Continuation 7 B'],
      ['ws-frame', 'Continuation 9 B'],
      ['ws-frame', 'Continuation 18 B'],
      ['ws-message', 'Continuation → WS Binary 56 B'],
    ],
  );
});

test(
  'corpus: TLS ClientHello with SNI on the first client data row; a tls phase',
  { skip: haveCorpus },
  () => {
    const c = timelineOf(corpus('tls-zeek-tls13-sll2.pcap')).connections[0]!;
    assert.deepEqual(c.rows.find((r) => r.frame === 4)!.labels, [
      { kind: 'tls-client-hello', text: 'TLS ClientHello SNI=zeek.org', ref: 0 },
    ]);
    assert.deepEqual(
      c.phases.map((p) => p.kind),
      ['tcp-handshake', 'tls'],
    );
  },
);

test(
  'corpus: a non-WebSocket upgrade continues as opaque data; long idle gaps are marked',
  { skip: haveCorpus },
  () => {
    const t = timelineOf(corpus('http-zeek-docker-upgrade-not-websocket.pcap'));
    const c = t.connections[1]!;
    assert.deepEqual(c.phases.map((p) => p.kind).slice(0, 3), ['tcp-handshake', 'upgrade', 'data']);
    assert.match(c.phases[1]!.label, /→ 101 tcp$/);
    assert.match(renderLadder(t.connections[0]!), /··· 15\.003 s idle ···/);
  },
);
