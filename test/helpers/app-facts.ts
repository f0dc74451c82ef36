// Per-frame application facts (HTTP requests/statuses, WebSocket frame headers, close codes) from
// tshark's fields and from our analysis, in one comparable shape: the two sides of the HTTP/WS
// differential tests.
import { analyzeBytes } from '../../core/analyze.ts';
import type { Row } from './tshark.ts';

export const APP_FIELDS = [
  'frame.number',
  'http.request.method',
  'http.request.uri',
  'http.response.code',
  'websocket.fin',
  'websocket.opcode',
  'websocket.mask',
  'websocket.payload_length',
  'websocket.payload_length_ext_16',
  'websocket.payload_length_ext_64',
  'websocket.payload.close.status_code',
];

export type PerFrame = Map<number, { http: string[]; ws: string[]; close: string[] }>;

function slot(m: PerFrame, frame: number) {
  let s = m.get(frame);
  if (!s) m.set(frame, (s = { http: [], ws: [], close: [] }));
  return s;
}

const split = (v: string | undefined) => (v ? v.split(',') : []);

export function appFactsFromTshark(rows: Row[]): PerFrame {
  const m: PerFrame = new Map();
  rows.forEach((r, i) => {
    const frame = i + 1;
    const methods = split(r['http.request.method']);
    const uris = split(r['http.request.uri']);
    methods.forEach((meth, j) => slot(m, frame).http.push(`${meth} ${uris[j] ?? ''}`));
    for (const code of split(r['http.response.code'])) slot(m, frame).http.push(`status ${code}`);
    const fins = split(r['websocket.fin']);
    const ops = split(r['websocket.opcode']);
    const masks = split(r['websocket.mask']);
    const len7 = split(r['websocket.payload_length']);
    const len16 = split(r['websocket.payload_length_ext_16']);
    const len64 = split(r['websocket.payload_length_ext_64']);
    let i16 = 0;
    let i64 = 0;
    fins.forEach((fin, j) => {
      const l7 = Number(len7[j]);
      const len = l7 === 126 ? Number(len16[i16++]) : l7 === 127 ? Number(len64[i64++]) : l7;
      slot(m, frame).ws.push(
        `fin=${fin === 'True' || fin === '1' ? 1 : 0} op=${Number(ops[j])} mask=${masks[j] === 'True' || masks[j] === '1' ? 1 : 0} len=${len}`,
      );
    });
    for (const code of split(r['websocket.payload.close.status_code'])) slot(m, frame).close.push(code);
  });
  return m;
}

export function ourAppFacts(bytes: Uint8Array): PerFrame {
  const result = analyzeBytes(new Uint8Array(bytes));
  const m: PerFrame = new Map();
  for (const c of result.connections) {
    for (const x of c.dissection.http) {
      if (x.requestFrame !== null && x.method !== null)
        slot(m, x.requestFrame).http.push(`${x.method} ${x.target}`);
      for (const i of x.interim) if (i.frame !== null) slot(m, i.frame).http.push(`status ${i.status}`);
      if (x.responseFrame !== null && x.status !== null)
        slot(m, x.responseFrame).http.push(`status ${x.status}`);
    }
    const ws = c.dissection.websocket;
    if (!ws) continue;
    for (const f of ws.frames) {
      slot(m, f.frame).ws.push(
        `fin=${f.fin ? 1 : 0} op=${f.opcode} mask=${f.masked ? 1 : 0} len=${f.length}`,
      );
    }
    for (const msg of ws.messages)
      if (msg.type === 'close' && msg.code !== null) slot(m, msg.lastFrame).close.push(String(msg.code));
  }
  return m;
}

/** Compares two sides frame by frame; returns [compared, disagreements as `#frame.kind: …`]. */
export function compareAppFacts(
  mine: PerFrame,
  theirs: PerFrame,
): { compared: number; diffs: Array<{ key: string; text: string }> } {
  let compared = 0;
  const diffs: Array<{ key: string; text: string }> = [];
  const frames = new Set([...theirs.keys(), ...mine.keys()]);
  for (const frame of [...frames].sort((a, b) => a - b)) {
    for (const kind of ['http', 'ws', 'close'] as const) {
      const a = [...(mine.get(frame)?.[kind] ?? [])].sort();
      const b = [...(theirs.get(frame)?.[kind] ?? [])].sort();
      if (a.length === 0 && b.length === 0) continue;
      compared++;
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        diffs.push({
          key: `#${frame}.${kind}`,
          text: `ours ${JSON.stringify(a)} tshark ${JSON.stringify(b)}`,
        });
      }
    }
  }
  return { compared, diffs };
}
