// HTTP and WebSocket from real peers on loopback, captured by tcpdump, dissected by the engine and
// compared with tshark on the same file — and, where tshark is known to be wrong (fragmented
// permessage-deflate messages: tshark 4.0 fails to inflate them), with what the peers really sent.
// Peers: node `http`, the `ws` package with and without permessage-deflate, Debian's
// python3-websockets, curl.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeBytes, type AnalysisResult } from '../../core/analyze.ts';
import { startTcpdump, tcpdumpAvailable } from '../../lab/tcpdump.ts';
import * as lab from '../../lab/scenarios.ts';
import { tsharkFields, tsharkAvailable } from '../helpers/tshark.ts';
import { APP_FIELDS, appFactsFromTshark, compareAppFacts, ourAppFacts } from '../helpers/app-facts.ts';

const PYTHON = '/usr/bin/python3';
const hasPythonWs =
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import websockets'], { stdio: 'ignore' }).status === 0;
const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
const ready = tcpdumpAvailable() && tsharkAvailable() && hasPythonWs && hasCurl;
// In CI every peer is installed by .ci/run: a missing one is a failure, not a skip.
const skip = !ready && !process.env.CI ? 'needs root, tcpdump, tshark, curl and python3-websockets' : false;
/** Runs a peer as a child process without blocking this process's event loop (our server runs here). */
function runPeer(
  cmd: string,
  args: string[],
  timeoutMs = 15_000,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'wirestep-app-'));

interface Made {
  name: string;
  file: string;
  result: AnalysisResult;
  sent: string[];
  received: string[];
}
const made: Made[] = [];

async function capture(
  name: string,
  body: (s: lab.LabServer) => Promise<{ sent: string[]; received: string[] } | void>,
) {
  const server = await lab.startLabServer('127.0.0.1');
  const file = join(dir, `${name}.pcap`);
  const cap = await startTcpdump(file, `tcp port ${server.port}`);
  let io: { sent: string[]; received: string[] } | void;
  try {
    io = await body(server);
  } finally {
    await cap.stop();
    await server.close();
  }
  const m = {
    name,
    file,
    result: analyzeBytes(new Uint8Array(readFileSync(file))),
    sent: io?.sent ?? [],
    received: io?.received ?? [],
  };
  made.push(m);
  return m;
}

const PY_CLIENT = `
import asyncio, sys, websockets
async def main():
    async with websockets.connect(sys.argv[1]) as ws:
        got = []
        for m in ["hello from python", "x" * 3000, "ünïcödé ✓"]:
            await ws.send(m)
            got.append(await ws.recv())
        await ws.send(["frag1 ", "frag2 ", "frag3"])   # one message in three fragments
        got.append(await ws.recv())
        await ws.close(1000, "py bye")
        for g in got: print(g)
asyncio.run(main())
`;

before(async () => {
  if (skip) return;
  assert.ok(ready, 'CI must provide tcpdump (as root), tshark, curl and python3-websockets');
  await capture('node-http', async (s) => {
    await lab.http10Short(s, ['/one']);
    await lab.http11KeepAlive(s, ['/k1', '/k2']);
    await lab.http11Pipelined(s, ['/p1', '/p2', '/p3']);
  });
  await capture('curl', async (s) => {
    for (const args of [['--http1.0'], ['--http1.1'], ['--http1.1', '-I'], ['--http1.1', '-d', 'a=1&b=2']]) {
      const r = await runPeer('curl', ['-s', '-o', '/dev/null', ...args, `http://127.0.0.1:${s.port}/curl`]);
      assert.equal(r.status, 0, `curl ${args.join(' ')}`);
    }
  });
  for (const deflate of [false, true]) {
    await capture(`ws-${deflate ? 'deflate' : 'plain'}`, async (s) => {
      const messages = ['hello', 'how are you?', 'y'.repeat(200)];
      const received = await lab.websocketSession(s, {
        deflate,
        messages,
        ping: true,
        push: true,
        binary: true,
      });
      return { sent: messages, received };
    });
    await capture(`ws-fragments-${deflate ? 'deflate' : 'plain'}`, async (s) => {
      const parts = ['first part, ', 'second part, ', 'third part'];
      const received = await lab.websocketFragments(s, { deflate, parts });
      return { sent: [`frag:${parts.join('')}`], received };
    });
  }
  await capture('python-websockets', async (s) => {
    const r = await runPeer(PYTHON, ['-c', PY_CLIENT, `ws://127.0.0.1:${s.port}/ws`]);
    assert.equal(r.status, 0, r.stderr);
    return {
      sent: ['hello from python', 'x'.repeat(3000), 'ünïcödé ✓', 'frag1 frag2 frag3'],
      received: r.stdout.trim().split('\n'),
    };
  });
});

