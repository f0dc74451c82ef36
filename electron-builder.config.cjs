// electron-builder 26.17 configuration (`npx electron-builder --config electron-builder.config.cjs`).
// Not runnable on the development machine (no Electron binary, no network): see
// native-notes/packaging.md for the build on a networked machine and how to check the result.
/* global module, require */
'use strict';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ELECTRON_FUSES } = require('./build/fuses.cjs');

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.wirestep.app',
  productName: 'Wirestep',
  copyright: 'MIT licensed',
  electronVersion: '45.5.0',
  directories: { output: 'release', buildResources: 'build' },
  // package.json's `main` for the packaged app: the bundled main process (build/bundle-electron.mjs).
  extraMetadata: { main: 'out/electron/main.mjs' },
  files: [
    'package.json',
    'dist/**/*',
    'renderer/dist/**/*',
    'out/electron/**/*',
    '!**/*.map',
    '!**/*.{ts,tsx}',
  ],
  // The demo lab's recordings, played without capture rights: plain files in <resources>/recordings
  // (electron/main/recordings.ts), read by main with ordinary fs calls rather than through app.asar.
  // (The renderer's own copy in renderer/dist/recordings serves the guided tours.)
  extraResources: [{ from: 'samples/recordings', to: 'recordings', filter: ['*.pcap'] }],
  asar: true,
  // A .node addon cannot be dlopen()ed from inside an archive: cap.node lives in app.asar.unpacked.
  asarUnpack: ['**/*.node'],
  // Rebuild cap against Electron 45's headers in the staging copy (never the working tree).
  npmRebuild: true,
  buildDependenciesFromSource: false,
  electronFuses: ELECTRON_FUSES,
  fileAssociations: [
    {
      ext: 'pcap',
      name: 'pcap capture',
      description: 'Packet capture (pcap)',
      role: 'Viewer',
      mimeType: 'application/vnd.tcpdump.pcap',
    },
    {
      ext: 'pcapng',
      name: 'pcapng capture',
      description: 'Packet capture (pcapng)',
      role: 'Viewer',
      mimeType: 'application/x-pcapng',
    },
  ],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network',
    executableName: 'wirestep',
    synopsis: 'See what TCP, HTTP and WebSocket do on the wire',
  },
  // cap links libpcap dynamically.
  deb: { depends: ['libpcap0.8'] },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { writeUpdateInfo: false },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
