// What each export item produces, as (file name, Blob): the pure builders of core/export plus the
// ladder serialisation. Kept apart from the menu component so it can be tested and reused.

import { toHar } from '../../../../core/export/har.ts';
import { toMermaid } from '../../../../core/export/mermaid.ts';
import { analysisJsonOf } from '../../../../core/export/analysis-json.ts';
import {
  framesOfConnections,
  selectedConnectionsPcapng,
  type ExportFrame,
} from '../../../../core/export/pcapng.ts';
import type { CaptureModel } from '../../model.ts';
import { exportName } from './download.ts';
import { serializeLadderSvg, svgToPng } from './svg-export.ts';

export type ExportKind = 'svg' | 'png' | 'mermaid' | 'har' | 'json' | 'pcapng';
export const EXPORT_KINDS: ExportKind[] = ['svg', 'png', 'mermaid', 'har', 'json', 'pcapng'];

export interface ExportFile {
  name: string;
  blob: Blob;
}

export type ReadFrames = (frames: number[]) => Promise<ExportFrame[]>;

export async function buildExport(
  kind: ExportKind,
  model: CaptureModel,
  selected: readonly number[],
  readFrames?: ReadFrames,
): Promise<ExportFile> {
  const ids = selected.length ? selected : model.connections.map((c) => c.id);
  const suffix = selected.length === 1 ? `-conn${selected[0]}` : '';
  const name = (ext: string) => exportName(model.name, `${suffix}${ext}`);
  switch (kind) {
    case 'svg': {
      const svg = serializeLadderSvg();
      if (svg === null) throw new Error('export.noLadder');
      return { name: name('-ladder.svg'), blob: new Blob([svg], { type: 'image/svg+xml' }) };
    }
    case 'png': {
      const svg = serializeLadderSvg();
      if (svg === null) throw new Error('export.noLadder');
      return { name: name('-ladder.png'), blob: await svgToPng(svg) };
    }
    case 'mermaid': {
      const chosen = model.timeline.connections.filter((c) => ids.includes(c.id));
      // One diagram is a .mmd file; several go into Markdown, one fenced mermaid block each.
      if (chosen.length === 1)
        return {
          name: name('.mmd'),
          blob: new Blob([toMermaid(chosen[0]!)], { type: 'text/plain;charset=utf-8' }),
        };
      const text = chosen
        .map((c) => `## Connection ${c.id}\n\n\`\`\`mermaid\n${toMermaid(c)}\`\`\`\n`)
        .join('\n');
      return { name: name('-ladder.md'), blob: new Blob([text], { type: 'text/markdown;charset=utf-8' }) };
    }
    case 'har':
      return {
        name: name('.har'),
        blob: new Blob([JSON.stringify(toHar(model, { connections: ids }), null, 2)], {
          type: 'application/json',
        }),
      };
    case 'json':
      return {
        name: name('.analysis.json'),
        blob: new Blob(
          [
            JSON.stringify(
              analysisJsonOf(model.summary, model.connections, selected.length ? selected : undefined),
              null,
              2,
            ),
          ],
          { type: 'application/json' },
        ),
      };
    case 'pcapng': {
      if (!readFrames) throw new Error('export.noFrames');
      const frames = await readFrames(framesOfConnections(model.connections, ids));
      const bytes = selectedConnectionsPcapng(frames, { comment: `Wirestep export of ${model.name}` });
      return {
        name: name('.pcapng'),
        blob: new Blob([bytes as BlobPart], { type: 'application/octet-stream' }),
      };
    }
  }
}
