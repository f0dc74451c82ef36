// Length-prefixed frames of the capture protocol (layout: electron/ipc/capture-protocol.ts).
// Pipes deliver arbitrary chunkings, so the decoder reassembles frames across pushes; it copies
// only when a frame straddles chunks.
import type {
  CaptureMessage,
  CaptureMessageCodes,
  CaptureMessageName,
  RecordMessage,
} from '../ipc/capture-protocol.ts';

export const CODES = {
  start: 1,
  stop: 2,
  started: 3,
  record: 4,
  stats: 5,
  error: 6,
  stopped: 7,
} as const satisfies CaptureMessageCodes;

const NAMES = new Map<number, CaptureMessageName>(
  Object.entries(CODES).map(([k, v]) => [v, k as CaptureMessageName]),
);

const RECORD_HEADER = 28;
/** Larger frames are a protocol error (a record is at most 256 KiB; JSON messages are small). */
export const MAX_FRAME = 16 * 1024 * 1024;
const FLAG_APPROX = 1;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** A control message (anything but `record`) as one frame. */
export function encodeMessage(msg: Exclude<CaptureMessage, { type: 'record' }>): Uint8Array {
  const json = utf8.encode(JSON.stringify(msg.body));
  const out = new Uint8Array(5 + json.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 1 + json.length, true);
  out[4] = CODES[msg.type];
  out.set(json, 5);
  return out;
}

/** A record frame: header and packet bytes written straight into one allocation. */
export function encodeRecord(
  frame: number,
  fileOffset: number,
  tsSec: number,
  tsNsec: number,
  originalLength: number,
  approximate: boolean,
  data: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(5 + RECORD_HEADER + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 1 + RECORD_HEADER + data.length, true);
  out[4] = CODES.record;
  dv.setUint32(5, frame, true);
  dv.setFloat64(9, fileOffset, true);
  dv.setUint32(17, tsSec, true);
  dv.setUint32(21, tsNsec, true);
  dv.setUint32(25, originalLength, true);
  dv.setUint32(29, approximate ? FLAG_APPROX : 0, true);
  out.set(data, 5 + RECORD_HEADER);
  return out;
}

function decodeBody(body: Uint8Array): CaptureMessage {
  const name = NAMES.get(body[0]!);
  if (name === undefined) throw new Error(`capture protocol: unknown message code ${body[0]}`);
  if (name === 'record') {
    if (body.length < 1 + RECORD_HEADER) throw new Error('capture protocol: short record frame');
    const dv = new DataView(body.buffer, body.byteOffset, body.length);
    const rec: RecordMessage = {
      frame: dv.getUint32(1, true),
      fileOffset: dv.getFloat64(5, true),
      tsSec: dv.getUint32(13, true),
      tsNsec: dv.getUint32(17, true),
      originalLength: dv.getUint32(21, true),
      timestampApproximate: (dv.getUint32(25, true) & FLAG_APPROX) !== 0,
      // A copy: the receiver keeps it, and a view would pin the whole pipe chunk (Buffer#slice does not copy).
      data: new Uint8Array(body.subarray(1 + RECORD_HEADER)),
    };
    return { type: 'record', body: rec };
  }
  return { type: name, body: JSON.parse(fromUtf8.decode(body.subarray(1))) } as CaptureMessage;
}

/** Reassembles frames from any chunking of the byte stream. */
export class FrameDecoder {
  private pending: Uint8Array | null = null;

  constructor(private readonly onMessage: (msg: CaptureMessage) => void) {}

  push(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.pending) {
      const joined = new Uint8Array(this.pending.length + chunk.length);
      joined.set(this.pending);
      joined.set(chunk, this.pending.length);
      buf = joined;
      this.pending = null;
    }
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
    let p = 0;
    while (buf.length - p >= 4) {
      const len = dv.getUint32(p, true);
      if (len === 0 || len > MAX_FRAME) throw new Error(`capture protocol: bad frame length ${len}`);
      if (buf.length - p - 4 < len) break;
      this.onMessage(decodeBody(buf.subarray(p + 4, p + 4 + len)));
      p += 4 + len;
    }
    if (p < buf.length) this.pending = new Uint8Array(buf.subarray(p));
  }

  /** Bytes of an incomplete frame still waiting (non-zero at end of stream = the sender died mid-frame). */
  get pendingBytes(): number {
    return this.pending?.length ?? 0;
  }
}
