// `wirestep analyze` as a user meets it: real processes, real files, exit codes and stderr lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir, repoRoot } from '../helpers/tshark.ts';

function run(args: string[], viaBin = false) {
  const cmd = viaBin
    ? [join(repoRoot, 'bin/wirestep.mjs'), ...args]
    : ['--import', 'tsx', join(repoRoot, 'cli/wirestep.ts'), ...args];
  const r = spawnSync(process.execPath, cmd, { encoding: 'utf8', cwd: repoRoot, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'wirestep-cli-'));
const sample = join(repoRoot, 'samples/wirestep-sample.pcap');

function assertNoStack(stderr: string) {
  assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
}

test('analyze --json prints wirestep.analysis/1 for the bundled sample', () => {
  const r = run(['analyze', sample, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.schema, 'wirestep.analysis/1');
  assert.equal(doc.capture.format, 'pcap');
  assert.deepEqual(doc.capture.linkTypes, [1]);
  assert.ok(doc.capture.packets > 20);
  assert.ok(doc.connections.length >= 5);
  for (const c of doc.connections) {
    assert.match(c.client, /^127\.0\.0\.1:\d+$/);
    assert.match(c.server, /^127\.0\.0\.1:\d+$/);
    assert.ok(Array.isArray(c.frames) && c.frames.length > 0);
    assert.ok(['fin', 'rst', 'none'].includes(c.close.kind));
  }
  // Every packet of the sample is TCP and belongs to exactly one connection.
  const all = doc.connections
    .flatMap((c: { frames: number[] }) => c.frames)
    .sort((a: number, b: number) => a - b);
  assert.deepEqual(
    all,
    Array.from({ length: doc.capture.packets }, (_, i) => i + 1),
  );
  assert.ok(doc.connections.some((c: { close: { kind: string } }) => c.close.kind === 'rst'));
});

test('analyze without --json prints a readable summary', () => {
  const r = run(['analyze', sample]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /wirestep-sample\.pcap: pcap, EN10MB, \d+ packets, \d+ TCP connections/);
  assert.match(r.stdout, /handshake: SYN \d+, SYN-ACK \d+, ACK \d+/);
  assert.match(r.stdout, /close: RST by server/);
});

test(
  'the installed bin runs the built bundle',
  { skip: !existsSync(join(repoRoot, 'dist/cli.mjs')) && 'dist/ not built' },
  () => {
    const r = run(['analyze', sample, '--json'], true);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).schema, 'wirestep.analysis/1');
  },
);

/** One clear line on stderr naming the problem and its byte offset, exit status as documented. */
function assertDamage(file: string, code: number, pattern: RegExp, packets: number) {
  const r = run(['analyze', file, '--json']);
  assertNoStack(r.stderr);
  assert.equal(r.code, code, `exit status for ${file}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line: ${r.stderr}`);
  assert.match(lines[0]!, pattern);
  assert.match(lines[0]!, /byte offset \d+/);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.capture.packets, packets, 'packets before the damage are still reported');
}

test('bad magic: exit 2, one line with offset 0', () => {
  const f = join(tmp, 'not-a-capture.pcap');
  writeFileSync(f, 'hello, this is not a capture file at all\n');
  assertDamage(f, 2, /byte offset 0\b.*capture\.magic\.unknown/, 0);
});

test('truncated last record: exit 2, the packets before it are reported', () => {
  const whole = readFileSync(sample);
  const f = join(tmp, 'cut.pcap');
  writeFileSync(f, whole.subarray(0, whole.length - 10));
  const r = run(['analyze', f, '--json']);
  const doc = JSON.parse(r.stdout);
  const full = JSON.parse(run(['analyze', sample, '--json']).stdout);
  assertDamage(f, 2, /pcap\.record\.truncated/, full.capture.packets - 1);
  assert.equal(doc.capture.error.id, 'pcap.record.truncated');
});

test('absurdly large record length: exit 2 at that record, earlier packets kept', () => {
  assertDamage(
    join(corpusDir, 'bad-sv-corrupt-record-after-6-packets.pcap'),
    2,
    /pcap\.record\.too_large/,
    6,
  );
});

test('pcapng block length mismatch: exit 2 with the block offset', () => {
  assertDamage(
    join(corpusDir, 'bad-libpcap-pcapng-block-len-not-mult4.pcapng'),
    2,
    /pcapng\.block\.length_invalid/,
    0,
  );
  assertDamage(
    join(corpusDir, 'bad-libpcap-pcapng-packet-before-idb.pcapng'),
    2,
    /pcapng\.interface\.unknown/,
    0,
  );
});

test('caplen larger than the snaplen: exit 1 (damaged but read), packet kept', () => {
  assertDamage(join(corpusDir, 'bad-zeek-snaplen1-record.pcap'), 1, /caplen_exceeds_snaplen/, 1);
});

test('truncated file header: exit 2', () => {
  assertDamage(join(corpusDir, 'bad-libpcap-truncated-file-header.pcap'), 2, /capture\.header\.truncated/, 0);
});

test('usage errors and missing files are one line, no stack', () => {
  let r = run(['analyze']);
  assert.equal(r.code, 64);
  assertNoStack(r.stderr);
  r = run(['analyze', join(tmp, 'missing.pcap')]);
  assert.equal(r.code, 66);
  assert.match(r.stderr, /cannot read .*missing\.pcap/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  r = run(['frobnicate']);
  assert.equal(r.code, 64);
  r = run(['analyze', sample, '--bogus']);
  assert.equal(r.code, 64);
});

test('--no-dissect analyses TCP only: same connections, no application layer', () => {
  const full = JSON.parse(run(['analyze', sample, '--json']).stdout);
  const r = run(['analyze', sample, '--json', '--no-dissect']);
  assert.equal(r.code, 0, r.stderr);
  const tcp = JSON.parse(r.stdout);
  assert.deepEqual(
    tcp.connections.map((c: { frames: number[]; close: unknown }) => [c.frames, c.close]),
    full.connections.map((c: { frames: number[]; close: unknown }) => [c.frames, c.close]),
  );
  assert.ok(full.connections.some((c: { application: string }) => c.application === 'websocket'));
  for (const c of tcp.connections) {
    assert.equal(c.application, 'unknown');
    assert.deepEqual(c.http, []);
    assert.equal(c.websocket, null);
  }
});
