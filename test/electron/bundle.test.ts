// Builds the real bundles (build/bundle-electron.mjs) and runs them: main.mjs under Node with a
// fake `electron` module, preload.cjs in a bare vm context whose only `require` is `electron` —
// what a sandboxed preload gets.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'wirestep-bundle-'));
after(() => rmSync(out, { recursive: true, force: true }));
execFileSync(process.execPath, [join(root, 'build/bundle-electron.mjs'), '--outdir', out], { cwd: root });

test('the bundled main starts the app against the Electron API', () => {
  const hooks = join(root, 'test/fixtures/electron/electron-hooks.mjs');
  const stdout = execFileSync(process.execPath, ['--import', hooks, join(out, 'main.mjs'), 'nothing.txt'], {
    env: { ...process.env, FAKE_ELECTRON_DIR: out, FAKE_ELECTRON_APP: '/app' },
    encoding: 'utf8',
  });
  const line = stdout.split('\n').find((l) => l.startsWith('REPORT '));
  assert.ok(line, stdout);
  const report = JSON.parse(line.slice(7));
  assert.equal(report.lock, 1);
  assert.equal(report.csp, true);
  assert.equal(report.permissions, true);
  assert.deepEqual(report.loaded, ['/app/renderer/dist/index.html']);
  assert.equal(report.windows.length, 1);
  assert.equal(report.windows[0].webPreferences.sandbox, true);
  assert.equal(report.windows[0].webPreferences.preload, join(out, 'preload.cjs'));
  assert.equal(report.channels.length, 11);
  assert.ok(report.channels.includes('demo:open-recording'));
  assert.deepEqual(report.menu, ['File', 'editMenu', 'Capture', 'View', 'Help']);
  assert.ok(report.events.includes('open-file') && report.events.includes('second-instance'));
});

test('the bundled preload needs only require("electron") and exposes the API', () => {
  const code = readFileSync(join(out, 'preload.cjs'), 'utf8');
  const exposed: Array<[string, object]> = [];
  const required: string[] = [];
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (k: string, api: object) => exposed.push([k, api]) },
    ipcRenderer: { invoke: async () => null, on() {}, removeListener() {} },
  };
  const module = { exports: {} };
  const require = (id: string) => {
    required.push(id);
    if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
    return fakeElectron;
  };
  vm.runInNewContext(code, { require, module, exports: module.exports });
  assert.deepEqual(required, ['electron']);
  assert.equal(exposed.length, 1);
  assert.equal(exposed[0]![0], 'wirestep');
  assert.ok(Object.keys(exposed[0]![1]).includes('readChunk'));
  assert.ok(Object.keys(exposed[0]![1]).includes('openRecording'));
});
