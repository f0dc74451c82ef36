// Test helper: analyse a capture file the way the app does (rows on, every record kept) and build
// each frame's field tree with its context.
import { readFileSync } from 'node:fs';
import { Analyzer, type AnalysisResult } from '../../core/analyze.ts';
import { buildFieldTree, frameContext, findRow, type FieldNode } from '../../core/detail/index.ts';

export interface KeptFrame {
  frame: number;
  data: Uint8Array;
  linkType: number;
  epoch: number;
  capturedLength: number;
  originalLength: number;
  connection: number;
}

export interface AnalysedCapture {
  result: AnalysisResult;
  frames: KeptFrame[];
  tree(frame: number): FieldNode[];
}

export function analyseFile(path: string): AnalysedCapture {
  const frames: KeptFrame[] = [];
  const a = new Analyzer({
    rows: true,
    onPacket(_pkt, rec) {
      frames.push({
        frame: rec.frame,
        data: rec.data.slice(),
        linkType: rec.linkType,
        epoch: rec.tsSec + rec.tsNsec / 1e9,
        capturedLength: rec.capturedLength,
        originalLength: rec.originalLength,
        connection: -1,
      });
    },
  });
  a.push(readFileSync(path));
  const result = a.end();
  for (const c of result.connections) for (const f of c.tcp.frames) frames[f - 1]!.connection = c.tcp.id;
  return {
    result,
    frames,
    tree(frame) {
      const k = frames[frame - 1]!;
      const conn = k.connection >= 0 ? result.connections[k.connection]! : null;
      const row = conn?.rows ? findRow(conn.rows, frame) : null;
      return buildFieldTree({ ...k, context: conn && row ? frameContext(conn, row) : undefined });
    },
  };
}

export function printTree(nodes: FieldNode[], depth = 0): string {
  return nodes
    .map(
      (n) =>
        `${'  '.repeat(depth)}${n.key} [${n.start},${n.end}) ${n.label}${n.diagnostic ? ` !${n.diagnostic}` : ''}\n${n.children ? printTree(n.children, depth + 1) : ''}`,
    )
    .join('');
}
