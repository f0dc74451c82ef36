// A tour that does not fit the capture says which step failed, with stable ids: no packet for a
// target (tour.step.unresolved), a placeholder with no value (tour.fact.missing). Templates fill
// into text and marked parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillTemplate, placeholders, resolveTour, tourById, type TourDef } from '../../core/tour/index.ts';
import { recordingPath } from '../../lab/recordings.ts';
import { tourInput } from './tour-input.ts';

test('fillTemplate keeps quoted values as marked parts; missing ones stay visible and are listed', () => {
  const r = fillTemplate('ack {ack}, seq {seq}; {nope}.', { ack: 1, seq: 52 });
  assert.equal(r.text, 'ack 1, seq 52; {nope}.');
  assert.deepEqual(r.parts, [
    'ack ',
    { fact: 'ack', value: '1' },
    ', seq ',
    { fact: 'seq', value: '52' },
    '; ',
    '{nope}',
    '.',
  ]);
  assert.deepEqual(r.missing, ['nope']);
  assert.deepEqual(placeholders('{a} {b} {a}'), ['a', 'b']);
});

test('targets with no match are reported per step as tour.step.unresolved', () => {
  const tour = tourById('websocket-life')!;
  const r = resolveTour(tour, tourInput(recordingPath('http10-short')));
  assert.equal(r.steps.length, 0);
  assert.deepEqual(
    r.problems.map((p) => [p.id, p.step]),
    tour.steps.map((s) => ['tour.step.unresolved', s.id]),
  );
});

test('a placeholder the packet has no value for is reported as tour.fact.missing', () => {
  const tour: TourDef = {
    ...tourById('socket-api')!,
    steps: [
      {
        id: 'syn-with-close-code',
        view: 'steps',
        target: { connection: { application: 'http' }, packet: { kind: 'syn' } },
        text: { en: 'SYN {seq} {closeCode}', zh: 'SYN {seq}' },
      },
    ],
  };
  const r = resolveTour(tour, tourInput(recordingPath('http10-short')));
  assert.equal(r.steps.length, 1);
  assert.equal(r.steps[0]!.narration.en, 'SYN 0 {closeCode}');
  assert.deepEqual(
    r.problems.map((p) => [p.id, p.step]),
    [['tour.fact.missing', 'syn-with-close-code']],
  );
});

test('nth counts from the end when negative; a connection index past the end resolves to nothing', () => {
  const input = tourInput(recordingPath('polling-vs-websocket'));
  const base = tourById('polling-overhead')!;
  const mk = (nth: number): TourDef => ({
    ...base,
    steps: [
      {
        id: 'x',
        view: 'ladder',
        target: { connection: { application: 'http', nth }, packet: { kind: 'syn' } },
        text: { en: '{conn}', zh: '{conn}' },
      },
    ],
  });
  const http = input.connections.filter((c) => c.dissection.application === 'http');
  assert.equal(resolveTour(mk(-1), input).steps[0]!.connection, http.at(-1)!.id);
  assert.equal(resolveTour(mk(0), input).steps[0]!.connection, http[0]!.id);
  assert.equal(resolveTour(mk(http.length), input).problems[0]!.id, 'tour.step.unresolved');
});
