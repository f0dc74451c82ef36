// WebSocket frames and messages — the bulk of a dissection, ~100k of each in a busy capture —
// packed into typed columns for the worker → UI hand-over and made back one connection at a time
// when a view first reads them. The rest of a dissection goes through the generic packer (pack.ts).
// A frame or message with fields this file does not know (the engine grew one) makes its
// connection fall back to the generic packer, so nothing is ever dropped.

import { websocketFrames, type WebSocketDissection } from '../../../core/dissect/dispatch.ts';
import type { WsFrame, WsMessage, WsMessageType, WsSide } from '../../../core/dissect/websocket/types.ts';

const FRAME_KEYS = [
  'index',
  'frame',
  'firstFrame',
  'from',
  'fin',
  'rsv',
  'opcode',
  'masked',
  'maskKey',
  'length',
  'headerLength',
  'lengthForm',
  'headerOffset',
  'payloadOffset',
  'truncated',
  'skipped',
] as const;
const MESSAGE_KEYS = [
  'from',
  'type',
  'text',
  'payloadHex',
  'data',
  'length',
  'wireLength',
  'compressed',
  'code',
  'reason',
  'firstFrame',
  'lastFrame',
  'frames',
  'clipped',
  'incomplete',
] as const;
const TYPES: WsMessageType[] = ['text', 'binary', 'ping', 'pong', 'close'];
const TYPE_CODE = new Map(TYPES.map((t, i) => [t, i]));

/** True when `o` has exactly these keys (in any order). */
function hasKeys(o: object, keys: readonly string[]): boolean {
  let n = 0;
  for (const k in o) {
    if (!keys.includes(k)) return false;
    n++;
  }
  return n === keys.length;
}

/** Nullable strings: -1 for null, else an id into `list`. */
class StringList {
  readonly list: string[] = [];
  add(s: string | null): number {
    if (s === null) return -1;
    this.list.push(s);
    return this.list.length - 1;
  }
}

export interface PackedWs {
  /** Per connection: frames [frameStart[c], frameStart[c+1]), messages likewise; -1 = not packed here. */
  frameStart: Float64Array;
  messageStart: Float64Array;
  /** Frame columns: numbers; booleans and sides as bits in `fbits`. */
  fnum: Record<
    | 'index'
    | 'frame'
    | 'firstFrame'
    | 'rsv'
    | 'opcode'
    | 'length'
    | 'headerLength'
    | 'lengthForm'
    | 'headerOffset'
    | 'payloadOffset',
    Float64Array
  >;
  /** 1 client, 2 fin, 4 masked, 8 truncated, 16 skipped. */
  fbits: Uint8Array;
  maskKey: Int32Array;
  mnum: Record<'length' | 'wireLength' | 'code' | 'firstFrame' | 'lastFrame', Float64Array>;
  /** 1 client, 2 compressed, 4 clipped, 8 incomplete. */
  mbits: Uint8Array;
  mtype: Uint8Array;
  text: Int32Array;
  payloadHex: Int32Array;
  reason: Int32Array;
  /** Message i's frame indexes: frameItems[frameEnds[i-1] .. frameEnds[i]). */
  frameEnds: Uint32Array;
  frameItems: Float64Array;
  /** Binary payloads kept: [message, bytes]. */
  data: Array<[number, Uint8Array]>;
  /** Strings concatenated; string id k ends at stringEnds[k]. */
  strings: string;
  stringEnds: Uint32Array;
}

/**
 * Packs the frames and messages of each connection's WebSocket dissection (null entries: none).
 * Returns which connections were packed here; the caller packs the others' frames/messages as
 * they are.
 */
