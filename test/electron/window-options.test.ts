import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mainWindowOptions } from '../../electron/main/window-options.ts';

test('every security-relevant webPreference is set to the safe value', () => {
  const wp = mainWindowOptions('/app/out/electron/preload.cjs').webPreferences!;
  assert.equal(wp.contextIsolation, true);
  assert.equal(wp.sandbox, true);
  assert.equal(wp.nodeIntegration, false);
  assert.equal(wp.nodeIntegrationInWorker, false);
  assert.equal(wp.nodeIntegrationInSubFrames, false);
  assert.equal(wp.webSecurity, true);
  assert.equal(wp.allowRunningInsecureContent, false);
  assert.equal(wp.experimentalFeatures, false);
  assert.equal(wp.webviewTag, false);
  assert.equal(wp.navigateOnDragDrop, false);
  assert.equal(wp.spellcheck, false);
  assert.equal(wp.preload, '/app/out/electron/preload.cjs');
  assert.equal('enableBlinkFeatures' in wp, false, 'enableBlinkFeatures must not be set at all');
});

test('devTools only when asked (unpackaged runs), window hidden until ready-to-show', () => {
  assert.equal(mainWindowOptions('/p').webPreferences!.devTools, false);
  assert.equal(mainWindowOptions('/p', { devTools: true }).webPreferences!.devTools, true);
  assert.equal(mainWindowOptions('/p').show, false);
});

test('no unexpected webPreferences keys (a new one must be reviewed and added here)', () => {
  const keys = Object.keys(mainWindowOptions('/p').webPreferences!).sort();
  assert.deepEqual(keys, [
    'allowRunningInsecureContent',
    'contextIsolation',
    'devTools',
    'experimentalFeatures',
    'navigateOnDragDrop',
    'nodeIntegration',
    'nodeIntegrationInSubFrames',
    'nodeIntegrationInWorker',
    'preload',
    'safeDialogs',
    'sandbox',
    'spellcheck',
    'webSecurity',
    'webviewTag',
  ]);
});
