// Differential test against tshark 4.0.17 on the public corpus: the frames that complete HTTP
// requests and responses (DESIGN §3: a message belongs to the frame whose bytes complete it) must
// carry the same methods and status codes as tshark's http.request.method / http.response.code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { ourHttp, tsharkHttp } from './corpus-http.ts';

const dir = new URL('../../../../shared/corpus/public/', import.meta.url).pathname;
const files = readdirSync(dir)
  .filter((f) => /^(http|ws|tls|tcp-zeek-(handshake|missing|reassembly))-.*\.pcap(ng)?$/.test(f))
  .sort();

/** Files where we knowingly differ from tshark, and why. */
const KNOWN: Record<string, string> = {
  // Snaplen 96 cuts the request and the response: both are incomplete (see the test below), and
  // this comparison counts only complete requests and responses with complete headers.
  'http-zeek-snaplen96.pcap': 'truncated by snaplen',
};

for (const f of files) {
  test(`corpus ${f}: HTTP message frames match tshark`, () => {
    const ours = ourHttp(dir + f);
    const theirs = tsharkHttp(readFileSync(`${dir}expected/${f}.tsv`, 'utf8'));
    if (KNOWN[f]) {
      assert.notDeepEqual(
        [...ours.requests],
        [...theirs.requests],
        `${f} now agrees with tshark: drop it from KNOWN`,
      );
      return;
    }
    assert.deepEqual(
      [...ours.requests].sort((a, b) => a[0] - b[0]),
      [...theirs.requests].sort((a, b) => a[0] - b[0]),
      'requests',
    );
    assert.deepEqual(
      [...ours.responses].sort((a, b) => a[0] - b[0]),
      [...theirs.responses].sort((a, b) => a[0] - b[0]),
      'responses',
    );
  });
}

test('corpus: snaplen-cut messages are incomplete with http1.gap', () => {
  const ours = ourHttp(dir + 'http-zeek-snaplen96.pcap');
  const p = ours.parsers.get(0)!;
  // The snaplen leaves 30 bytes of the request: its line is cut inside the version, but method and
  // target are there, so the request is kept (incomplete, on frame 4) and pairs with the 200, whose
  // status line survives before its own gap.
  assert.equal(p.exchanges.length, 1);
  const x = p.exchanges[0]!;
  assert.equal(x.method, 'GET');
  assert.equal(x.target, '/images/sf.net_box.gif');
  assert.equal(x.request!.version, 'HTT');
  assert.equal(x.request!.complete, false);
  assert.equal(x.request!.missingBytes, 466);
  assert.equal(x.requestFrame, 4);
  assert.equal(x.status, 200);
  assert.equal(x.responseFrame, 6);
  assert.equal(x.response!.complete, false);
  assert.deepEqual(
    p.diagnostics.map((d) => `${d.id}@${d.frame}`),
    ['http1.gap@4', 'http1.start_line.truncated@4', 'http1.gap@6'],
  );
});

test('corpus: protocol switches and the bytes handed over', () => {
  const summary = (f: string) =>
    ourHttp(dir + f).handoffs.map(
      (h) => `${h.conn}:${h.kind}:${h.x.upgrade?.protocol ?? ''}:${h.leftoverBytes.join('/')}`,
    );
  // 101 and the first WebSocket frame share a segment: those bytes are handed over.
  assert.deepEqual(summary('ws-zeek-reply-ping-coalesced.pcap'), ['0:upgrade:websocket:0/6']);
  assert.deepEqual(summary('ws-sv-browser-basic.pcap'), ['0:upgrade:WebSocket:0/12']);
  // Upgrade: tcp is handed over too; the caller decides it is not WebSocket.
  assert.deepEqual(summary('http-zeek-docker-upgrade-not-websocket.pcap'), ['1:upgrade:tcp:0/0']);
  // CONNECT then TLS: a tunnel; the stray LF after each header block travels with it.
  assert.deepEqual(summary('tls-sv-http-connect-then-tls-null.pcap'), ['0:tunnel::1/1']);
});

test('corpus: framing diagnostics on real traffic', () => {
  const ids = (f: string) =>
    [...ourHttp(dir + f).parsers.values()].flatMap((p) => p.diagnostics.map((d) => d.id));
  assert.ok(ids('http-zeek-te-cl-desync-rawip4.pcap').includes('http1.framing.te_and_cl'));
  assert.deepEqual(ids('http-sv-chunked-null-lo0.pcap').sort(), [
    'http1.chunk.whitespace',
    'http1.chunk.whitespace',
    'http1.line.bare_lf',
    'http1.line.bare_lf',
  ]);
  assert.deepEqual(ids('http-zeek-browse-keepalive.pcap'), []);
  const heavy = ourHttp(dir + 'http-sv-pipelined-heavy.pcap').parsers.get(0)!;
  assert.ok(heavy.exchanges.length > 20);
  assert.ok(heavy.exchanges.every((x) => x.request !== null && x.response !== null));
});
