// Test helper: a capture file → the TourInput the renderer's model gives (timeline + connections).
import { readFileSync } from 'node:fs';
import { analyzeBytes } from '../../core/analyze.ts';
import { buildTimeline } from '../../core/timeline/index.ts';
import type { TourInput } from '../../core/tour/index.ts';

export function tourInput(file: string): TourInput {
  const r = analyzeBytes(new Uint8Array(readFileSync(file)), { rows: true });
  return {
    timeline: buildTimeline(r),
    connections: r.connections.map((c) => ({ id: c.tcp.id, tcp: c.tcp, dissection: c.dissection })),
  };
}
