// Recognising TLS from a connection's first bytes, without decrypting anything:
//   RFC 8446 §5.1 TLSPlaintext record header: ContentType(1) ProtocolVersion(2) length(2);
//   RFC 8446 §4.1.2 ClientHello (legacy_version, random, session id, cipher suites, compression,
//   extensions); RFC 6066 §3 server_name (SNI); RFC 7301 §3.1 ALPN; RFC 8446 §4.2.1
//   supported_versions. The hello may span several records (RFC 8446 §5.1 fragmentation).
// The bytes are hostile: every read is bounds-checked and nothing throws.

export interface TlsSniff {
  isTls: boolean;
  /** Content type of the first record (20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data). */
  recordType?: number;
  /** Record-layer version, e.g. "TLS 1.2" (TLS 1.3 hellos say 1.0 or 1.2 here, RFC 8446 §5.1). */
  version?: string;
  /** The first handshake message is a ClientHello. */
  clientHello?: boolean;
  /** Highest version the ClientHello offers (supported_versions, else legacy_version). */
  helloVersion?: string;
  /** server_name host_name, when the whole ClientHello is in the bytes. */
  sni?: string;
  alpn?: string[];
}

const VERSION_NAMES: Record<number, string> = {
  0x0300: 'SSL 3.0',
  0x0301: 'TLS 1.0',
  0x0302: 'TLS 1.1',
  0x0303: 'TLS 1.2',
  0x0304: 'TLS 1.3',
};

function versionName(v: number): string {
  return VERSION_NAMES[v] ?? `0x${v.toString(16).padStart(4, '0')}`;
}

/** RFC 8446 §5.1: a record is at most 2^14 bytes plus expansion (2^14 + 2048 for TLSCiphertext). */
const MAX_RECORD = 16384 + 2048;
/** ClientHellos above this are not worth reassembling for a sniff. */
const MAX_HELLO = 65536;

function u16(b: Uint8Array, i: number): number {
  return (b[i]! << 8) | b[i + 1]!;
}

export function sniffTls(firstBytes: Uint8Array): TlsSniff {
  const b = firstBytes;
  if (b.length < 5) return { isTls: false };
  const type = b[0]!;
  const version = u16(b, 1);
  const length = u16(b, 3);
  if (type < 20 || type > 23 || version < 0x0300 || version > 0x0304 || length === 0 || length > MAX_RECORD) {
    return { isTls: false };
  }
  const out: TlsSniff = { isTls: true, recordType: type, version: versionName(version) };
  if (type !== 22 || b.length < 6) return out;
  out.clientHello = b[5] === 1;
  if (!out.clientHello) return out;
  const hello = handshakeMessage(b);
  if (hello !== null) parseClientHello(hello, out);
  return out;
}

/** The first handshake message's body, joined across handshake records; null if incomplete. */
function handshakeMessage(b: Uint8Array): Uint8Array | null {
  let pos = 0;
  let body: Uint8Array | null = null;
  let need = -1;
  let filled = 0;
  while (pos + 5 <= b.length) {
    if (b[pos] !== 22) return null;
    const len = u16(b, pos + 3);
    const start = pos + 5;
    const end = Math.min(start + len, b.length);
    let frag = b.subarray(start, end);
    if (body === null) {
      if (frag.length < 4) return null;
      need = (frag[1]! << 16) | (frag[2]! << 8) | frag[3]!;
      if (need > MAX_HELLO) return null;
      frag = frag.subarray(4);
      if (frag.length >= need) return frag.subarray(0, need);
      body = new Uint8Array(need);
    }
    const take = Math.min(frag.length, need - filled);
    body.set(frag.subarray(0, take), filled);
    filled += take;
    if (filled === need) return body;
    if (end < start + len) return null;
    pos = end;
  }
  return null;
}

function parseClientHello(h: Uint8Array, out: TlsSniff): void {
  if (h.length < 2 + 32 + 1) return;
  out.helloVersion = versionName(u16(h, 0));
  // legacy_version(2) random(32), then the variable-length vectors.
  let p = 34;
  const sid = h[p]!;
  p += 1 + sid;
  if (p + 2 > h.length) return;
  p += 2 + u16(h, p);
  if (p + 1 > h.length) return;
  p += 1 + h[p]!;
  if (p + 2 > h.length) return;
  const extEnd = Math.min(h.length, p + 2 + u16(h, p));
  p += 2;
  while (p + 4 <= extEnd) {
    const type = u16(h, p);
    const len = u16(h, p + 2);
    const s = p + 4;
    const e = s + len;
    if (e > extEnd) return;
    if (type === 0) readServerName(h, s, e, out);
    else if (type === 16) readAlpn(h, s, e, out);
    else if (type === 43) readSupportedVersions(h, s, e, out);
    p = e;
  }
}

function ascii(h: Uint8Array, s: number, e: number): string | null {
  let t = '';
  for (let i = s; i < e; i++) {
    const c = h[i]!;
    if (c < 0x21 || c > 0x7e) return null;
    t += String.fromCharCode(c);
  }
  return t;
}

function readServerName(h: Uint8Array, s: number, e: number, out: TlsSniff): void {
  if (s + 2 > e) return;
  const listEnd = Math.min(e, s + 2 + u16(h, s));
  let p = s + 2;
  while (p + 3 <= listEnd) {
    const nameType = h[p]!;
    const len = u16(h, p + 1);
    const ns = p + 3;
    if (ns + len > listEnd) return;
    if (nameType === 0 && len > 0) {
      const name = ascii(h, ns, ns + len);
      if (name !== null) out.sni = name;
      return;
    }
    p = ns + len;
  }
}

function readAlpn(h: Uint8Array, s: number, e: number, out: TlsSniff): void {
  if (s + 2 > e) return;
  const listEnd = Math.min(e, s + 2 + u16(h, s));
  const names: string[] = [];
  let p = s + 2;
  while (p + 1 <= listEnd) {
    const len = h[p]!;
    if (len === 0 || p + 1 + len > listEnd) break;
    const name = ascii(h, p + 1, p + 1 + len);
    if (name !== null) names.push(name);
    p += 1 + len;
  }
  if (names.length > 0) out.alpn = names;
}

function readSupportedVersions(h: Uint8Array, s: number, e: number, out: TlsSniff): void {
  if (s + 1 > e) return;
  const end = Math.min(e, s + 1 + h[s]!);
  let best = -1;
  for (let p = s + 1; p + 2 <= end; p += 2) {
    const v = u16(h, p);
    // Skip GREASE values (RFC 8701: 0x?a?a) and anything outside SSL 3.0..TLS 1.3.
    if (v >= 0x0300 && v <= 0x0304 && v > best) best = v;
  }
  if (best >= 0) out.helloVersion = versionName(best);
}
