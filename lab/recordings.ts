// Where the bundled recordings live (samples/recordings/<scenario>.pcap): made by
// scripts/make-recordings.ts, played by the demo lab without capture rights, walked by the tours.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoScenarioName } from './demo-scenarios.ts';

export function recordingsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'samples', 'recordings');
}

export function recordingPath(name: DemoScenarioName, dir = recordingsDir()): string {
  return join(dir, `${name}.pcap`);
}
