// TCP header fields with their spans (RFC 9293 §3.1; flags: RFC 3168 §6.1 CWR/ECE, AE formerly NS
// RFC 3540) and options (RFC 9293 §3.2 EOL/NOP/MSS, RFC 7323 window scale and timestamps, RFC 2018
// SACK, RFC 7413 Fast Open). Values come from core/decode (decodeTcp, parseTcpOptions); option
// boundaries are re-walked here with the same length rules, bounded by the header and the capture.
// The checksum is shown, never verified: loopback captures carry offloaded (unset) checksums.

import type { TcpHeader } from '../decode/types.ts';
import { TcpFlag } from '../decode/types.ts';
import { u16, u32 } from '../decode/read-bytes.ts';
import { Fields, add } from './field-builder.ts';
import { bitLabel, hex, hexBytes } from './text.ts';
import type { FieldNode, FrameContext } from './types.ts';
import { tcpFlagNames } from '../decode/tcp-flag-names.ts';

const FLAG_BITS: Array<[key: string, bit: number, name: string]> = [
  ['ae', TcpFlag.AE, 'Accurate ECN'],
  ['cwr', TcpFlag.CWR, 'Congestion Window Reduced'],
  ['ece', TcpFlag.ECE, 'ECN-Echo'],
  ['urg', TcpFlag.URG, 'Urgent'],
  ['ack', TcpFlag.ACK, 'Acknowledgment'],
  ['psh', TcpFlag.PSH, 'Push'],
  ['rst', TcpFlag.RST, 'Reset'],
  ['syn', TcpFlag.SYN, 'Syn'],
  ['fin', TcpFlag.FIN, 'Fin'],
];

export function flagNames(flags: number): string {
  return tcpFlagNames(flags).join(', ');
}

const OPTION_NAMES: Record<number, string> = {
  0: 'End of Option List',
  1: 'No-Operation',
  2: 'Maximum segment size',
  3: 'Window scale',
  4: 'SACK permitted',
  5: 'SACK',
  8: 'Timestamps',
  19: 'MD5 signature',
  29: 'TCP-AO',
  30: 'Multipath TCP',
  34: 'TCP Fast Open cookie',
};

const FIXED_OPTION_LENGTH: Record<number, number> = { 2: 4, 3: 3, 4: 2, 8: 10 };

export function tcpFields(
  tcp: TcpHeader,
  data: Uint8Array,
  f: Fields,
  ctx: FrameContext | undefined,
): FieldNode {
  const o = tcp.offset;
  const rel = ctx?.relSeq !== undefined;
  const node = f.layer(
    'tcp',
    `Transmission Control Protocol, Src Port: ${tcp.srcPort}, Dst Port: ${tcp.dstPort}, ` +
      `Seq: ${rel ? ctx!.relSeq : tcp.seq}${tcp.flags & TcpFlag.ACK ? `, Ack: ${ctx?.relAck ?? tcp.ack}` : ''}, Len: ${tcp.payloadLength}`,
    o,
    o + tcp.headerLength,
  );
  const seq = f.field(
    'tcp.seq',
    `Sequence Number: ${rel ? `${ctx!.relSeq} (relative)` : tcp.seq}`,
    o + 4,
    o + 8,
    rel ? ctx!.relSeq : tcp.seq,
  );
  if (seq) add(seq, f.field('tcp.seq_raw', `Sequence Number (raw): ${tcp.seq}`, o + 4, o + 8, tcp.seq));
  const ackRel = ctx?.relAck !== undefined && (tcp.flags & TcpFlag.ACK) !== 0;
  const ack = f.field(
    'tcp.ack',
    `Acknowledgment Number: ${ackRel ? `${ctx!.relAck} (relative)` : tcp.ack}`,
    o + 8,
    o + 12,
    ackRel ? ctx!.relAck : tcp.ack,
  );
  if (ack)
    add(ack, f.field('tcp.ack_raw', `Acknowledgment number (raw): ${tcp.ack}`, o + 8, o + 12, tcp.ack));

  const flags = f.field(
    'tcp.flags',
    `Flags: ${hex(tcp.flags, 3)} (${flagNames(tcp.flags) || 'none'})`,
    o + 12,
    o + 14,
    tcp.flags,
  );
  if (flags) {
    add(
      flags,
      f.field(
        'tcp.flags.res',
        bitLabel(tcp.flags, 0xe00, 12, 'Reserved', 'Set', 'Not set'),
        o + 12,
        o + 13,
        (tcp.flags >> 9) & 7,
      ),
    );
    for (const [key, bit, name] of FLAG_BITS) {
      // AE and the reserved bits share byte 12 with the data offset; the rest are byte 13.
      const at = bit === TcpFlag.AE ? o + 12 : o + 13;
      add(
        flags,
        f.field(
          `tcp.flags.${key}`,
          bitLabel(tcp.flags, bit, 12, name, 'Set', 'Not set'),
          at,
          at + 1,
          tcp.flags & bit ? 1 : 0,
        ),
      );
    }
  }
  const windowLabel = `Window: ${tcp.window}${ctx?.windowSize !== undefined && ctx.windowSize !== tcp.window ? ` (scaled: ${ctx.windowSize})` : ''}`;
  add(
    node,
    f.field('tcp.srcport', `Source Port: ${tcp.srcPort}`, o, o + 2, tcp.srcPort),
    f.field('tcp.dstport', `Destination Port: ${tcp.dstPort}`, o + 2, o + 4, tcp.dstPort),
  );
  if (ctx?.connection !== undefined)
    add(node, f.layer('tcp.stream', `Stream index: ${ctx.connection}`, o, o, ctx.connection));
  add(
    node,
    f.layer('tcp.len', `TCP Segment Len: ${tcp.payloadLength}`, o, o, tcp.payloadLength),
    seq,
    ack,
    f.field(
      'tcp.hdr_len',
      `Header Length: ${tcp.headerLength} bytes (${tcp.headerLength / 4})`,
      o + 12,
      o + 13,
      tcp.headerLength,
    ),
    flags,
    f.field('tcp.window_size_value', windowLabel, o + 14, o + 16, tcp.window),
    f.field('tcp.checksum', `Checksum: ${hex(tcp.checksum, 4)} [not verified]`, o + 16, o + 18, tcp.checksum),
    f.field('tcp.urgent_pointer', `Urgent Pointer: ${tcp.urgentPointer}`, o + 18, o + 20, tcp.urgentPointer),
  );
  if (tcp.headerLength > 20) add(node, tcpOptions(tcp, data, o + 20, o + tcp.headerLength, f));
  return node;
}

