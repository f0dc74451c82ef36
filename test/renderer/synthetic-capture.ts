// A large synthetic capture for the ladder's performance test: one HTTP/1.1 keep-alive connection
// on loopback with `exchanges` request/response pairs (2 packets each, plus handshake and
// teardown), 50 µs apart, with a 3 s idle gap every 1000 exchanges. Classic pcap, Ethernet.

function ipChecksum(b: Uint8Array, off: number): number {
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (b[off + i]! << 8) | b[off + i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function keepAlivePcap(exchanges: number): Uint8Array {
  const enc = new TextEncoder();
  const packets: Array<{ t: number; data: Uint8Array }> = [];
  const seq = [1000, 5000];
  let t = 1_700_000_000;
  const CLIENT = 40000;
  const SERVER = 8080;
  const push = (dir: 0 | 1, flags: number, payload: Uint8Array, advance = 0.00005) => {
    t += advance;
    const len = 14 + 20 + 20 + payload.length;
    const b = new Uint8Array(len);
    const v = new DataView(b.buffer);
    b.set([2, 0, 0, 0, 0, dir ? 1 : 2, 2, 0, 0, 0, 0, dir ? 2 : 1], 0);
    v.setUint16(12, 0x0800);
    b[14] = 0x45;
    v.setUint16(16, 20 + 20 + payload.length);
    v.setUint16(18, packets.length & 0xffff);
    v.setUint16(20, 0x4000);
    b[22] = 64;
    b[23] = 6;
    b.set([127, 0, 0, 1, 127, 0, 0, 1], 26);
    v.setUint16(24, ipChecksum(b, 14));
    v.setUint16(34, dir ? SERVER : CLIENT);
    v.setUint16(36, dir ? CLIENT : SERVER);
    v.setUint32(38, seq[dir]! >>> 0);
    v.setUint32(42, flags & 0x10 ? seq[1 - dir]! >>> 0 : 0);
    b[46] = 0x50;
    b[47] = flags;
    v.setUint16(48, 65535);
    b.set(payload, 54);
    seq[dir] = (seq[dir]! + payload.length + (flags & 0x03 ? 1 : 0)) >>> 0;
    packets.push({ t, data: b });
  };
  const none = new Uint8Array(0);
  push(0, 0x02, none); // SYN
  push(1, 0x12, none); // SYN-ACK
  push(0, 0x10, none); // ACK
  const body = 'ok';
  const res = enc.encode(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  for (let i = 0; i < exchanges; i++) {
    const gap = i > 0 && i % 1000 === 0 ? 3 : 0.00005;
    push(0, 0x18, enc.encode(`GET /item/${i} HTTP/1.1\r\nHost: x\r\n\r\n`), gap);
    push(1, 0x18, res);
  }
  push(0, 0x11, none); // FIN from client
  push(1, 0x11, none);
  push(0, 0x10, none);

  let size = 24;
  for (const p of packets) size += 16 + p.data.length;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, 1, true);
  let off = 24;
  for (const p of packets) {
    const sec = Math.floor(p.t);
    v.setUint32(off, sec, true);
    v.setUint32(off + 4, Math.round((p.t - sec) * 1e6) % 1_000_000, true);
    v.setUint32(off + 8, p.data.length, true);
    v.setUint32(off + 12, p.data.length, true);
    out.set(p.data, off + 16);
    off += 16 + p.data.length;
  }
  return out;
}