test('per-frame HTTP and WebSocket facts agree with tshark on every loopback capture', { skip }, () => {
  let compared = 0;
  const diffs: string[] = [];
  for (const m of made) {
    const r = compareAppFacts(
      ourAppFacts(readFileSync(m.file)),
      appFactsFromTshark(tsharkFields(m.file, APP_FIELDS)),
    );
    compared += r.compared;
    diffs.push(...r.diffs.map((d) => `${m.name}${d.key}: ${d.text}`));
  }
  console.log(`loopback HTTP/WebSocket vs tshark: ${compared - diffs.length}/${compared} frame facts agree`);
  assert.ok(compared > 60, `compared ${compared}`);
  assert.deepEqual(diffs, []);
});

test('curl and node http: methods, targets and statuses as sent', { skip }, () => {
  const http = (name: string) =>
    made.find((m) => m.name === name)!.result.connections.flatMap((c) => c.dissection.http);
  assert.deepEqual(
    http('curl').map((x) => `${x.method} ${x.target} ${x.status}`),
    ['GET /curl 200', 'GET /curl 200', 'HEAD /curl 200', 'POST /curl 200'],
  );
  const node = made.find((m) => m.name === 'node-http')!.result;
  assert.equal(node.connections.length, 3);
  assert.equal(node.connections[0]!.dissection.httpSummary?.shortConnection, true);
  assert.equal(node.connections[1]!.dissection.httpSummary?.reused, true);
  assert.deepEqual(
    node.connections[2]!.dissection.http.map((x) => x.target),
    ['/p1', '/p2', '/p3'],
  );
});

/** Text messages decoded by the engine, per side. */
function texts(m: Made, from: 'client' | 'server'): string[] {
  return m.result.connections
    .flatMap((c) => c.dissection.websocket?.messages ?? [])
    .filter((x) => x.from === from && x.type === 'text')
    .map((x) => x.text ?? '');
}

test('WebSocket messages decode to exactly what the peers sent (incl. fragmented deflate)', { skip }, () => {
  for (const m of made.filter((x) => x.name.startsWith('ws-') || x.name === 'python-websockets')) {
    const c = m.result.connections[0]!;
    assert.equal(c.dissection.application, 'websocket', m.name);
    assert.equal(c.dissection.websocket!.upgrade!.acceptValid, true, m.name);
    assert.equal(
      c.dissection.websocket!.permessageDeflate,
      m.name.includes('deflate') || m.name === 'python-websockets',
      m.name,
    );
    const clientTexts = texts(m, 'client').filter((t) => t !== 'push');
    assert.deepEqual(clientTexts, m.sent, `${m.name}: client messages`);
    assert.deepEqual(texts(m, 'server'), m.received, `${m.name}: server messages`);
    const diags = [...c.dissection.diagnostics].filter(
      (d) => d.severity === 'error' || d.id.startsWith('ws.deflate'),
    );
    assert.deepEqual(diags, [], `${m.name}: no errors`);
  }
  const frag = made.find((x) => x.name === 'ws-fragments-deflate')!;
  const fragFrames = frag.result.connections[0]!.dissection.websocket!.frames.filter(
    (f) => f.from === 'client' && f.opcode !== 8,
  );
  assert.deepEqual(
    fragFrames.map((f) => [f.opcode, f.fin]),
    [
      [1, false],
      [0, false],
      [0, true],
    ],
    'really fragmented on the wire',
  );
  assert.equal(fragFrames[0]!.rsv & 4, 4, 'really compressed (RSV1 on the first fragment)');
});

test('close handshakes: codes and reasons', { skip }, () => {
  const py = made.find((m) => m.name === 'python-websockets')!;
  const closes = py.result.connections[0]!.dissection.websocket!.messages.filter((x) => x.type === 'close');
  assert.deepEqual(
    closes.map((c) => [c.from, c.code, c.reason]),
    [
      ['client', 1000, 'py bye'],
      ['server', 1000, 'py bye'],
    ],
  );
});
