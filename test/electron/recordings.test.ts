// Where the desktop app finds the demo recordings, and that packaging ships them there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGED_RECORDINGS_FOLDER, recordingFile, recordingsDir } from '../../electron/main/recordings.ts';
import { DEMO_SCENARIO_NAMES } from '../../lab/demo-scenarios.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const config = require('../../electron-builder.config.cjs') as {
  extraResources?: Array<{ from: string; to: string; filter?: string[] }>;
  files: string[];
};

test('unpackaged: the repository samples/recordings; packaged: <resources>/recordings, outside app.asar', () => {
  assert.equal(
    recordingsDir({ isPackaged: false, appPath: '/home/u/wirestep' }),
    join('/home/u/wirestep', 'samples', 'recordings'),
  );
  assert.equal(
    recordingsDir({
      isPackaged: true,
      appPath: '/opt/Wirestep/resources/app.asar',
      resourcesPath: '/opt/Wirestep/resources',
    }),
    join('/opt/Wirestep/resources', 'recordings'),
  );
  // Without process.resourcesPath (never in Electron, but the bundle test runs under Node).
  assert.equal(
    recordingsDir({ isPackaged: true, appPath: '/Applications/Wirestep.app/Contents/Resources/app.asar' }),
    join('/Applications/Wirestep.app/Contents/Resources', 'recordings'),
  );
  assert.equal(recordingFile('/r', 'http-reset'), join('/r', 'http-reset.pcap'));
});

test('the builder config copies every bundled recording to where the packaged app looks', () => {
  const entries = (config.extraResources ?? []).filter((e) => e.from === 'samples/recordings');
  assert.equal(entries.length, 1, 'samples/recordings is an extraResources entry');
  const entry = entries[0]!;
  assert.equal(entry.to, PACKAGED_RECORDINGS_FOLDER);
  // Not excluded from the files either way, and the filter keeps each scenario's .pcap.
  const shipped = readdirSync(join(root, entry.from)).filter((name) =>
    (entry.filter ?? ['**/*']).some((glob) => matchesGlob(name, glob)),
  );
  for (const name of DEMO_SCENARIO_NAMES) assert.ok(shipped.includes(`${name}.pcap`), name);
  // Where main resolves them in the packaged layout: <resources>/<to>/<scenario>.pcap.
  const resources = '/opt/Wirestep/resources';
  assert.equal(
    recordingFile(recordingsDir({ isPackaged: true, appPath: join(resources, 'app.asar') }), 'http10-short'),
    join(resources, entry.to, 'http10-short.pcap'),
  );
});

/** electron-builder's filters are minimatch globs; these are single-segment ones ('*.pcap', '**\/*'). */
function matchesGlob(name: string, glob: string): boolean {
  if (glob === '**/*' || glob === '*') return true;
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  return re.test(name);
}
