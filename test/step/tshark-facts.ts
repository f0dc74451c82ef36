// The independent source for the numbers a step quotes: tshark's own fields for the same frame.
// One tshark run per capture; values per frame as lists (a frame can complete several HTTP
// requests or WebSocket frames), so a fact is checked by membership.
import { spawnSync } from 'node:child_process';
import { wireText } from '../../core/step/wire-text.ts';

const SEP = '\x1e';

export const FIELDS = [
  'frame.number',
  'tcp.stream',
  'ip.src',
  'ipv6.src',
  'ip.dst',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.flags.syn',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.seq',
  'tcp.ack',
  'tcp.nxtseq',
  'tcp.len',
  'tcp.window_size',
  'tcp.options.mss_val',
  'tcp.options.wscale.shift',
  'tcp.analysis.initial_rtt',
  'tcp.analysis.duplicate_ack_num',
  'tcp.analysis.duplicate_ack_frame',
  'tcp.payload',
  'tcp.reassembled.data',
  'http.request.method',
  'http.request.uri',
  'http.request.version',
  'http.request_number',
  'http.response.code',
  'http.response.phrase',
  'http.content_length',
  'http.chunk_size',
  'http.sec_websocket_key',
  'http.sec_websocket_accept',
  'websocket.payload_length',
  'websocket.payload_length_ext_16',
  'websocket.payload_length_ext_64',
  'websocket.masking_key',
  'websocket.payload.close.status_code',
  'websocket.payload.close.reason',
  'websocket.payload.text',
  'tls.handshake.extensions_server_name',
] as const;

export type Field = (typeof FIELDS)[number];
export type FrameFields = Record<Field, string[]>;

export function tsharkFrames(file: string): Map<number, FrameFields> {
  const args = ['-n', '-r', file];
  for (const o of [
    'tcp.desegment_tcp_streams:TRUE',
    'tcp.reassemble_out_of_order:FALSE',
    'tcp.analyze_sequence_numbers:TRUE',
    'tcp.relative_sequence_numbers:TRUE',
    'websocket.decompress:TRUE',
  ])
    args.push('-o', o);
  args.push(
    '-T',
    'fields',
    '-E',
    'occurrence=a',
    '-E',
    `aggregator=${SEP}`,
    '-E',
    'separator=\t',
    '-E',
    'quote=n',
  );
  for (const f of FIELDS) args.push('-e', f);
  const r = spawnSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, WIRESHARK_CONFIG_DIR: '/nonexistent-wirestep' },
  });
  if (r.status !== 0) throw new Error(`tshark failed: ${r.stderr}`);
  const out = new Map<number, FrameFields>();
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const cells = line.split('\t');
    const row = {} as FrameFields;
    FIELDS.forEach((f, i) => {
      const c = cells[i] ?? '';
      row[f] = c === '' ? [] : c.split(SEP);
    });
    out.set(Number(row['frame.number'][0]), row);
  }
  return out;
}

