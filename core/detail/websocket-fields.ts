// WebSocket frame fields (RFC 6455 §5.2: FIN, RSV1-3, opcode, MASK, payload length in its 7/16/64-bit
// form, masking key, payload; §5.3 client-to-server masking). The frame structure comes from the
// WebSocket dissector as stream offsets; the part of the payload in this frame is unmasked here
// (key byte = payload position mod 4) so the reader sees the text, and a message's decoded text
// (inflated, reassembled) is added on the frame that completes it.

import type { WsFrame, WsMessage } from '../dissect/websocket/types.ts';
import { decodeUtf8 } from '../dissect/websocket/utf8.ts';
import { closeCodeName } from '../dissect/websocket/close.ts';
import { Fields, add } from './field-builder.ts';
import type { StreamWindow } from './stream-span.ts';
import { asciiPreview, bitLabel, escapeWire, hexBytes } from './text.ts';
import type { FieldNode } from './types.ts';

const OPCODES: Record<number, string> = {
  0: 'Continuation',
  1: 'Text',
  2: 'Binary',
  8: 'Connection Close',
  9: 'Ping',
  10: 'Pong',
};

export function opcodeName(op: number): string {
  return OPCODES[op] ?? `Reserved (${op})`;
}

/** Unmasked payload bytes shown per frame (the rest is still highlighted, just not decoded). */
const MAX_UNMASKED = 64 * 1024;

export function websocketFields(
  frames: WsFrame[],
  messages: WsMessage[],
  data: Uint8Array,
  w: StreamWindow,
  f: Fields,
): FieldNode[] {
  const out: FieldNode[] = [];
  for (const fr of frames) {
    const end = fr.payloadOffset + fr.length;
    const whole = w.toFrame(fr.headerOffset, end);
    if (!whole) continue;
    const key = `websocket#${fr.index}`;
    const node = f.layer(
      key,
      `WebSocket ${fr.fin ? '' : '(fragment) '}${opcodeName(fr.opcode)}${fr.masked ? ' [masked]' : ''}, ${fr.length} bytes${w.contains(fr.headerOffset, end) ? '' : ' [part]'}`,
      whole.start,
      whole.end,
    );
    const h = fr.headerOffset;
    const b0 = w.toFrame(h, h + 1);
    if (b0) {
      const byte0 = data[b0.start]!;
      add(
        node,
        f.field(
          `${key}.fin`,
          bitLabel(byte0, 0x80, 8, 'Fin', 'True', 'False'),
          b0.start,
          b0.end,
          fr.fin ? 1 : 0,
        ),
        f.field(
          `${key}.rsv`,
          `${bitLabel(byte0, 0x70, 8, 'Reserved', 'Set', 'Not set')} (${fr.rsv})`,
          b0.start,
          b0.end,
          fr.rsv,
        ),
        f.field(
          `${key}.opcode`,
          `${bitLabel(byte0, 0x0f, 8, 'Opcode', opcodeName(fr.opcode), opcodeName(fr.opcode))} (${fr.opcode})`,
          b0.start,
          b0.end,
          fr.opcode,
        ),
      );
    }
    const b1 = w.toFrame(h + 1, h + 2);
    if (b1) {
      const byte1 = data[b1.start]!;
      add(
        node,
        f.field(
          `${key}.mask`,
          bitLabel(byte1, 0x80, 8, 'Mask', 'True', 'False'),
          b1.start,
          b1.end,
          fr.masked ? 1 : 0,
        ),
        f.field(
          `${key}.payload_length`,
          `${bitLabel(byte1, 0x7f, 8, 'Payload length', String(byte1 & 0x7f), String(byte1 & 0x7f))}`,
          b1.start,
          b1.end,
          byte1 & 0x7f,
        ),
      );
    }
    let at = h + 2;
    if (fr.lengthForm !== 7) {
      const n = fr.lengthForm === 16 ? 2 : 8;
      const s = w.toFrame(at, at + n);
      if (s)
        add(
          node,
          f.field(
            `${key}.payload_length_ext_${fr.lengthForm}`,
            `Extended Payload length (${fr.lengthForm} bits): ${fr.length}`,
            s.start,
            s.end,
            fr.length,
          ),
        );
      at += n;
    }
    if (fr.masked) {
      const s = w.toFrame(at, at + 4);
      if (s)
        add(
          node,
          f.field(
            `${key}.masking_key`,
            `Masking-Key: ${fr.maskKey ?? hexBytes(data, s.start, s.end)}`,
            s.start,
            s.end,
            fr.maskKey ?? undefined,
          ),
        );
    }
    const p = w.toFrame(fr.payloadOffset, end);
    if (p) {
      const payload = f.field(
        `${key}.payload`,
        `Payload (${p.end - p.start} of ${fr.length} bytes in this frame)`,
        p.start,
        p.end,
      );
      if (payload) {
        const position = fr.payloadOffset < w.streamStart ? w.streamStart - fr.payloadOffset : 0;
        const bytes = unmasked(data, p.start, Math.min(p.end, p.start + MAX_UNMASKED), fr, position);
        const owner = messages.find((m) => m.frames.includes(fr.index));
        const isText = fr.opcode === 1 || (fr.opcode === 0 && owner?.type === 'text');
        addPayloadText(payload, key, bytes, fr, isText, position, p, f);
        add(node, payload);
      }
    }
    const msg = messages.find(
      (m) => m.frames.includes(fr.index) && m.frames[m.frames.length - 1] === fr.index,
    );
    if (msg && msg.text !== null && (msg.compressed || msg.frames.length > 1) && msg.type === 'text') {
      add(
        node,
        f.layer(
          `${key}.message_text`,
          `Message text (${msg.compressed ? 'inflated' : 'reassembled'}, ${msg.length} bytes): ${escapeWire(msg.text)}`,
          node.start,
          node.start,
          msg.text,
        ),
      );
    }
    out.push(node);
  }
  return out;
}

