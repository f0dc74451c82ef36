// Frame bytes + what the analysis knows → the layer tree the detail view shows (DESIGN §2
// "provenance everywhere"): Frame, link, IPv4/IPv6, TCP, then HTTP / WebSocket when the context
// says this frame carried part of a message. Header values come from core/decode's decodePacket,
// so the tree and the rest of the engine can never disagree; this stage only adds byte spans.

import { decodePacket } from '../decode/decode-packet.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { Fields, add, note } from './field-builder.ts';
import { linkFields } from './link-fields.ts';
import { ipv4Fields, ipv6Fields } from './ip-fields.ts';
import { tcpFields } from './tcp-fields.ts';
import { httpFields } from './http-fields.ts';
import { websocketFields } from './websocket-fields.ts';
import { StreamWindow } from './stream-span.ts';
import { smallestContaining } from './field-lookup.ts';
import { asciiPreview, hexBytes } from './text.ts';
import type { FieldNode, FieldTreeInput } from './types.ts';

export function buildFieldTree(input: FieldTreeInput): FieldNode[] {
  const { data, context: ctx } = input;
  const f = new Fields(data.length);
  const packet = decodePacket({
    frame: input.frame,
    fileOffset: 0,
    interfaceId: 0,
    linkType: input.linkType,
    hasTimestamp: true,
    tsSec: Math.floor(input.epoch),
    tsNsec: 0,
    capturedLength: input.capturedLength,
    originalLength: input.originalLength,
    data,
  });
  const tree: FieldNode[] = [frameNode(input, f)];
  tree.push(linkFields(packet.link, data, f));
  const net = packet.network;
  if (net) tree.push(net.version === 4 ? ipv4Fields(net, data, f) : ipv6Fields(net, data, f));
  const tcp = packet.tcp;
  if (tcp) {
    tree.push(tcpFields(tcp, data, f, ctx));
    const captured = tcp.payloadCaptured;
    let app: FieldNode[] = [];
    if (captured > 0 && ctx?.streamOffset !== undefined && ctx.direction !== undefined) {
      const w = new StreamWindow(ctx.streamOffset, tcp.payloadOffset, captured);
      if (ctx.http?.length) app = app.concat(httpFields(ctx.http, ctx.direction, data, w, f));
      if (ctx.wsFrames?.length)
        app = app.concat(websocketFields(ctx.wsFrames, ctx.wsMessages ?? [], data, w, f));
    }
    if (app.length > 0) tree.push(...app);
    else if (captured > 0) {
      const s = tcp.payloadOffset;
      tree.push(
        f.layer(
          'data',
          `Data (${captured} bytes): ${hexBytes(data, s, s + captured, 16)} ${asciiPreview(data, s, s + captured, 32)}`,
          s,
          s + captured,
          captured,
        ),
      );
    }
  } else if (net && net.offset + net.headerLength < data.length) {
    const s = net.offset + net.headerLength;
    tree.push(f.layer('data', `${packet.other ?? 'Data'} (${data.length - s} bytes)`, s, data.length));
  }
  for (const d of packet.diagnostics) pin(tree, d);
  for (const d of ctx?.diagnostics ?? []) if (d.frame === input.frame) pin(tree, d);
  return tree;
}

function frameNode(input: FieldTreeInput, f: Fields): FieldNode {
  const node = f.layer(
    'frame',
    `Frame ${input.frame}: ${input.originalLength} bytes on wire, ${input.capturedLength} bytes captured`,
    0,
    input.data.length,
  );
  const iso = Number.isFinite(input.epoch) ? isoTime(input.epoch) : '?';
  add(
    node,
    f.layer('frame.number', `Frame Number: ${input.frame}`, 0, 0, input.frame),
    f.layer('frame.time', `Arrival Time: ${iso}`, 0, 0, iso),
    f.layer('frame.time_epoch', `Epoch Time: ${input.epoch.toFixed(6)} seconds`, 0, 0, input.epoch),
  );
  if (input.context?.time !== undefined)
    add(
      node,
      f.layer(
        'frame.time_relative',
        `Time since first frame: ${input.context.time.toFixed(6)} seconds`,
        0,
        0,
        input.context.time,
      ),
    );
  add(
    node,
    f.layer('frame.len', `Frame Length: ${input.originalLength} bytes`, 0, 0, input.originalLength),
    f.layer('frame.cap_len', `Capture Length: ${input.capturedLength} bytes`, 0, 0, input.capturedLength),
    f.layer('frame.link_type', `Link type: ${input.linkType}`, 0, 0, input.linkType),
  );
  return node;
}

function isoTime(epoch: number): string {
  const ms = Math.floor(epoch * 1000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(epoch);
  const micros = Math.round((epoch - Math.floor(epoch)) * 1e6) % 1e6;
  return d.toISOString().replace(/\.\d{3}Z$/, `.${String(micros).padStart(6, '0')}Z`);
}

/** Attaches a diagnostic to the innermost field containing its span, else to its layer by id prefix. */
function pin(tree: FieldNode[], d: Diagnostic): void {
  const text = `${d.id}: ${d.message}`;
  if (d.span) {
    const node = smallestContaining(tree, d.span.start, d.span.end);
    if (node) return note(node, text);
  }
  const prefix = d.id.split('.')[0]!;
  const layerKey =
    prefix === 'ip'
      ? ['ip', 'ipv6']
      : prefix === 'ws'
        ? ['websocket']
        : prefix === 'http1'
          ? ['http']
          : [prefix];
  const layer = tree.find((n) => layerKey.some((k) => n.key === k || n.key.startsWith(`${k}#`)));
  note(layer ?? tree[0]!, text);
}
