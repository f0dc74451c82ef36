import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ELECTRON_FUSES } = require('../../build/fuses.cjs') as { ELECTRON_FUSES: Record<string, boolean> };
const config = require('../../electron-builder.config.cjs') as Record<string, unknown> & {
  fileAssociations: Array<{ ext: string }>;
  linux: { target: string[] };
  mac: { target: string[]; hardenedRuntime: boolean };
  win: { target: string[] };
  files: string[];
  asarUnpack: string[];
  extraMetadata: { main: string };
};

test('fuse settings', () => {
  assert.equal(ELECTRON_FUSES.runAsNode, false);
  assert.equal(ELECTRON_FUSES.enableCookieEncryption, true);
  assert.equal(ELECTRON_FUSES.enableNodeOptionsEnvironmentVariable, false);
  assert.equal(ELECTRON_FUSES.enableNodeCliInspectArguments, false);
  assert.equal(ELECTRON_FUSES.enableEmbeddedAsarIntegrityValidation, true);
  assert.equal(ELECTRON_FUSES.onlyLoadAppFromAsar, true);
  assert.ok(Object.isFrozen(ELECTRON_FUSES));
});

test('the builder config uses exactly these fuses', () => {
  assert.equal(config.electronFuses, ELECTRON_FUSES);
});

test('builder config: identity, Electron version, targets, associations, native unpacking', () => {
  assert.equal(config.productName, 'Wirestep');
  assert.equal(config.appId, 'dev.wirestep.app');
  assert.equal(config.electronVersion, '45.5.0');
  assert.equal(config.asar, true);
  assert.deepEqual(config.asarUnpack, ['**/*.node']);
  assert.deepEqual(
    config.fileAssociations.map((a) => a.ext),
    ['pcap', 'pcapng'],
  );
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.mac.target, ['dmg']);
  assert.equal(config.mac.hardenedRuntime, true);
  assert.deepEqual(config.win.target, ['nsis']);
  for (const f of ['dist/**/*', 'renderer/dist/**/*', 'out/electron/**/*'])
    assert.ok(config.files.includes(f), f);
  assert.equal(config.extraMetadata.main, 'out/electron/main.mjs');
});
