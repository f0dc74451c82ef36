// Shared test helpers: a frame builder (RFC 6455 §5.2), hex helpers, and a feeder that replays the
// corpus stream fixtures (test/fixtures/websocket/*.stream.txt) through the HTTP upgrade into a
// WebSocketParser, optionally re-split at a given byte position.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  WebSocketParser,
  negotiateExtensions,
  type NegotiatedExtensions,
  type WebSocketLimits,
} from '../../../core/dissect/websocket/index.ts';
import type { StreamChunk } from '../../../core/tcp/types.ts';
import { corpusDir, privateOnly, streamFixtures } from '../../fixtures/websocket/make-fixtures.ts';

export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/websocket');

export const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export interface FrameSpec {
  opcode: number;
  payload?: Uint8Array | string;
  fin?: boolean;
  rsv?: number;
  mask?: number[] | null;
  /** Force a length form (may be non-minimal). */
  form?: 7 | 16 | 64;
}

export function wsFrame(spec: FrameSpec): Uint8Array {
  const payload = typeof spec.payload === 'string' ? utf8(spec.payload) : (spec.payload ?? new Uint8Array(0));
  const len = payload.length;
  const form = spec.form ?? (len < 126 ? 7 : len < 65536 ? 16 : 64);
  const mask = spec.mask ?? null;
  const header: number[] = [((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | spec.opcode];
  const m = mask ? 0x80 : 0;
  if (form === 7) header.push(m | len);
  else if (form === 16) header.push(m | 126, len >>> 8, len & 0xff);
  else {
    header.push(m | 127);
    const hi = Math.floor(len / 2 ** 32);
    for (const v of [hi, len >>> 0])
      header.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  }
  if (mask) header.push(...mask);
  const out = new Uint8Array(header.length + len);
  out.set(header);
  for (let i = 0; i < len; i++) out[header.length + i] = mask ? payload[i]! ^ mask[i & 3]! : payload[i]!;
  return out;
}

export const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

export const MASK = [0x37, 0xfa, 0x21, 0x3d];

/** Result snapshot with everything comparable by deepEqual. */
export function snapshot(p: WebSocketParser) {
  return { frames: p.frames, messages: p.messages, diagnostics: p.diagnostics };
}

export interface Feed {
  dir: 0 | 1;
  frame: number;
  offset: number;
  data: Uint8Array;
}

/** Feeds (dir, bytes) pieces in order; each piece is one capture frame numbered from 1. */
export function parse(
  pieces: Array<[0 | 1, Uint8Array]>,
  extensions: NegotiatedExtensions | null = null,
  limits: WebSocketLimits = {},
) {
  const p = new WebSocketParser({}, { extensions, limits });
  const offsets = [0, 0];
  pieces.forEach(([dir, data], i) => {
    p.push(dir, { data, frame: i + 1, offset: offsets[dir]! });
    offsets[dir]! += data.length;
  });
  p.finish();
  return p;
}

export const ids = (p: WebSocketParser): string[] => p.diagnostics.map((d) => d.id);

// ---- corpus fixtures ----

const privateCache = new Map<string, string>();

/** Fixture text: from test/fixtures, or made at run time from an unlicensed corpus capture. */
function fixtureText(name: string): string {
  const path = join(fixturesDir, `${name}.stream.txt`);
  if (existsSync(path)) return readFileSync(path, 'utf8');
  if (!privateCache.has(name)) {
    const file = privateOnly.find((f) => name.startsWith(f.replace(/\.pcap(ng)?$/, '')));
    if (!file) throw new Error(`no fixture ${name}`);
    for (const [n, text] of streamFixtures(file)) privateCache.set(n, text);
  }
  return privateCache.get(name)!;
}

export interface Fixture {
  /** tshark's tcp.stream of the connection. */
  stream: number;
  chunks: Feed[];
  gaps: Array<{ dir: 0 | 1; frame: number; offset: number; length: number; after: number }>;
  request: string;
  response: string;
  header(which: 'request' | 'response', name: string): string | null;
  extensions: NegotiatedExtensions;
}

/** Loads a stream fixture and splits off the HTTP upgrade request and response. */
export function loadFixture(name: string): Fixture {
  const text = fixtureText(name);
  const rows = text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(' '));
  const http: [string, string] = ['', ''];
  const done = [false, false];
  const chunks: Feed[] = [];
  const gaps: Fixture['gaps'] = [];
  for (const row of rows) {
    const frame = Number(row[0]);
    const dir = Number(row[1]) as 0 | 1;
    let offset = Number(row[2]);
    if (row[3] === 'gap') {
      gaps.push({ dir, frame, offset, length: Number(row[4]), after: chunks.length });
      continue;
    }
    let data = hex(row[3]!);
    if (!done[dir]) {
      const before = http[dir].length;
      http[dir] += Buffer.from(data).toString('latin1');
      const end = http[dir].indexOf('\r\n\r\n');
      if (end < 0) continue;
      done[dir] = true;
      const used = end + 4 - before;
      http[dir] = http[dir].slice(0, end + 4);
      data = data.subarray(used);
      offset += used;
      if (data.length === 0) continue;
    }
    chunks.push({ dir, frame, offset, data });
  }
  const header = (which: 'request' | 'response', name: string) => {
    const lines = http[which === 'request' ? 0 : 1].split('\r\n');
    const values = lines
      .filter((l) => l.toLowerCase().startsWith(name.toLowerCase() + ':'))
      .map((l) => l.slice(name.length + 1).trim());
    return values.length ? values.join(', ') : null;
  };
  return {
    stream: Number(/tcp\.stream (\d+)/.exec(text)?.[1] ?? 0),
    chunks,
    gaps,
    request: http[0],
    response: http[1],
    header,
    extensions: negotiateExtensions(
      header('request', 'Sec-WebSocket-Extensions'),
      header('response', 'Sec-WebSocket-Extensions'),
    ),
  };
}

/**
 * Replays a fixture. `split`: [dir, position in that direction's WebSocket bytes] where the chunk
 * holding that position is cut in two; 'bytes' feeds one byte at a time.
 */
export function replay(
  fx: Fixture,
  split: [0 | 1, number] | 'bytes' | null = null,
  limits: WebSocketLimits = {},
): WebSocketParser {
  const p = new WebSocketParser({}, { extensions: fx.extensions, limits });
  const start = [
    fx.chunks.find((c) => c.dir === 0)?.offset ?? 0,
    fx.chunks.find((c) => c.dir === 1)?.offset ?? 0,
  ];
  const feed = (c: StreamChunk & { dir: 0 | 1 }) => {
    // Copy, then scribble over the copy after the call: the parser must not keep borrowed bytes.
    const data = c.data.slice();
    p.push(c.dir, { data, frame: c.frame, offset: c.offset });
    data.fill(0xee);
  };
  fx.chunks.forEach((c, i) => {
    for (const g of fx.gaps) if (g.after === i) p.gap(g.dir, g.offset, g.length, g.frame);
    if (split === 'bytes') {
      for (let k = 0; k < c.data.length; k++)
        feed({ dir: c.dir, frame: c.frame, offset: c.offset + k, data: c.data.subarray(k, k + 1) });
      return;
    }
    if (split !== null && split[0] === c.dir) {
      const at = start[c.dir]! + split[1] - c.offset;
      if (at > 0 && at < c.data.length) {
        feed({ dir: c.dir, frame: c.frame, offset: c.offset, data: c.data.subarray(0, at) });
        feed({ dir: c.dir, frame: c.frame, offset: c.offset + at, data: c.data.subarray(at) });
        return;
      }
    }
    feed({ ...c });
  });
  p.finish();
  return p;
}

export const fixtureNames = [
  'ws-sv-browser-basic',
  'ws-sv-control-frame-inside-fragmented-message',
  'ws-sv-permessage-deflate',
  'ws-sv-ping-pong-sll',
  'ws-zeek-baseline-linux-lo',
  'ws-zeek-close-1009',
  'ws-zeek-fragmented-reply',
  'ws-zeek-jupyter',
  'ws-zeek-oversized-close-frame',
  'ws-zeek-permessage-deflate-linux-lo',
  'ws-zeek-reply-ping-coalesced',
  'ws-zeek-two-binary-fragments',
  'ws-zeek-wrong-accept-header',
  'ws-zeek-wstunnel-ssh',
  'ws-zeek-wstunnel-ssh-tcp1',
];

/** Fixtures from captures without a license (SOURCES.md): built at run time, never stored. */
export const privateFixtureNames = ['ws-spang-ipv6-linux-lo', 'ws-emmunaf-websocket-org-echo'];
let tsharkPresent: boolean | null = null;

/** The corpus and tshark are both here (checked once, on first use). */
export function privateAvailable(): boolean {
  if (tsharkPresent === null) {
    try {
      execFileSync('tshark', ['-v'], { stdio: 'ignore' });
      tsharkPresent = true;
    } catch {
      tsharkPresent = false;
    }
  }
  return existsSync(corpusDir) && tsharkPresent;
}
