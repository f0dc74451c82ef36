// IPv4 (RFC 791 §3.1; DSCP/ECN RFC 2474 §3, RFC 3168 §5; options §3.1 "Options": EOL, NOP, type +
// length + data) and IPv6 (RFC 8200 §3 fixed header, §4 extension headers; AH RFC 4302 §2.2)
// header fields with their spans. Values come from core/decode; option and extension-header
// boundaries are walked here, bounded by the header length and the captured bytes.

import type { NetworkLayer } from '../decode/types.ts';
import { ipProtocolName } from '../decode/protocol-names.ts';
import { u16, u32 } from '../decode/read-bytes.ts';
import { Fields, add } from './field-builder.ts';
import { bitLabel, hex, hexBytes } from './text.ts';
import type { FieldNode } from './types.ts';

const IPV4_OPTION_NAMES: Record<number, string> = {
  0: 'End of Option List',
  1: 'No-Operation',
  7: 'Record Route',
  68: 'Timestamp',
  130: 'Security',
  131: 'Loose Source Route',
  137: 'Strict Source Route',
  148: 'Router Alert',
};

const EXTENSION_NAMES: Record<number, string> = {
  0: 'Hop-by-Hop Options',
  43: 'Routing',
  44: 'Fragment',
  51: 'Authentication Header',
  60: 'Destination Options',
};

function protocolText(p: number): string {
  return `${ipProtocolName(p).toUpperCase()} (${p})`;
}

export function ipv4Fields(ip: NetworkLayer, data: Uint8Array, f: Fields): FieldNode {
  const o = ip.offset;
  const node = f.layer(
    'ip',
    `Internet Protocol Version 4, Src: ${ip.src}, Dst: ${ip.dst}`,
    o,
    o + ip.headerLength,
  );
  const first = data[o]!;
  const tos = data[o + 1]!;
  const flagsWord = u16(data, o + 6);
  const flags = f.field(
    'ip.flags',
    `Flags: ${hex(flagsWord >> 13, 2)}${ip.dontFragment ? ', Don\u2019t fragment' : ''}${ip.moreFragments ? ', More fragments' : ''}`,
    o + 6,
    o + 7,
    flagsWord >> 13,
  );
  if (flags) {
    add(
      flags,
      f.field(
        'ip.flags.rb',
        bitLabel(flagsWord >> 8, 0x80, 8, 'Reserved bit', 'Set', 'Not set'),
        o + 6,
        o + 7,
        (flagsWord >> 15) & 1,
      ),
      f.field(
        'ip.flags.df',
        bitLabel(flagsWord >> 8, 0x40, 8, 'Don\u2019t fragment', 'Set', 'Not set'),
        o + 6,
        o + 7,
        ip.dontFragment ? 1 : 0,
      ),
      f.field(
        'ip.flags.mf',
        bitLabel(flagsWord >> 8, 0x20, 8, 'More fragments', 'Set', 'Not set'),
        o + 6,
        o + 7,
        ip.moreFragments ? 1 : 0,
      ),
    );
  }
  const dsfield = f.field(
    'ip.dsfield',
    `Differentiated Services Field: ${hex(tos, 2)} (DSCP ${ip.dscp}, ECN ${ip.ecn})`,
    o + 1,
    o + 2,
    tos,
  );
  if (dsfield) {
    add(
      dsfield,
      f.field('ip.dsfield.dscp', `Differentiated Services Codepoint: ${ip.dscp}`, o + 1, o + 2, ip.dscp),
      f.field('ip.dsfield.ecn', `Explicit Congestion Notification: ${ip.ecn}`, o + 1, o + 2, ip.ecn),
    );
  }
  add(
    node,
    f.field('ip.version', `Version: ${first >> 4}`, o, o + 1, first >> 4),
    f.field(
      'ip.hdr_len',
      `Header Length: ${ip.headerLength} bytes (${first & 15})`,
      o,
      o + 1,
      ip.headerLength,
    ),
    dsfield,
    f.field('ip.len', `Total Length: ${u16(data, o + 2)}`, o + 2, o + 4, u16(data, o + 2)),
    f.field('ip.id', `Identification: ${hex(ip.id ?? 0, 4)} (${ip.id ?? 0})`, o + 4, o + 6, ip.id),
    flags,
    f.field('ip.frag_offset', `Fragment Offset: ${ip.fragmentOffset ?? 0}`, o + 6, o + 8, ip.fragmentOffset),
    f.field('ip.ttl', `Time to Live: ${ip.ttl}`, o + 8, o + 9, ip.ttl),
    f.field('ip.proto', `Protocol: ${protocolText(data[o + 9]!)}`, o + 9, o + 10, data[o + 9]!),
    f.field(
      'ip.checksum',
      `Header Checksum: ${hex(ip.checksum ?? 0, 4)} [not verified]`,
      o + 10,
      o + 12,
      ip.checksum,
    ),
    f.field('ip.src', `Source Address: ${ip.src}`, o + 12, o + 16, ip.src),
    f.field('ip.dst', `Destination Address: ${ip.dst}`, o + 16, o + 20, ip.dst),
  );
  if (ip.headerLength > 20) add(node, ipv4Options(data, o + 20, o + ip.headerLength, f));
  return node;
}

