// Runs a corpus capture through the reader, decoder, TCP tracker and one Http1Parser per
// connection, and lines up the frames that complete HTTP messages with tshark 4.0's
// http.request.method / http.response.code columns (expected/<file>.tsv).
import { readFileSync } from 'node:fs';
import { createCaptureReader } from '../../../core/capture-file/open-capture.ts';
import { decodePacket } from '../../../core/decode/decode-packet.ts';
import { TcpTracker } from '../../../core/tcp/index.ts';
import { Http1Parser } from '../../../core/dissect/http1/index.ts';
import type { HttpExchange } from '../../../core/dissect/http1/index.ts';
import { parseTsv } from '../../helpers/tshark.ts';

export interface HttpFrames {
  /** frame → "GET" / "101" ... in completion order, joined with ','. */
  requests: Map<number, string>;
  responses: Map<number, string>;
  parsers: Map<number, Http1Parser>;
  handoffs: { conn: number; kind: 'upgrade' | 'tunnel'; x: HttpExchange; leftoverBytes: [number, number] }[];
}

function add(m: Map<number, string>, frame: number | null, v: string): void {
  if (frame === null) return;
  const cur = m.get(frame);
  m.set(frame, cur === undefined ? v : `${cur},${v}`);
}

export function ourHttp(file: string): HttpFrames {
  const out: HttpFrames = { requests: new Map(), responses: new Map(), parsers: new Map(), handoffs: [] };
  const switched = new Set<number>();
  const parserFor = (id: number): Http1Parser => {
    let p = out.parsers.get(id);
    if (p === undefined) {
      p = new Http1Parser({
        exchange(x, which) {
          if (which === 'request' && x.request?.complete)
            add(out.requests, x.request.frame, x.request.method);
          if (which === 'response' && x.response?.headersComplete)
            add(out.responses, x.response.frame, String(x.response.status));
          if (which === 'interim') {
            const r = x.interim[x.interim.length - 1]!;
            add(out.responses, r.frame, String(r.status));
          }
        },
        upgrade(x, l) {
          switched.add(id);
          out.handoffs.push({
            conn: id,
            kind: 'upgrade',
            x,
            leftoverBytes: [count(l[0]!.chunks), count(l[1]!.chunks)],
          });
        },
        tunnel(x, l) {
          switched.add(id);
          out.handoffs.push({
            conn: id,
            kind: 'tunnel',
            x,
            leftoverBytes: [count(l[0]!.chunks), count(l[1]!.chunks)],
          });
        },
      });
      out.parsers.set(id, p);
    }
    return p;
  };
  const tracker = new TcpTracker({
    data(conn, dir, chunk) {
      parserFor(conn.id).push(dir, chunk);
    },
    gap(conn, dir, offset, length, frame) {
      parserFor(conn.id).gap(dir, offset, length, frame);
    },
    end(conn, dir, reason, frame) {
      parserFor(conn.id).end(dir, reason, frame);
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
  for (const p of out.parsers.values()) p.finish();
  return out;
}

function count(chunks: { data: Uint8Array }[]): number {
  return chunks.reduce((n, c) => n + c.data.length, 0);
}

/** tshark's per-frame HTTP columns (frames without HTTP are absent). */
export function tsharkHttp(tsv: string): { requests: Map<number, string>; responses: Map<number, string> } {
  const requests = new Map<number, string>();
  const responses = new Map<number, string>();
  for (const row of parseTsv(tsv)) {
    const frame = Number(row['frame.number']);
    if (row['http.request.method']) requests.set(frame, row['http.request.method']);
    if (row['http.response.code']) responses.set(frame, row['http.response.code']);
  }
  return { requests, responses };
}
