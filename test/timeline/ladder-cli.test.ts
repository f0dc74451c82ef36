// `wirestep ladder` as a user runs it: a real process, stdout equal to the reviewed golden,
// usage errors that list the valid connection ids, exit statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/tshark.ts';
import { idRanges } from '../../cli/ladder-command.ts';
import { goldenPath, updating } from './golden.ts';
import { fixture } from './helpers.ts';

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'cli/wirestep.ts'), ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test(
  'ladder FILE --connection 0 --states prints the golden ladder',
  { skip: updating ? 'rewriting goldens' : false },
  () => {
    const r = run(['ladder', fixture('websocket-close'), '--connection', '0', '--states']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, readFileSync(goldenPath('ladder', 'websocket-close'), 'utf8'));
  },
);

test('ladder FILE prints every connection, in order, separated by a blank line', () => {
  const r = run(['ladder', join(repoRoot, 'samples/wirestep-sample.pcap')]);
  assert.equal(r.code, 0, r.stderr);
  const heads = r.stdout.split('\n').filter((l) => l.startsWith('Connection '));
  assert.deepEqual(
    heads.map((h) => Number(/^Connection (\d+):/.exec(h)![1])),
    [0, 1, 2, 3, 4, 5],
  );
  assert.match(r.stdout, /payload \d+\n\nConnection 1: /);
  assert.doesNotMatch(r.stdout, /ESTABLISHED/, 'states only with --states');
});

test('ladder --connection=N and --width', () => {
  const r = run(['ladder', fixture('http10-short'), '--connection=0', '--width', '30']);
  assert.equal(r.code, 0, r.stderr);
  const arrow = r.stdout.split('\n').find((l) => /^ +1 /.test(l))!;
  assert.equal(arrow.lastIndexOf('|') - arrow.indexOf('|'), 31);
});

test('a connection that does not exist is a usage error listing the valid ids', () => {
  const r = run(['ladder', join(repoRoot, 'samples/wirestep-sample.pcap'), '--connection', '6']);
  assert.equal(r.code, 64);
  assert.equal(r.stdout, '');
  assert.match(
    r.stderr,
    /^wirestep: ladder: no connection 6 in '.*wirestep-sample\.pcap' \(valid ids: 0-5\)\n$/,
  );
});

test('bad arguments are usage errors; a missing file cannot be opened', () => {
  for (const args of [
    ['ladder'],
    ['ladder', 'x.pcap', '--connection'],
    ['ladder', 'x.pcap', '--connection', '-1'],
    ['ladder', 'x.pcap', '--bogus'],
    ['ladder', 'a', 'b'],
  ]) {
    const r = run(args);
    assert.equal(r.code, 64, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^wirestep: ladder: /);
  }
  const r = run(['ladder', join(repoRoot, 'no-such-file.pcap')]);
  assert.equal(r.code, 66);
  assert.match(r.stderr, /cannot read/);
});

test('help lists the ladder command', () => {
  const r = run(['help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^ {2}ladder FILE \[--connection N\]/m);
});

test('idRanges compresses runs', () => {
  assert.equal(idRanges([0, 1, 2, 3, 4, 7, 9, 10]), '0-4, 7, 9-10');
  assert.equal(idRanges([3]), '3');
  assert.equal(idRanges([]), '');
});