function ipv4Options(data: Uint8Array, start: number, end: number, f: Fields): FieldNode | null {
  const node = f.field('ip.options', `Options: (${end - start} bytes)`, start, end);
  if (!node) return null;
  const stop = Math.min(end, data.length);
  let i = start;
  let n = 0;
  while (i < stop) {
    const type = data[i]!;
    const name = IPV4_OPTION_NAMES[type] ?? `Unknown option ${type}`;
    let len = 1;
    if (type > 1) {
      len = i + 1 < stop ? data[i + 1]! : 0;
      // A length that cannot frame the option ends the walk; the rest is shown as one blob.
      if (len < 2 || i + len > end) {
        add(node, f.field(`ip.options.${n}`, `${name}: invalid length ${len}`, i, end));
        break;
      }
    }
    add(
      node,
      f.field(
        `ip.options.${n}`,
        len > 2 ? `${name} (${len} bytes): ${hexBytes(data, i + 2, i + len)}` : name,
        i,
        i + len,
        type,
      ),
    );
    n++;
    i += len;
    if (type === 0) break;
  }
  return node;
}

export function ipv6Fields(ip: NetworkLayer, data: Uint8Array, f: Fields): FieldNode {
  const o = ip.offset;
  const node = f.layer(
    'ipv6',
    `Internet Protocol Version 6, Src: ${ip.src}, Dst: ${ip.dst}`,
    o,
    o + ip.headerLength,
  );
  const word0 = u32(data, o);
  const tc = (word0 >>> 20) & 0xff;
  const tclass = f.field(
    'ipv6.tclass',
    `Traffic Class: ${hex(tc, 2)} (DSCP ${ip.dscp}, ECN ${ip.ecn})`,
    o,
    o + 2,
    tc,
  );
  if (tclass) {
    add(
      tclass,
      f.field('ipv6.tclass.dscp', `Differentiated Services Codepoint: ${ip.dscp}`, o, o + 2, ip.dscp),
      f.field('ipv6.tclass.ecn', `Explicit Congestion Notification: ${ip.ecn}`, o, o + 2, ip.ecn),
    );
  }
  add(
    node,
    f.field('ipv6.version', `Version: ${word0 >>> 28}`, o, o + 1, word0 >>> 28),
    tclass,
    f.field('ipv6.flow', `Flow Label: ${hex(ip.flowLabel ?? 0, 5)}`, o + 1, o + 4, ip.flowLabel),
    f.field('ipv6.plen', `Payload Length: ${u16(data, o + 4)}`, o + 4, o + 6, u16(data, o + 4)),
    f.field('ipv6.nxt', `Next Header: ${protocolText(data[o + 6]!)}`, o + 6, o + 7, data[o + 6]!),
    f.field('ipv6.hlim', `Hop Limit: ${ip.ttl}`, o + 7, o + 8, ip.ttl),
    f.field('ipv6.src', `Source Address: ${ip.src}`, o + 8, o + 24, ip.src),
    f.field('ipv6.dst', `Destination Address: ${ip.dst}`, o + 24, o + 40, ip.dst),
  );
  // The decoder listed the extension headers it walked; re-walk them for their spans.
  const end = o + ip.headerLength;
  let at = o + 40;
  (ip.extensionHeaders ?? []).forEach((type, i) => {
    if (at + 2 > data.length || at >= end) return;
    const len = type === 44 ? 8 : type === 51 ? (data[at + 1]! + 2) * 4 : (data[at + 1]! + 1) * 8;
    const ext = f.field(
      `ipv6.ext#${i}`,
      `${EXTENSION_NAMES[type] ?? `Extension ${type}`} (${len} bytes)`,
      at,
      at + len,
      type,
    );
    if (ext) {
      add(
        ext,
        f.field(`ipv6.ext#${i}.nxt`, `Next Header: ${protocolText(data[at]!)}`, at, at + 1, data[at]!),
      );
      if (type === 44) {
        if (at + 8 <= data.length) {
          const offFlags = u16(data, at + 2);
          add(
            ext,
            f.field(
              `ipv6.ext#${i}.fragment.offset`,
              `Offset: ${offFlags & 0xfff8}`,
              at + 2,
              at + 4,
              offFlags & 0xfff8,
            ),
            f.field(
              `ipv6.ext#${i}.fragment.more`,
              `More Fragments: ${offFlags & 1 ? 'Yes' : 'No'}`,
              at + 3,
              at + 4,
              offFlags & 1,
            ),
            f.field(
              `ipv6.ext#${i}.fragment.id`,
              `Identification: ${hex(u32(data, at + 4), 8)}`,
              at + 4,
              at + 8,
              u32(data, at + 4),
            ),
          );
        }
      } else {
        add(
          ext,
          f.field(
            `ipv6.ext#${i}.len`,
            `Length: ${data[at + 1]!} (${len} bytes)`,
            at + 1,
            at + 2,
            data[at + 1]!,
          ),
          f.field(`ipv6.ext#${i}.data`, `Data: ${hexBytes(data, at + 2, at + len)}`, at + 2, at + len),
        );
      }
      add(node, ext);
    }
    at += len;
  });
  return node;
}
