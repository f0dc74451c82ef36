// The RFC 9293 state diagram's geometry and edge lookup: every transition core/tcp's state machine
// can produce (all states × all flag combinations × ACK coverage) has a connected route of edges,
// the RFC figure's 20 transitions are all drawn, and every fixture step's transition resolves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { nextStates } from '../../../core/tcp/state-machine.ts';
import { TcpFlag } from '../../../core/decode/types.ts';
import type { TcpState } from '../../../core/tcp/types.ts';
import { analyzeBytes } from '../../../core/analyze.ts';
import { buildSteps } from '../../../core/step/index.ts';
import {
  EDGES,
  NODES,
  HEIGHT,
  WIDTH,
  NODE_W,
  NODE_H,
  routeFor,
  nodeFor,
  edgeGeometry,
  nodeById,
} from '../../../renderer/src/views/state-machine/diagram-layout.ts';
import { hasBeenOpen, sideView } from '../../../renderer/src/views/steps/step-data.ts';

const STATES: TcpState[] = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

function assertRoute(from: TcpState, to: TcpState, where: string): void {
  const r = routeFor(from, to);
  assert.ok(r && r.length > 0, `no edge for ${from} → ${to} (${where})`);
  // The route is connected and starts/ends at boxes of those states.
  assert.equal(nodeById(r[0]!.from).state, from, `${from} → ${to} starts at ${r[0]!.from}`);
  assert.equal(nodeById(r[r.length - 1]!.to).state, to, `${from} → ${to} ends at ${r[r.length - 1]!.to}`);
  for (let i = 1; i < r.length; i++) assert.equal(r[i - 1]!.to, r[i]!.from, `${from} → ${to} is connected`);
}

test('every transition the TCP state machine can infer has a route of diagram edges', () => {
  const flagSets: number[] = [];
  const bits = [TcpFlag.SYN, TcpFlag.ACK, TcpFlag.FIN, TcpFlag.RST];
  for (let m = 0; m < 16; m++) flagSets.push(bits.reduce((f, b, i) => (m & (1 << i) ? f | b : f), 0));
  const seen = new Set<string>();
  for (const c of STATES)
    for (const s of STATES)
      for (const direction of [0, 1] as const)
        for (const flags of flagSets)
          for (const ackCoversSyn of [false, true])
            for (const ackCoversFin of [false, true]) {
              const before: [TcpState, TcpState] = [c, s];
              const after = nextStates(before, { direction, flags, ackCoversSyn, ackCoversFin });
              for (const i of [0, 1]) {
                if (before[i] === after[i]) continue;
                seen.add(`${before[i]}>${after[i]}`);
                assertRoute(before[i]!, after[i]!, `flags ${flags} dir ${direction}`);
              }
            }
  // The exhaustive walk really exercised the machine (handshake, close and RST moves).
  for (const k of [
    'CLOSED>SYN-SENT',
    'FIN-WAIT-1>TIME-WAIT',
    'ESTABLISHED>CLOSED',
    'LAST-ACK>CLOSED',
    'CLOSING>TIME-WAIT',
  ])
    assert.ok(seen.has(k), k);
});

test('the RFC figure 5 transitions are all drawn, not as hidden extras', () => {
  const rfc: Array<[string, string]> = [
    ['CLOSED', 'LISTEN'],
    ['LISTEN', 'CLOSED'],
    ['CLOSED', 'SYN-SENT'],
    ['LISTEN', 'SYN-RECEIVED'],
    ['LISTEN', 'SYN-SENT'],
    ['SYN-SENT', 'SYN-RECEIVED'],
    ['SYN-RECEIVED', 'LISTEN'],
    ['SYN-SENT', 'CLOSED'],
    ['SYN-RECEIVED', 'ESTABLISHED'],
    ['SYN-SENT', 'ESTABLISHED'],
    ['SYN-RECEIVED', 'FIN-WAIT-1'],
    ['ESTABLISHED', 'FIN-WAIT-1'],
    ['ESTABLISHED', 'CLOSE-WAIT'],
    ['FIN-WAIT-1', 'FIN-WAIT-2'],
    ['FIN-WAIT-1', 'CLOSING'],
    ['CLOSE-WAIT', 'LAST-ACK'],
    ['FIN-WAIT-2', 'TIME-WAIT'],
    ['CLOSING', 'TIME-WAIT'],
    ['LAST-ACK', 'CLOSED-END'],
    ['TIME-WAIT', 'CLOSED-END'],
  ];
  for (const [from, to] of rfc) {
    const e = EDGES.filter((x) => x.from === from && x.to === to && !x.extra);
    assert.equal(e.length, 1, `${from} → ${to}`);
  }
  assert.equal(EDGES.filter((e) => !e.extra).length, 20);
  assert.equal(new Set(EDGES.map((e) => e.id)).size, EDGES.length, 'edge ids are unique');
});

