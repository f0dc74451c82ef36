// The text ladder of each loopback fixture against its reviewed golden file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderLadder } from '../../core/timeline/ladder-text.ts';
import { repoRoot } from '../helpers/tshark.ts';
import { checkGolden, textDiff } from './golden.ts';
import { fixture, timelineOf } from './helpers.ts';

export const GOLDEN_CAPTURES: Record<string, string> = {
  'http10-short': fixture('http10-short'),
  'http10-short-ipv6': fixture('http10-short-ipv6'),
  'http11-keepalive-3': fixture('http11-keepalive-3'),
  'http11-pipelining': fixture('http11-pipelining'),
  'rst-abort': fixture('rst-abort'),
  'websocket-close': fixture('websocket-close'),
  'websocket-deflate': fixture('websocket-deflate'),
  'wirestep-sample': join(repoRoot, 'samples/wirestep-sample.pcap'),
};

/** What `wirestep ladder FILE --states` prints. */
export function ladderText(file: string): string {
  return timelineOf(file)
    .connections.map((c) => renderLadder(c, { showStates: true }))
    .join('\n');
}

for (const [name, file] of Object.entries(GOLDEN_CAPTURES)) {
  test(`ladder golden: ${name}`, () => {
    const problem = checkGolden('ladder', name, ladderText(file));
    if (problem) assert.fail(problem);
  });
}

test('rendering is deterministic', () => {
  const file = GOLDEN_CAPTURES['websocket-close']!;
  assert.equal(ladderText(file), ladderText(file));
});

test('a changed line shows up in the failure message as a diff', () => {
  const diff = textDiff('a\nb\nc\n', 'a\nB\nc\n', 'ladder/self-test');
  assert.match(diff, /^-b$/m);
  assert.match(diff, /^\+B$/m);
});