/** The payload part in data[start, end) unmasked; `position` is its offset inside the payload. */
function unmasked(data: Uint8Array, start: number, end: number, fr: WsFrame, position: number): Uint8Array {
  const out = data.slice(start, end);
  if (!fr.masked || fr.maskKey === null || fr.maskKey.length !== 8) return out;
  const key = [0, 1, 2, 3].map((i) => parseInt(fr.maskKey!.slice(i * 2, i * 2 + 2), 16));
  for (let i = 0; i < out.length; i++) out[i]! ^= key[(position + i) & 3]!;
  return out;
}

function addPayloadText(
  payload: FieldNode,
  key: string,
  bytes: Uint8Array,
  fr: WsFrame,
  isText: boolean,
  position: number,
  p: { start: number; end: number },
  f: Fields,
): void {
  const compressed = (fr.rsv & 4) !== 0;
  if (fr.masked)
    add(
      payload,
      f.field(
        `${key}.unmasked`,
        `Unmasked: ${hexBytes(bytes, 0, bytes.length, 32)}`,
        p.start,
        p.end,
        hexBytes(bytes, 0, bytes.length, 4096),
      ),
    );
  if (compressed) return; // deflated bytes: the message text is shown on the completing frame.
  if (isText) {
    const text = decodeUtf8(bytes);
    add(payload, f.field(`${key}.text`, `Text: ${escapeWire(text)}`, p.start, p.end, text));
  } else if (fr.opcode === 8 && position === 0 && bytes.length >= 2) {
    const code = (bytes[0]! << 8) | bytes[1]!;
    add(
      payload,
      f.field(
        `${key}.close.code`,
        `Status code: ${code}${closeCodeName(code) ? ` (${closeCodeName(code)})` : ''}`,
        p.start,
        Math.min(p.start + 2, p.end),
        code,
      ),
    );
    if (bytes.length > 2) {
      const reason = decodeUtf8(bytes.subarray(2));
      add(
        payload,
        f.field(`${key}.close.reason`, `Reason: ${escapeWire(reason)}`, p.start + 2, p.end, reason),
      );
    }
  } else if (bytes.length > 0) {
    add(
      payload,
      f.field(
        `${key}.data`,
        `Data: ${hexBytes(bytes, 0, bytes.length, 32)} ${escapeWire(asciiPreview(bytes, 0, bytes.length, 32))}`,
        p.start,
        p.end,
      ),
    );
  }
}