test('boxes lie inside the view box without overlapping; edges have geometry', () => {
  assert.equal(new Set(NODES.map((n) => n.id)).size, NODES.length);
  for (const n of NODES) {
    assert.ok(n.x - NODE_W / 2 >= 0 && n.x + NODE_W / 2 <= WIDTH, n.id);
    assert.ok(n.y - NODE_H / 2 >= 0 && n.y + NODE_H / 2 <= HEIGHT, n.id);
  }
  for (const a of NODES)
    for (const b of NODES)
      if (a !== b)
        assert.ok(Math.abs(a.x - b.x) >= NODE_W || Math.abs(a.y - b.y) >= NODE_H, `${a.id} / ${b.id}`);
  for (const e of EDGES) {
    const g = edgeGeometry(e);
    assert.match(g.d, /^M[\d.-]+,[\d.-]+[LQ]/, e.id);
    assert.ok(g.lx >= 0 && g.lx <= WIDTH && g.ly >= 0 && g.ly <= HEIGHT, `${e.id} label inside`);
  }
});

test('lookups: direct, two-move and RST routes; CLOSED box before and after the connection', () => {
  assert.deepEqual(
    routeFor('CLOSED', 'SYN-SENT')!.map((e) => e.id),
    ['active-open'],
  );
  assert.deepEqual(
    routeFor('FIN-WAIT-1', 'TIME-WAIT')!.map((e) => e.id),
    ['fw1-ack', 'fw2-fin'],
  );
  assert.deepEqual(
    routeFor('ESTABLISHED', 'CLOSED')!.map((e) => e.id),
    ['rst-established'],
  );
  assert.deepEqual(
    routeFor('LAST-ACK', 'CLOSED')!.map((e) => e.id),
    ['last-ack-ack'],
  );
  assert.deepEqual(routeFor('ESTABLISHED', 'ESTABLISHED'), []);
  assert.equal(routeFor('TIME-WAIT', 'SYN-SENT'), null);
  assert.equal(nodeFor('CLOSED', false), 'CLOSED');
  assert.equal(nodeFor('CLOSED', true), 'CLOSED-END');
  assert.equal(nodeFor('LISTEN', true), 'LISTEN');
});

test('every fixture capture step: its transitions resolve and the highlighted box is its state', () => {
  const dir = join(import.meta.dirname, '../../fixtures/captures');
  let transitions = 0;
  for (const f of readdirSync(dir).filter((n) => /\.pcap(ng)?$/.test(n))) {
    const r = analyzeBytes(new Uint8Array(readFileSync(join(dir, f))), { rows: true });
    const steps = buildSteps(r);
    steps.forEach((s, i) => {
      for (const tr of s.transition) {
        transitions++;
        assertRoute(tr.from, tr.to, `${f} frame ${s.frame}`);
      }
      for (const side of [0, 1] as const) {
        const v = sideView(steps, i, side);
        assert.equal(nodeById(v.current).state, s.states[side], `${f} frame ${s.frame} side ${side}`);
        const mine = s.transition.filter((t) => t.side === (side === 0 ? 'client' : 'server'));
        if (mine.length) assert.equal(v.taken[v.taken.length - 1]!.to, v.current, `${f} frame ${s.frame}`);
      }
    });
  }
  assert.ok(transitions > 20, `saw ${transitions} transitions`);
});

test('http10-short: client SYN-SENT after step 1, server (closed first) TIME-WAIT at the end', () => {
  const path = join(import.meta.dirname, '../../fixtures/captures/http10-short.pcap');
  const steps = buildSteps(analyzeBytes(new Uint8Array(readFileSync(path)), { rows: true }));
  assert.equal(sideView(steps, 0, 0).current, 'SYN-SENT');
  assert.deepEqual(
    sideView(steps, 0, 0).taken.map((e) => e.id),
    ['active-open'],
  );
  assert.equal(sideView(steps, 0, 1).current, 'SYN-RECEIVED');
  const end = steps.length - 1;
  assert.equal(sideView(steps, end, 1).current, 'TIME-WAIT');
  // The client closed second: CLOSED, the bottom box (it has been open).
  assert.equal(sideView(steps, end, 0).current, 'CLOSED-END');
  assert.equal(hasBeenOpen(steps, 0, 0), true);
});
