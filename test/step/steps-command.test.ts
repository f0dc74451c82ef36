// `wirestep steps` as a user meets it: a real process, both languages, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/tshark.ts';

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'cli/wirestep.ts'), ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
    maxBuffer: 1 << 26,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const short = join(repoRoot, 'test/fixtures/captures/http10-short.pcap');

test('steps prints every packet with title, annotation, states and socket calls', () => {
  const r = run(['steps', short]);
  assert.equal(r.code, 0, r.stderr);
  const blocks = r.stdout.trim().split('\n\n');
  assert.equal(blocks.length, 10);
  assert.match(
    blocks[0]!,
    /^frame 1 {2}0\.000000s {2}connection 0 {2}client → server\n {2}SYN: the client asks to open a connection\n/,
  );
  assert.match(blocks[0]!, /initial sequence number 3254312710/);
  assert.match(blocks[0]!, /states: client CLOSED → SYN-SENT, server LISTEN → SYN-RECEIVED/);
  assert.match(blocks[0]!, /server listen\(\): /);
  assert.match(blocks[0]!, /spec: RFC 9293 §3\.5/);
  assert.match(blocks[9]!, /states: client LAST-ACK → CLOSED, server TIME-WAIT/);
});

test('steps --lang zh prints Chinese; --connection selects one connection', () => {
  const r = run([
    'steps',
    join(repoRoot, 'samples/wirestep-sample.pcap'),
    '--connection',
    '1',
    '--lang',
    'zh',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /三次握手/);
  assert.match(r.stdout, /套接字调用（推断）/);
  assert.doesNotMatch(r.stdout, /连接 0 /);
  assert.match(r.stdout, /连接 1 /);
});

test('steps --json prints the step list', () => {
  const r = run(['steps', short, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const steps = JSON.parse(r.stdout);
  assert.equal(steps.length, 10);
  assert.equal(steps[0].facts.isn, 3254312710);
  assert.deepEqual(steps[0].transition[0], { side: 'client', from: 'CLOSED', to: 'SYN-SENT' });
});

test('steps: usage errors and unreadable files', () => {
  assert.equal(run(['steps']).code, 64);
  assert.equal(run(['steps', short, '--lang', 'fr']).code, 64);
  assert.equal(run(['steps', short, '--bogus']).code, 64);
  const none = run(['steps', short, '--connection', '7']);
  assert.equal(none.code, 64);
  assert.match(none.stderr, /no connection 7 .*valid ids: 0-0/);
  const missing = run(['steps', join(repoRoot, 'no-such-file.pcap')]);
  assert.equal(missing.code, 66);
  assert.doesNotMatch(missing.stderr, /\n\s+at .+:\d+:\d+/);
});
