// Test helper: a capture analysed into the same shape the renderer's CaptureModel has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../core/analyze.ts';
import { buildTimeline } from '../../core/timeline/build-timeline.ts';
import type { ExportFrame } from '../../core/export/index.ts';
import { repoRoot } from '../helpers/tshark.ts';

export const fixture = (f: string) => join(repoRoot, 'test', 'fixtures', 'captures', f);

export function model(path: string) {
  const frames: ExportFrame[] = [];
  const a = new Analyzer({
    rows: true,
    onPacket(_p, rec) {
      frames.push({
        frame: rec.frame,
        epoch: rec.tsSec + rec.tsNsec / 1e9,
        tsSec: rec.tsSec,
        tsNsec: rec.tsNsec,
        data: rec.data.slice(),
        originalLength: rec.originalLength,
        linkType: rec.linkType,
      });
    },
  });
  a.push(readFileSync(path));
  const result = a.end();
  const timeline = buildTimeline(result);
  return {
    result,
    frames,
    summary: result.capture,
    timeline,
    connections: result.connections.map((c) => ({ id: c.tcp.id, tcp: c.tcp, dissection: c.dissection })),
  };
}
