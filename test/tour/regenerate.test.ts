// The tours survive a fresh recording: every tour's capture is made again by the repo's script
// (scripts/make-recordings.ts: the lab scenario run on loopback under tcpdump — real traffic, new
// ports, new ISNs, new timing) into a temporary directory, and each tour resolves every step on it.
// Needs root and tcpdump; skipped with that reason otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tcpdumpAvailable } from '../../lab/tcpdump.ts';
import { isDemoScenario } from '../../lab/demo-scenarios.ts';
import { makeRecording } from '../../scripts/make-recordings.ts';
import { TOURS, resolveTour } from '../../core/tour/index.ts';
import { tourInput } from './tour-input.ts';

const canCapture = tcpdumpAvailable();

test(
  'every tour resolves all its steps on a freshly made recording of its scenario',
  { skip: canCapture ? false : 'needs root and tcpdump to capture loopback traffic', timeout: 180_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirestep-tours-'));
    try {
      const made = new Map<string, string>();
      for (const tour of TOURS) {
        const name = tour.recording;
        assert.ok(isDemoScenario(name), name);
        if (!made.has(name)) made.set(name, await makeRecording(name, dir));
        const input = tourInput(made.get(name)!);
        const r = resolveTour(tour, input);
        assert.deepEqual(r.problems, [], `${tour.id} on a fresh ${name}.pcap`);
        assert.equal(r.steps.length, tour.steps.length);
        // Fresh traffic: the narration quotes the new capture's ports, not the bundled one's.
        const ports = new Set(input.connections.map((c) => c.tcp.client.port));
        for (const s of r.steps)
          if (s.facts.clientPort !== undefined) assert.ok(ports.has(Number(s.facts.clientPort)));
      }
      assert.equal(made.size, new Set(TOURS.map((t) => t.recording)).size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
