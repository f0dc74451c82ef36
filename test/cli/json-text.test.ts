// The --json writer streams the document in pieces, with flat objects of lists on one line. Its
// content must be exactly what JSON.stringify makes of toAnalysisJson (same values, same key
// order) on every corpus capture and test capture, and it must get through files and
// non-blocking pipes whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeBytes } from '../../core/analyze.ts';
import { toAnalysisJson, toAnalysisJsonStream } from '../../core/analysis-json.ts';
import { FdWriter, jsonText, writeJson } from '../../cli/json-text.ts';
import { corpusDir, corpusFiles, repoRoot } from '../helpers/tshark.ts';

const captureDir = join(repoRoot, 'test/fixtures/captures');
const captures = [
  ...corpusFiles().map((f) => join(corpusDir, f)),
  ...(existsSync(captureDir) ? readdirSync(captureDir).filter((f) => /\.pcap(ng)?$/.test(f)) : []).map((f) =>
    join(captureDir, f),
  ),
  join(repoRoot, 'samples/wirestep-sample.pcap'),
];

function streamedText(value: unknown): string {
  const out: string[] = [];
  writeJson(value, (s) => out.push(s));
  return out.join('');
}

test('streamed --json content equals JSON.stringify(toAnalysisJson) on every capture', () => {
  assert.ok(captures.length > 10, 'corpus present');
  for (const file of captures) {
    const result = analyzeBytes(readFileSync(file));
    const reference = JSON.stringify(toAnalysisJson(result));
    const text = streamedText(toAnalysisJsonStream(result));
    // Same values and the same key order.
    assert.equal(JSON.stringify(JSON.parse(text)), reference, file);
  }
});

test('layout: plain lists and plain objects in lists on one line, the rest indented', () => {
  function* lazy() {
    yield { a: 1, b: 'x' };
    yield { nested: [1, 2] };
  }
  function* none() {}
  const text = jsonText({
    n: [1, 2, 3],
    rows: [{ a: 1, b: null }, { c: true }],
    lazy: lazy(),
    none: none(),
    e: {},
    u: undefined,
    z: [],
  });
  assert.equal(
    text,
    [
      '{',
      ' "n": [1,2,3],',
      ' "rows": [',
      '  {"a":1,"b":null},',
      '  {"c":true}',
      ' ],',
      ' "lazy": [',
      '  {"a":1,"b":"x"},',
      '  {',
      '   "nested": [1,2]',
      '  }',
      ' ],',
      ' "none": [],',
      ' "e": {},',
      ' "z": []',
      '}',
      '',
    ].join('\n'),
  );
  assert.deepEqual(JSON.parse(text).rows, [{ a: 1, b: null }, { c: true }]);
});

test('FdWriter: small batches to a file give the whole text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirestep-json-'));
  const path = join(dir, 'out.json');
  const fd = openSync(path, 'w');
  const w = new FdWriter(fd, 10);
  const value = { s: 'ünïcode ✓ 𝄞', list: Array.from({ length: 500 }, (_, i) => ({ i, t: `row ${i}` })) };
  writeJson(value, w.write);
  w.flush();
  closeSync(fd);
  assert.equal(readFileSync(path, 'utf8'), jsonText(value));
});

test('FdWriter: a non-blocking pipe read slowly still gets every byte (EAGAIN retried)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirestep-json-'));
  const child = join(dir, 'child.ts');
  writeFileSync(
    child,
    [
      `import { FdWriter } from ${JSON.stringify(join(repoRoot, 'cli/json-text.ts'))};`,
      // Creating process.stdout puts a pipe on fd 1 into non-blocking mode.
      'void process.stdout;',
      'const w = new FdWriter(1);',
      "for (let i = 0; i < 200000; i++) w.write(`line ${i} ${'x'.repeat(20)}\\n`);",
      'w.flush();',
    ].join('\n'),
  );
  const r = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx "${child}" | (sleep 0.3; cat)`], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines.length, 200001);
  assert.equal(lines[199999], `line 199999 ${'x'.repeat(20)}`);
});

test('wirestep analyze --json through a pipe matches the in-process document', () => {
  const file = join(corpusDir, 'ws-sv-browser-basic.pcap');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'cli/wirestep.ts'), 'analyze', file, '--json'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  assert.equal(r.status, 0, r.stderr);
  const reference = JSON.stringify(toAnalysisJson(analyzeBytes(readFileSync(file))));
  assert.equal(JSON.stringify(JSON.parse(r.stdout)), reference);
  assert.match(
    r.stdout,
    /\n {5}\{"frame":\d+,"from":"client","fin":true,"opcode":\d+,"masked":true,"length":\d+\},?\n/,
  );
});
