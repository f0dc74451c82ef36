// Where the desktop app finds the bundled demo recordings (samples/recordings/<scenario>.pcap, made
// by scripts/make-recordings.ts): played by the demo lab when there are no capture rights. In a
// development run they are in the repository; a packaged app ships them as plain files next to
// app.asar (electron-builder.config.cjs `extraResources` → <resources>/recordings), so main reads
// them with ordinary fs calls and never through the archive.
import { dirname, join } from 'node:path';
import type { DemoScenario } from '../ipc/channels.ts';
import { recordingPath } from '../../lab/recordings.ts';

export interface RecordingsLocation {
  /** app.isPackaged */
  isPackaged: boolean;
  /** app.getAppPath(): the repository when unpackaged; <resources>/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath (Electron only); defaults to the folder holding app.asar. */
  resourcesPath?: string;
}

/** The folder electron-builder's extraResources entry copies samples/recordings to. */
export const PACKAGED_RECORDINGS_FOLDER = 'recordings';

export function recordingsDir(loc: RecordingsLocation): string {
  if (!loc.isPackaged) return join(loc.appPath, 'samples', 'recordings');
  return join(loc.resourcesPath ?? dirname(loc.appPath), PACKAGED_RECORDINGS_FOLDER);
}

/** The recording of a scenario (a name checked against the DemoScenario list, never a path). */
export function recordingFile(dir: string, scenario: DemoScenario): string {
  return recordingPath(scenario, dir);
}
