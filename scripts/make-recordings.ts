// Re-makes the bundled recordings, samples/recordings/<scenario>.pcap, from REAL loopback traffic:
// each demo-lab scenario (lab/demo-scenarios.ts) run once under tcpdump. They are what the demo lab
// plays when there are no capture rights, and what the guided tours walk through.
// Needs root and tcpdump.
//   node --import tsx scripts/make-recordings.ts [--out DIR] [SCENARIO...]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startTcpdump, tcpdumpAvailable } from '../lab/tcpdump.ts';
import { startLabServer } from '../lab/scenarios.ts';
import {
  DEMO_SCENARIOS,
  DEMO_SCENARIO_NAMES,
  isDemoScenario,
  type DemoScenarioName,
} from '../lab/demo-scenarios.ts';
import { recordingsDir } from '../lab/recordings.ts';

/** Runs one scenario under tcpdump and writes DIR/<name>.pcap. */
export async function makeRecording(name: DemoScenarioName, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.pcap`);
  const server = await startLabServer('127.0.0.1');
  try {
    const cap = await startTcpdump(file, `tcp port ${server.port}`);
    try {
      await DEMO_SCENARIOS[name](server);
      // Let the closing FIN/ACKs reach the capture before tcpdump stops.
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await cap.stop();
    }
  } finally {
    await server.close();
  }
  return file;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
  if (!tcpdumpAvailable()) {
    console.error('make-recordings: needs root and tcpdump (apt-get install tcpdump)');
    process.exit(1);
  }
  const bad = positionals.filter((p) => !isDemoScenario(p));
  if (bad.length > 0) {
    console.error(
      `make-recordings: unknown scenario ${bad.join(', ')}; known: ${DEMO_SCENARIO_NAMES.join(', ')}`,
    );
    process.exit(64);
  }
  const names = positionals.length > 0 ? (positionals as DemoScenarioName[]) : DEMO_SCENARIO_NAMES;
  const dir = values.out ?? recordingsDir();
  for (const name of names) console.log(`wrote ${await makeRecording(name, dir)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