function endpoint(addr: string | undefined, port: string | undefined): string {
  if (addr === undefined || port === undefined) return '';
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/** HTTP header block lengths in one payload (start line up to and including the empty line; bare LF allowed). */
function headerBlocks(hex: string): number[] {
  const text = Buffer.from(hex, 'hex').toString('latin1');
  const out: number[] = [];
  const blank = /\r?\n\r?\n/g;
  let start = 0;
  for (let m = blank.exec(text); m !== null; m = blank.exec(text)) {
    const end = m.index + m[0].length;
    out.push(end - start);
    start = end;
  }
  return out;
}

/** Body bytes of a response whose body runs to the connection's close: server bytes after the last header block. */
function closeDelimitedBody(all: Map<number, FrameFields>, frame: number): number | null {
  const me = all.get(frame)!;
  const stream = me['tcp.stream'][0];
  const port = me['tcp.srcport'][0];
  let hex = '';
  for (const [n, f] of all) {
    if (n > frame) break;
    if (f['tcp.stream'][0] === stream && f['tcp.srcport'][0] === port && f['tcp.payload'][0])
      hex += f['tcp.payload'][0];
  }
  const text = Buffer.from(hex, 'hex').toString('latin1');
  const i = text.lastIndexOf('\r\n\r\n');
  return i < 0 ? null : text.length - (i + 4);
}

/**
 * What tshark says the value of fact `key` can be at `frame` (the fact must be one of them).
 * Throws for a fact key no independent source is known for: every fact must be checkable.
 */
export function expectedValues(all: Map<number, FrameFields>, frame: number, key: string): string[] {
  const values = rawValues(all, frame, key);
  // Wire strings are shown escaped and clipped (core/step/wire-text.ts): compare them that way.
  return WIRE_STRINGS.has(key.replace(/\.\d+$/, '')) ? values.map((v) => wireText(v)) : values;
}

const WIRE_STRINGS = new Set([
  'method',
  'target',
  'version',
  'reason',
  'wsKey',
  'wsAccept',
  'text',
  'closeReason',
  'sni',
]);

function rawValues(all: Map<number, FrameFields>, frame: number, key: string): string[] {
  const f = all.get(frame);
  if (!f) return [];
  const base = key.replace(/\.\d+$/, '');
  switch (base) {
    case 'client':
    case 'server':
      return [
        endpoint(f['ip.src'][0] ?? f['ipv6.src'][0], f['tcp.srcport'][0]),
        endpoint(f['ip.dst'][0] ?? f['ipv6.dst'][0], f['tcp.dstport'][0]),
      ];
    case 'isn':
      return f['tcp.flags.syn'][0] === '1' || f['tcp.flags.syn'][0] === 'True' ? f['tcp.seq_raw'] : [];
    case 'seq':
      return f['tcp.seq_raw'];
    case 'ack':
      return f['tcp.ack_raw'];
    case 'relSeq':
      return f['tcp.seq'];
    case 'relAck':
      return f['tcp.ack'];
    case 'nextSeq':
      return f['tcp.nxtseq'];
    case 'len':
      return f['tcp.len'];
    case 'windowSize':
      return f['tcp.window_size'];
    case 'mss':
      return f['tcp.options.mss_val'];
    case 'windowScale':
      return f['tcp.options.wscale.shift'];
    case 'rttMs': {
      // A property of the connection: tshark shows it on the frames after the handshake.
      const stream = f['tcp.stream'][0];
      for (const g of all.values()) {
        if (g['tcp.stream'][0] === stream && g['tcp.analysis.initial_rtt'].length) {
          return g['tcp.analysis.initial_rtt'].map((s) => (Number(s) * 1000).toFixed(3));
        }
      }
      return [];
    }
    case 'dupAckCount':
      return f['tcp.analysis.duplicate_ack_num'];
    case 'dupAckOf':
      return f['tcp.analysis.duplicate_ack_frame'];
    case 'method':
      return f['http.request.method'];
    case 'target':
      return f['http.request.uri'];
    case 'version':
      return f['http.request.version'];
    case 'requestNumber':
      return f['http.request_number'];
    case 'headerBytes':
      return [...f['tcp.reassembled.data'], ...f['tcp.payload']].flatMap(headerBlocks).map(String);
    case 'status':
      return f['http.response.code'];
    case 'reason':
      return f['http.response.phrase'];
    case 'bodyBytes':
    case 'requestBodyBytes': {
      const out = [...f['http.content_length']];
      const chunks = f['http.chunk_size'];
      if (chunks.length) out.push(String(chunks.reduce((a, s) => a + Number(s), 0)));
      const close = closeDelimitedBody(all, frame);
      if (close !== null) out.push(String(close));
      return out;
    }
    case 'wsKey':
      return f['http.sec_websocket_key'];
    case 'wsAccept':
      return f['http.sec_websocket_accept'];
    case 'wsLen': {
      // 126 and 127 announce a 16- or 64-bit extended length (RFC 6455 §5.2).
      const ext16 = [...f['websocket.payload_length_ext_16']];
      const ext64 = [...f['websocket.payload_length_ext_64']];
      return f['websocket.payload_length'].map(
        (n) => (n === '126' ? ext16.shift() : n === '127' ? ext64.shift() : n) ?? n,
      );
    }
    case 'maskKey':
      return f['websocket.masking_key'];
    case 'closeCode':
      return f['websocket.payload.close.status_code'];
    case 'closeReason':
      return f['websocket.payload.close.reason'];
    case 'text':
      return f['websocket.payload.text'];
    case 'sni':
      return f['tls.handshake.extensions_server_name'];
    default:
      throw new Error(`fact '${key}' has no independent source: add one to test/step/tshark-facts.ts`);
  }
}