export function packWs(list: ReadonlyArray<WebSocketDissection | null>, transfer: ArrayBuffer[]): PackedWs {
  // Pass 1: which connections pack here (their first frame and message have the known fields;
  // one constructor makes them all) and how many frames and messages there are.
  const frameStart = new Float64Array(list.length + 1).fill(-1);
  const messageStart = new Float64Array(list.length + 1).fill(-1);
  let nf = 0;
  let nm = 0;
  const packed: Array<[number, WebSocketDissection]> = [];
  list.forEach((ws, c) => {
    if (!ws) return;
    const first = websocketFrames(ws).next();
    if (!first.done && !hasKeys(first.value, FRAME_KEYS)) return;
    if (ws.messages.length && !hasKeys(ws.messages[0]!, MESSAGE_KEYS)) return;
    frameStart[c] = nf;
    messageStart[c] = nm;
    nf += ws.frameCount ?? ws.frames.length;
    nm += ws.messages.length;
    packed.push([c, ws]);
  });
  frameStart[list.length] = nf;
  messageStart[list.length] = nm;
  const strings = new StringList();

  const fnum = {} as PackedWs['fnum'];
  for (const k of [
    'index',
    'frame',
    'firstFrame',
    'rsv',
    'opcode',
    'length',
    'headerLength',
    'lengthForm',
    'headerOffset',
    'payloadOffset',
  ] as const)
    fnum[k] = new Float64Array(nf);
  const fbits = new Uint8Array(nf);
  const maskKey = new Int32Array(nf);
  let i = 0;
  for (const [, ws] of packed) {
    // One frame object at a time (the engine keeps frames as columns until asked).
    for (const f of websocketFrames(ws)) {
      fnum.index[i] = f.index;
      fnum.frame[i] = f.frame;
      fnum.firstFrame[i] = f.firstFrame;
      fnum.rsv[i] = f.rsv;
      fnum.opcode[i] = f.opcode;
      fnum.length[i] = f.length;
      fnum.headerLength[i] = f.headerLength;
      fnum.lengthForm[i] = f.lengthForm;
      fnum.headerOffset[i] = f.headerOffset;
      fnum.payloadOffset[i] = f.payloadOffset;
      fbits[i] =
        (f.from === 'client' ? 1 : 0) |
        (f.fin ? 2 : 0) |
        (f.masked ? 4 : 0) |
        (f.truncated ? 8 : 0) |
        (f.skipped ? 16 : 0);
      maskKey[i] = strings.add(f.maskKey);
      i++;
    }
  }
  const messages: WsMessage[] = [];
  for (const [, ws] of packed) for (const m of ws.messages) messages.push(m);

  const mnum = {} as PackedWs['mnum'];
  for (const k of ['length', 'wireLength', 'code', 'firstFrame', 'lastFrame'] as const)
    mnum[k] = new Float64Array(nm);
  const mbits = new Uint8Array(nm);
  const mtype = new Uint8Array(nm);
  const text = new Int32Array(nm);
  const payloadHex = new Int32Array(nm);
  const reason = new Int32Array(nm);
  const frameEnds = new Uint32Array(nm);
  let items = 0;
  for (const m of messages) items += m.frames.length;
  const frameItems = new Float64Array(items);
  const data: PackedWs['data'] = [];
  let at = 0;
  for (let i = 0; i < nm; i++) {
    const m = messages[i]!;
    mnum.length[i] = m.length;
    mnum.wireLength[i] = m.wireLength;
    mnum.code[i] = m.code ?? NaN;
    mnum.firstFrame[i] = m.firstFrame;
    mnum.lastFrame[i] = m.lastFrame;
    mbits[i] =
      (m.from === 'client' ? 1 : 0) | (m.compressed ? 2 : 0) | (m.clipped ? 4 : 0) | (m.incomplete ? 8 : 0);
    mtype[i] = TYPE_CODE.get(m.type) ?? 255;
    text[i] = strings.add(m.text);
    payloadHex[i] = strings.add(m.payloadHex);
    reason[i] = strings.add(m.reason);
    for (const x of m.frames) frameItems[at++] = x;
    frameEnds[i] = at;
    if (m.data) data.push([i, m.data]);
  }
  const out: PackedWs = {
    frameStart,
    messageStart,
    fnum,
    fbits,
    maskKey,
    mnum,
    mbits,
    mtype,
    text,
    payloadHex,
    reason,
    frameEnds,
    frameItems,
    data,
    strings: strings.list.join(''),
    stringEnds: new Uint32Array(strings.list.length),
  };
  let end = 0;
  strings.list.forEach((x, k) => (out.stringEnds[k] = end += x.length));
  transfer.push(out.stringEnds.buffer as ArrayBuffer);
  for (const a of [
    frameStart,
    messageStart,
    fbits,
    maskKey,
    mbits,
    mtype,
    text,
    payloadHex,
    reason,
    frameEnds,
  ])
    transfer.push(a.buffer as ArrayBuffer);
  transfer.push(frameItems.buffer);
  for (const a of [...Object.values(fnum), ...Object.values(mnum)]) transfer.push(a.buffer as ArrayBuffer);
  return out;
}

