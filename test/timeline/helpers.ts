// Shared by the timeline tests: analyse a capture with rows, and read the same capture through
// tshark as an independent reference.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../core/analyze.ts';
import { buildTimeline } from '../../core/timeline/build-timeline.ts';
import type { Timeline } from '../../core/timeline/types.ts';
import { repoRoot, tsharkFields, type Row } from '../helpers/tshark.ts';

export const capturesDir = join(repoRoot, 'test/fixtures/captures');

export function fixture(name: string): string {
  return join(capturesDir, `${name}.pcap`);
}

export function timelineOf(file: string): Timeline {
  return buildTimeline(analyzeBytes(new Uint8Array(readFileSync(file)), { rows: true }));
}

/** Frames of one TCP stream as tshark sees them. */
export function tsharkStream(file: string, stream: number, fields: string[], filter?: string): Row[] {
  return tsharkFields(
    file,
    ['frame.number', ...fields],
    `tcp.stream == ${stream}${filter ? ` && (${filter})` : ''}`,
  );
}

export function num(v: string | undefined): number {
  return v === undefined || v === '' ? 0 : Number(v);
}
