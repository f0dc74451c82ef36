// Reads many frames' bytes from the capture file for an export (R3): the worker answers
// `{type:'frames', frames}` with this. Frames are read in file order, several at a time: records
// close together in the file come from one slice (up to 4 MiB), so exporting a connection of
// 10,000 packets costs a few reads, not 20,000.

import type { ExportFrame } from '../../../core/export/pcapng.ts';
import type { PacketListRow } from '../model.ts';
import { frameDataOffset, readBlockType } from './frame-bytes.ts';

/** What frames are read from: a Blob (File) or the worker's ByteSource (workers/byte-source.ts). */
export type FrameBytes = Blob | { size: number; read(start: number, end: number): Promise<Uint8Array> };

function readRange(file: FrameBytes, start: number, end: number): Promise<Uint8Array> {
  if ('read' in file) return file.read(start, end);
  return file
    .slice(start, end)
    .arrayBuffer()
    .then((b) => new Uint8Array(b));
}

const WINDOW = 4 * 1024 * 1024;
/** Largest pcapng block header before the packet data (EPB: 28 bytes). */
const MAX_HEADER = 28;

export interface FrameSource {
  format: 'pcap' | 'pcapng' | null;
  byteOrder: 'le' | 'be' | null;
  packets: readonly PacketListRow[];
}

export async function readFrames(
  file: FrameBytes,
  source: FrameSource,
  frames: readonly number[],
): Promise<ExportFrame[]> {
  const rows = frames
    .map((f) => source.packets[f - 1])
    .filter((r): r is PacketListRow => r !== undefined)
    .sort((a, b) => a.fileOffset - b.fileOffset);
  const le = source.byteOrder !== 'be';
  const out: ExportFrame[] = [];
  let i = 0;
  while (i < rows.length) {
    const start = rows[i]!.fileOffset;
    let end = start;
    let j = i;
    // Take records while the window stays under WINDOW (a single huge record gets its own read).
    while (j < rows.length) {
      const r = rows[j]!;
      const recEnd = r.fileOffset + MAX_HEADER + r.capturedLength;
      if (j > i && recEnd - start > WINDOW) break;
      end = Math.max(end, recEnd);
      j++;
    }
    const buf = await readRange(file, start, Math.min(end, file.size));
    for (let k = i; k < j; k++) {
      const r = rows[k]!;
      const at = r.fileOffset - start;
      const head = buf.subarray(at, at + 4);
      const dataAt = at + frameDataOffset(source.format, readBlockType(head, le));
      const data = buf.slice(dataAt, dataAt + r.capturedLength);
      out.push({
        frame: r.frame,
        epoch: r.epoch,
        data,
        originalLength: Math.max(r.length, data.length),
        linkType: r.linkType,
      });
    }
    i = j;
  }
  return out.sort((a, b) => a.frame - b.frame);
}
