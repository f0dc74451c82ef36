// Electron fuses flipped in the packaged binary (electron-builder `electronFuses`, which runs
// @electron/fuses after packing and before signing). One module so the builder config and
// test/electron/fuses.test.ts read the same values. Why each one: native-notes/packaging.md.
/* global module */
'use strict';

const ELECTRON_FUSES = Object.freeze({
  // The capture agent runs as a utilityProcess, so nothing needs ELECTRON_RUN_AS_NODE; with it on,
  // anyone could use the signed app binary (and any capabilities granted to it) as a Node runtime.
  runAsNode: false,
  enableCookieEncryption: true,
  // NODE_OPTIONS and --inspect would let a launcher inject code into a signed, possibly privileged app.
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  // app.asar is hash-checked at load (macOS; Windows since Electron 30), and only app.asar is loaded.
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  // Left on (Electron's default): the renderer is loaded from file:// and fetches its bundled sample
  // capture with a relative URL, which Chromium's plain file: rules would refuse.
  grantFileProtocolExtraPrivileges: true,
});

module.exports = { ELECTRON_FUSES };
