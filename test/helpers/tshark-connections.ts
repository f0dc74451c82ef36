// Connection facts (DESIGN §3) derived from tshark's per-frame fields by the documented rules,
// independently of our code: the reference side of the connection-level differential tests.
import type { Row } from './tshark.ts';

export interface Expected {
  frames: number[];
  handshake: { syn: number | null; synAck: number | null; ack: number | null } | null;
  close: { kind: string; by: string | null };
  retransmissions: number[];
}

const SYN = 0x002;
const ACK = 0x010;
const FIN = 0x001;
const RST = 0x004;

function src(r: Row): string {
  return `${r['ip.src'] || r['ipv6.src']}:${r['tcp.srcport']}`;
}
function dst(r: Row): string {
  return `${r['ip.dst'] || r['ipv6.dst']}:${r['tcp.dstport']}`;
}

/** Connection facts per tcp.stream, derived from tshark's per-frame fields. */
export function deriveFromTshark(rows: Row[]): Map<number, Expected> {
  const byStream = new Map<number, Array<{ frame: number; row: Row }>>();
  rows.forEach((row, i) => {
    // IP-in-IP or several TCP headers in one frame print several values: take the first.
    const s = row['tcp.stream']?.split(',')[0];
    if (!s) return;
    const list = byStream.get(Number(s)) ?? [];
    list.push({ frame: i + 1, row });
    byStream.set(Number(s), list);
  });
  const out = new Map<number, Expected>();
  for (const [stream, list] of byStream) {
    const flags = (r: Row) => parseInt(r['tcp.flags']!.split(',')[0]!, 16);
    const syn = list.find((x) => (flags(x.row) & (SYN | ACK)) === SYN);
    const synAck = list.find((x) => (flags(x.row) & (SYN | ACK)) === (SYN | ACK));
    let client: string | null = null;
    if (syn) client = src(syn.row);
    else if (synAck) client = dst(synAck.row);
    let ack: number | null = null;
    if (synAck) {
      const want = (Number(synAck.row['tcp.seq_raw']) + 1) >>> 0;
      const a = list.find(
        (x) =>
          x.frame > synAck.frame &&
          src(x.row) === client &&
          (flags(x.row) & (SYN | ACK)) === ACK &&
          Number(x.row['tcp.ack_raw']) === want,
      );
      ack = a ? a.frame : null;
    }
    const rst = list.find((x) => flags(x.row) & RST);
    const fin = list.find((x) => flags(x.row) & FIN);
    const closer = rst ?? fin;
    out.set(stream, {
      frames: list.map((x) => x.frame),
      handshake: syn || synAck ? { syn: syn?.frame ?? null, synAck: synAck?.frame ?? null, ack } : null,
      close: closer
        ? {
            kind: rst ? 'rst' : 'fin',
            by: client === null ? null : src(closer.row) === client ? 'client' : 'server',
          }
        : { kind: 'none', by: null },
      retransmissions: list.filter((x) => x.row['tcp.analysis.retransmission'] === '1').map((x) => x.frame),
    });
  }
  return out;
}