/** Whether connection `c`'s frames and messages are in `p`. */
export function hasWs(p: PackedWs, c: number): boolean {
  return p.frameStart[c]! >= 0;
}

const str = (p: PackedWs, id: number): string | null =>
  id < 0 ? null : p.strings.substring(id === 0 ? 0 : p.stringEnds[id - 1]!, p.stringEnds[id]!);
const side = (bits: number): WsSide => (bits & 1 ? 'client' : 'server');

/** End of connection c's range: the next packed connection's start. */
function rangeEnd(starts: Float64Array, c: number): number {
  for (let k = c + 1; k < starts.length; k++) if (starts[k]! >= 0) return starts[k]!;
  return starts[starts.length - 1]!;
}

export function wsFramesOf(p: PackedWs, c: number): WsFrame[] {
  const out: WsFrame[] = [];
  const n = p.fnum;
  for (let i = p.frameStart[c]!, end = rangeEnd(p.frameStart, c); i < end; i++) {
    const b = p.fbits[i]!;
    out.push({
      index: n.index[i]!,
      frame: n.frame[i]!,
      firstFrame: n.firstFrame[i]!,
      from: side(b),
      fin: (b & 2) !== 0,
      rsv: n.rsv[i]!,
      opcode: n.opcode[i]!,
      masked: (b & 4) !== 0,
      maskKey: str(p, p.maskKey[i]!),
      length: n.length[i]!,
      headerLength: n.headerLength[i]!,
      lengthForm: n.lengthForm[i]! as WsFrame['lengthForm'],
      headerOffset: n.headerOffset[i]!,
      payloadOffset: n.payloadOffset[i]!,
      truncated: (b & 8) !== 0,
      skipped: (b & 16) !== 0,
    });
  }
  return out;
}

export function wsMessagesOf(p: PackedWs, c: number, data: Map<number, Uint8Array>): WsMessage[] {
  const out: WsMessage[] = [];
  const n = p.mnum;
  for (let i = p.messageStart[c]!, end = rangeEnd(p.messageStart, c); i < end; i++) {
    const b = p.mbits[i]!;
    const code = n.code[i]!;
    const frames: number[] = [];
    for (let j = i === 0 ? 0 : p.frameEnds[i - 1]!; j < p.frameEnds[i]!; j++) frames.push(p.frameItems[j]!);
    out.push({
      from: side(b),
      type: TYPES[p.mtype[i]!]!,
      text: str(p, p.text[i]!),
      payloadHex: str(p, p.payloadHex[i]!),
      data: data.get(i) ?? null,
      length: n.length[i]!,
      wireLength: n.wireLength[i]!,
      compressed: (b & 2) !== 0,
      code: Number.isNaN(code) ? null : code,
      reason: str(p, p.reason[i]!),
      firstFrame: n.firstFrame[i]!,
      lastFrame: n.lastFrame[i]!,
      frames,
      clipped: (b & 4) !== 0,
      incomplete: (b & 8) !== 0,
    });
  }
  return out;
}
