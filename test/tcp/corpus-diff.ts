// Shared by the corpus differential test: runs a capture through the reader, the decoder and the
// TCP tracker, and lines our per-frame values up with tshark 4.0's columns in expected/<file>.tsv.
import { readFileSync } from 'node:fs';
import { parseTsv } from '../helpers/tshark.ts';
import { createCaptureReader } from '../../core/capture-file/open-capture.ts';
import { decodePacket } from '../../core/decode/decode-packet.ts';
import { TcpTracker } from '../../core/tcp/index.ts';
import { Analysis } from '../../core/tcp/types.ts';
import type { SegmentInfo } from '../../core/tcp/types.ts';

export const FIELDS = [
  'tcp.stream',
  'tcp.seq',
  'tcp.ack',
  'tcp.analysis.retransmission',
  'tcp.analysis.out_of_order',
] as const;
export type Field = (typeof FIELDS)[number];

export interface FrameValues {
  frame: number;
  values: Record<Field, string>;
}

const ANY_RETRANS = Analysis.RETRANSMISSION | Analysis.FAST_RETRANSMISSION | Analysis.SPURIOUS_RETRANSMISSION;

/** Our values for every TCP frame of the file (frames without TCP are absent). */
export function ourValues(file: string): Map<number, Record<Field, string>> {
  const out = new Map<number, Record<Field, string>>();
  const tracker = new TcpTracker({
    segment(info: SegmentInfo) {
      out.set(info.frame, {
        'tcp.stream': String(info.connection.id),
        'tcp.seq': String(info.relSeq),
        'tcp.ack': String(info.relAck),
        'tcp.analysis.retransmission': info.analysis & ANY_RETRANS ? '1' : '',
        'tcp.analysis.out_of_order': info.analysis & Analysis.OUT_OF_ORDER ? '1' : '',
      });
    },
  });
  const reader = createCaptureReader({
    record(rec) {
      tracker.push(decodePacket(rec), rec.data);
    },
  });
  reader.push(new Uint8Array(readFileSync(file)));
  reader.end();
  tracker.finish();
  return out;
}

/** tshark's values for frames that have a tcp.stream, renumbered without pcapng custom-block rows. */
export function expectedValues(tsv: string): Map<number, Record<Field, string>> {
  const out = new Map<number, Record<Field, string>>();
  let frame = 0;
  for (const row of parseTsv(tsv)) {
    if (row['_ws.col.Protocol'] === 'PCAPNG') continue;
    frame++;
    if ((row['tcp.stream'] ?? '') === '') continue;
    const v = {} as Record<Field, string>;
    // Several occurrences (a TCP header quoted in an ICMP error) are joined with ','; the first is
    // the packet's own.
    for (const f of FIELDS) v[f] = (row[f] ?? '').split(',')[0]!;
    out.set(frame, v);
  }
  return out;
}
