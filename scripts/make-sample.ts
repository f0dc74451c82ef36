// Re-makes samples/wirestep-sample.pcap from REAL loopback traffic (needs root and tcpdump):
// HTTP/1.0 short connections, HTTP/1.1 keep-alive, pipelining, a reset, and a WebSocket session
// with permessage-deflate, ping and a close handshake.
//   node --import tsx scripts/make-sample.ts [OUT.pcap]
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTcpdump, tcpdumpAvailable } from '../lab/tcpdump.ts';
import * as lab from '../lab/scenarios.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'samples', 'wirestep-sample.pcap');

if (!tcpdumpAvailable()) {
  console.error('make-sample: needs root and tcpdump (apt-get install tcpdump)');
  process.exit(1);
}
mkdirSync(dirname(out), { recursive: true });
const server = await lab.startLabServer('127.0.0.1');
const cap = await startTcpdump(out, `tcp port ${server.port}`);
try {
  await lab.http10Short(server, ['/index.html', '/style.css']);
  await lab.http11KeepAlive(server, ['/a.txt', '/b.txt', '/c.txt']);
  await lab.http11Pipelined(server, ['/p1', '/p2', '/p3']);
  await lab.websocketSession(server, {
    deflate: true,
    messages: ['hello', 'how are you?'],
    ping: true,
    push: true,
  });
  await lab.httpReset(server);
} finally {
  await cap.stop();
  await server.close();
}
console.log(`wrote ${out}`);
