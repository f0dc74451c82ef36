// The Electron entry (bundled to out/electron/main.mjs by build/bundle-electron.mjs). The only
// file that touches the real `electron` module; everything else takes it as an `ElectronMain`.
// Layout at run time (packaged: inside app.asar):
//   <app>/renderer/dist/index.html          the renderer
//   <app>/out/electron/main.mjs             this file, bundled
//   <app>/out/electron/preload.cjs          the sandboxed preload (CommonJS, one file)
//   <app>/out/electron/capture-agent.mjs    electron/capture/agent.ts, run as a utilityProcess
//   <resources>/recordings/*.pcap           the demo recordings, outside the archive (packaged;
//                                           unpackaged: <app>/samples/recordings)
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDevOrigin } from './app-location.ts';
import { runApp } from './app.ts';
import type { ElectronMain } from './electron-api.ts';
import { nodeFileAccess } from './file-access.ts';
import { interfacesFromOs } from './interfaces.ts';
import { jsonRecentStore } from './recent-files.ts';
import { recordingsDir } from './recordings.ts';
import { utilityAgentLauncher } from './utility-agent.ts';

// A variable specifier: the `electron` package is not a dependency in development (its launcher
// needs Node >= 22.12), so tsc must not try to resolve it; Electron provides it at run time.
const ELECTRON_MODULE = 'electron';
const electron = (await import(ELECTRON_MODULE)) as unknown as ElectronMain;
const { app } = electron;

const here = dirname(fileURLToPath(import.meta.url));
const indexFile = join(app.getAppPath(), 'renderer', 'dist', 'index.html');
// Only an unpackaged run may point the window at a dev server, and only on loopback.
const devOrigin = app.isPackaged ? undefined : parseDevOrigin(process.env.WIRESTEP_DEV_SERVER);

let captureDir: string | null = null;
let captureCount = 0;

await runApp(electron, {
  location: { indexUrl: pathToFileURL(indexFile).href, devOrigin },
  indexFile,
  preloadPath: join(here, 'preload.cjs'),
  argv: process.argv,
  cwd: process.cwd(),
  platform: process.platform,
  files: nodeFileAccess,
  recentStore: (() => {
    const dir = app.getPath('userData');
    mkdirSync(dir, { recursive: true });
    return jsonRecentStore(join(dir, 'recent-files.json'), { readFileSync, writeFileSync });
  })(),
  launchAgent: utilityAgentLauncher(electron.utilityProcess, join(here, 'capture-agent.mjs')),
  newCaptureFile() {
    // A private folder (mkdtemp: mode 0700 on POSIX) per app run; unsaved captures stay there for the OS to clean.
    captureDir ??= mkdtempSync(join(app.getPath('temp'), 'wirestep-captures-'));
    captureCount += 1;
    return join(captureDir, `capture-${captureCount}.pcapng`);
  },
  listInterfaces: async () => interfacesFromOs(networkInterfaces(), process.platform),
  recordingsDir: recordingsDir({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
  }),
  // The Vite dev server's own traffic is noise in a loopback capture.
  excludePorts: devOrigin ? [Number(new URL(devOrigin).port)] : [],
});
