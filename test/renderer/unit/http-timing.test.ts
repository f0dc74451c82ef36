// Timing phases of the HTTP view from real captures: connect, request sent, waiting, receiving,
// close, each between the capture frames that bound it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeBytes } from '../../../core/analyze.ts';
import { buildTimeline } from '../../../core/timeline/index.ts';
import { fixture } from '../../timeline/helpers.ts';
import { barBoxes, exchangeTimings, timingExtent } from '../../../renderer/src/views/http/http-timing.ts';
import type { ConnectionModel } from '../../../renderer/src/model.ts';

function load(name: string) {
  const result = analyzeBytes(new Uint8Array(readFileSync(fixture(name))), { rows: true });
  const timeline = buildTimeline(result);
  return result.connections.map((c, i) => ({
    model: { id: c.tcp.id, tcp: c.tcp, dissection: c.dissection } as ConnectionModel,
    tl: timeline.connections[i]!,
  }));
}

const at = (tl: { rows: { frame: number; time: number }[] }, f: number) =>
  tl.rows.find((r) => r.frame === f)!.time;

test('http10-short: connect 1→3, sent 4→4, waiting 4→6, receiving 6→8, close 8→10', () => {
  const [{ model, tl }] = load('http10-short');
  const [x] = exchangeTimings(model!, tl!);
  assert.deepEqual(
    x!.phases.map((p) => `${p.kind} ${p.fromFrame}→${p.toFrame}`),
    ['connect 1→3', 'sent 4→4', 'waiting 4→6', 'receiving 6→8', 'close 8→10'],
  );
  const waiting = x!.phases.find((p) => p.kind === 'waiting')!;
  assert.ok(Math.abs(waiting.end - waiting.start - (at(tl!, 6) - at(tl!, 4))) < 1e-12);
  assert.equal(x!.start, at(tl!, 1));
  assert.equal(x!.end, at(tl!, 10));
  assert.equal(x!.requestBytes, 51);
  assert.equal(x!.responseBytes, 136);
});

test('keep-alive: only the first exchange has connect, only the last one close', () => {
  const [{ model, tl }] = load('http11-keepalive-3');
  const xs = exchangeTimings(model!, tl!);
  assert.equal(xs.length, 3);
  assert.deepEqual(
    xs.map((x) => x.phases.map((p) => p.kind).join(',')),
    ['connect,sent,waiting,receiving', 'sent,waiting,receiving', 'sent,waiting,receiving,close'],
  );
  for (const x of xs) for (const p of x.phases) assert.ok(p.end >= p.start);
  // Exchanges follow each other.
  assert.ok(xs[1]!.start! >= xs[0]!.phases.find((p) => p.kind === 'receiving')!.end);
});

test('bar boxes are fractions of a shared extent', () => {
  const [{ model, tl }] = load('http11-keepalive-3');
  const xs = exchangeTimings(model!, tl!);
  const ext = timingExtent(xs)!;
  assert.equal(ext[0], xs[0]!.start);
  assert.equal(ext[1], xs[2]!.end);
  const first = barBoxes(xs[0]!, ext);
  assert.equal(first[0]!.kind, 'connect');
  assert.equal(first[0]!.left, 0);
  const last = barBoxes(xs[2]!, ext);
  const close = last[last.length - 1]!;
  assert.ok(Math.abs(close.left + close.width - 1) < 1e-9);
  for (const b of [...first, ...last]) assert.ok(b.left >= 0 && b.width >= 0 && b.left + b.width <= 1 + 1e-9);
  assert.equal(timingExtent([]), null);
});

test('websocket upgrade: the 101 exchange has connect/sent/waiting/receiving but no close (the socket lives on)', () => {
  const [{ model, tl }] = load('websocket-close');
  const xs = exchangeTimings(model!, tl!);
  assert.equal(xs.length, 1);
  assert.equal(xs[0]!.exchange.status, 101);
  const kinds = xs[0]!.phases.map((p) => p.kind);
  assert.deepEqual(kinds, ['connect', 'sent', 'waiting', 'receiving']);
});