function tcpOptions(
  tcp: TcpHeader,
  data: Uint8Array,
  start: number,
  end: number,
  f: Fields,
): FieldNode | null {
  const node = f.field('tcp.options', `Options: (${end - start} bytes)`, start, end);
  if (!node) return null;
  const stop = Math.min(end, data.length);
  const opts = tcp.options;
  let i = start;
  let n = 0;
  let sackBlock = 0;
  while (i < stop) {
    const kind = data[i]!;
    const name = OPTION_NAMES[kind] ?? `Unknown option ${kind}`;
    const key = `tcp.options.${n}`;
    if (kind === 0 || kind === 1) {
      add(node, f.field(key, name, i, i + 1, kind));
      n++;
      i++;
      if (kind === 0) break;
      continue;
    }
    const len = i + 1 < stop ? data[i + 1]! : 0;
    const fixed = FIXED_OPTION_LENGTH[kind];
    // Same framing rules as the decoder: a bad length ends the walk (the decoder reported it).
    if (len < 2 || i + len > end || (fixed !== undefined && len !== fixed)) {
      add(node, f.field(key, `${name}: invalid length ${len}`, i, end, kind));
      break;
    }
    const opt = f.field(key, optionLabel(kind, name, len, i, data, tcp, sackBlock), i, i + len, kind);
    if (opt) {
      add(
        opt,
        f.field(`${key}.kind`, `Kind: ${name} (${kind})`, i, i + 1, kind),
        f.field(`${key}.len`, `Length: ${len}`, i + 1, i + 2, len),
      );
      if (kind === 2 && opts.mss !== undefined)
        add(opt, f.field('tcp.options.mss_val', `MSS Value: ${opts.mss}`, i + 2, i + 4, opts.mss));
      else if (kind === 3 && opts.windowScale !== undefined)
        add(
          opt,
          f.field(
            'tcp.options.wscale.shift',
            `Shift count: ${opts.windowScale} (multiply by ${2 ** opts.windowScale})`,
            i + 2,
            i + 3,
            opts.windowScale,
          ),
        );
      else if (kind === 8 && i + 10 <= data.length) {
        add(
          opt,
          f.field(
            'tcp.options.timestamp.tsval',
            `Timestamp value: ${u32(data, i + 2)}`,
            i + 2,
            i + 6,
            u32(data, i + 2),
          ),
          f.field(
            'tcp.options.timestamp.tsecr',
            `Timestamp echo reply: ${u32(data, i + 6)}`,
            i + 6,
            i + 10,
            u32(data, i + 6),
          ),
        );
      } else if (kind === 5) {
        for (let b = i + 2; b + 8 <= i + len && b + 8 <= data.length; b += 8) {
          add(
            opt,
            f.field(
              `tcp.options.sack#${sackBlock}`,
              `SACK block: ${u32(data, b)}-${u32(data, b + 4)}`,
              b,
              b + 8,
              `${u32(data, b)}-${u32(data, b + 4)}`,
            ),
          );
          sackBlock++;
        }
      } else if (len > 2)
        add(opt, f.field(`${key}.data`, `Data: ${hexBytes(data, i + 2, i + len)}`, i + 2, i + len));
      add(node, opt);
    }
    n++;
    i += len;
  }
  return node;
}

function optionLabel(
  kind: number,
  name: string,
  len: number,
  i: number,
  data: Uint8Array,
  tcp: TcpHeader,
  sackBlock: number,
): string {
  const opts = tcp.options;
  if (i + len > data.length) return `${name} (cut by the snaplen)`;
  switch (kind) {
    case 2:
      return `${name}: ${u16(data, i + 2)} bytes`;
    case 3:
      return `${name}: ${data[i + 2]!} (multiply by ${2 ** Math.min(data[i + 2]!, 30)})`;
    case 4:
      return name;
    case 8:
      return `${name}: TSval ${u32(data, i + 2)}, TSecr ${u32(data, i + 6)}`;
    case 5:
      return `${name}: ${(len - 2) >> 3} block(s)${opts.sack ? ` from #${sackBlock}` : ''}`;
    default:
      return `${name} (${len} bytes)`;
  }
}
