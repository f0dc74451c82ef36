// Re-makes the small capture fixtures under test/fixtures/captures/ from REAL loopback traffic
// (needs root and tcpdump). Each file holds one scenario, so golden ladders stay readable.
//   node --import tsx scripts/make-fixtures.ts [NAME...]
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTcpdump, tcpdumpAvailable } from '../lab/tcpdump.ts';
import * as lab from '../lab/scenarios.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test/fixtures/captures');

export const FIXTURES: Record<string, { host?: string; run: (s: lab.LabServer) => Promise<unknown> }> = {
  'http10-short': { run: (s) => lab.http10Short(s, ['/index.html']) },
  'http11-keepalive-3': { run: (s) => lab.http11KeepAlive(s, ['/a.txt', '/b.txt', '/c.txt']) },
  'http11-pipelining': { run: (s) => lab.http11Pipelined(s, ['/p1', '/p2', '/p3']) },
  'websocket-close': {
    run: (s) => lab.websocketSession(s, { messages: ['hello', 'how are you?'], ping: true, push: true }),
  },
  'websocket-deflate': {
    run: (s) =>
      lab.websocketSession(s, {
        deflate: true,
        messages: ['hello hello hello', 'compressed?'],
        binary: true,
      }),
  },
  'rst-abort': { run: (s) => lab.httpReset(s) },
  'http10-short-ipv6': { host: '::1', run: (s) => lab.http10Short(s, ['/v6.txt']) },
};

if (!tcpdumpAvailable()) {
  console.error('make-fixtures: needs root and tcpdump');
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(FIXTURES);
for (const name of names) {
  const f = FIXTURES[name];
  if (!f) {
    console.error(`unknown fixture ${name}; known: ${Object.keys(FIXTURES).join(', ')}`);
    process.exit(1);
  }
  const server = await lab.startLabServer(f.host ?? '127.0.0.1');
  const file = join(outDir, `${name}.pcap`);
  mkdirSync(dirname(file), { recursive: true });
  const cap = await startTcpdump(file, `tcp port ${server.port}`);
  try {
    await f.run(server);
  } finally {
    await cap.stop();
    await server.close();
  }
  console.log(`wrote ${file}`);
}
