// The capture agent end to end, as root on loopback: real lab traffic captured by the agent
// (cap addon and tcpdump backends), streamed to the parent, analysed by the engine; the pcapng
// it wrote checked with our reader and tshark; SIGKILL mid-capture; structured errors for a bad
// filter and for missing capture rights (the agent run as user nobody).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeBytes, type AnalysisResult } from '../../core/analyze.ts';
import { createCaptureReader } from '../../core/capture-file/open-capture.ts';
import type { CaptureInterface } from '../../core/capture-file/types.ts';
import { startCapture, CaptureError, type CaptureOptions } from '../../electron/capture/capture-client.ts';
import { LivePcapng } from '../../electron/capture/live-pcapng.ts';
import type {
  RecordMessage,
  StartedMessage,
  StatsMessage,
  StoppedMessage,
} from '../../electron/ipc/capture-protocol.ts';
import * as lab from '../../lab/scenarios.ts';

function capLoads(): boolean {
  try {
    createRequire(import.meta.url)('cap');
    return true;
  } catch {
    return false;
  }
}
const has = (cmd: string, arg = '--version') => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
const ready =
  process.getuid?.() === 0 && capLoads() && has('tcpdump') && has('tshark') && has('dumpcap', '-v');
// In CI root, cap, tcpdump and tshark are provided: their absence is a failure, not a skip.
const skip = !ready && !process.env.CI ? 'needs root, the cap addon, tcpdump, dumpcap and tshark' : false;

const dir = mkdtempSync(join(tmpdir(), 'wirestep-agent-'));
chmodSync(dir, 0o777); // the agent run as nobody must get as far as opening the device
let server: lab.LabServer;

before(async () => {
  if (skip) return;
  assert.ok(ready, 'CI must run as root with cap, tcpdump, dumpcap and tshark');
  server = await lab.startLabServer('127.0.0.1');
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Captured {
  info: StartedMessage;
  interim: StatsMessage[];
  records: RecordMessage[];
  stopped: StoppedMessage | null;
  file: string;
}

async function capture(
  opts: Omit<CaptureOptions, 'outFile'> & { name: string },
  body: (records: readonly RecordMessage[]) => Promise<void>,
): Promise<Captured> {
  const file = join(dir, `${opts.name}.pcapng`);
  const session = startCapture({ ...opts, outFile: file });
  const records: RecordMessage[] = [];
  const interim: StatsMessage[] = [];
  session.on('record', (r) => records.push(r));
  session.on('stats', (s) => !s.final && interim.push(s));
  const info = await session.ready;
  try {
    await body(records);
  } finally {
    await session.stop();
  }
  return { info, interim, records, stopped: await session.stop(), file };
}

/** Our reader over the agent's file: interfaces, records (bytes copied) and the fatal error, if any. */
function readFile(file: string) {
  const ifaces: CaptureInterface[] = [];
  const recs: Array<{ frame: number; fileOffset: number; originalLength: number; data: Uint8Array }> = [];
  const reader = createCaptureReader({
    interface: (i) => ifaces.push(i),
    record: (r) =>
      recs.push({
        frame: r.frame,
        fileOffset: r.fileOffset,
        originalLength: r.originalLength,
        data: r.data.slice(),
      }),
  });
  reader.push(new Uint8Array(readFileSync(file)));
  reader.end();
  return { ifaces, recs, failed: reader.failed };
}

function tsharkCount(file: string): number {
  const r = spawnSync('tshark', ['-n', '-r', file, '-T', 'fields', '-e', 'frame.number'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `tshark -r ${file}: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.trim() !== '').length;
}

const MESSAGES = ['hello', 'how are you?', 'z'.repeat(300), 'ünïcödé ✓'];

// dumpcap comes with tshark (wireshark-common), so it is there whenever this file runs.
for (const backend of ['cap', 'tcpdump', 'dumpcap'] as const) {
  test(`${backend}: lab HTTP and WebSocket traffic, streamed and written`, { skip }, async () => {
    let received: string[] = [];
    const c = await capture(
      {
        name: `lab-${backend}`,
        backend,
        filter: `tcp port ${server.port}`,
        excludePorts: [1],
        statsIntervalMs: 20,
      },
      async () => {
        await lab.http10Short(server, ['/one', '/two']);
        await lab.http11KeepAlive(server, ['/k1', '/k2', '/k3']);
        received = await lab.websocketSession(server, { deflate: true, messages: MESSAGES, push: true });
      },
    );
    assert.equal(c.info.backend, backend);
    assert.equal(c.info.device, 'lo');
    assert.equal(c.info.linkType, 1);
    assert.equal(c.info.filter, `(tcp port ${server.port}) and not port 1`);
    assert.equal(c.info.timestampsExact, backend !== 'cap');

    // Streamed records, analysed by the engine.
    const result: AnalysisResult = analyzeBytes(LivePcapng.file(c.info, c.records));
    assert.equal(result.capture.error, null);
    assert.equal(result.connections.length, 4, 'two HTTP/1.0, one keep-alive, one WebSocket connection');
    assert.deepEqual(
      result.connections.flatMap((x) => x.dissection.http).map((x) => `${x.method} ${x.target} ${x.status}`),
      ['GET /one 200', 'GET /two 200', 'GET /k1 200', 'GET /k2 200', 'GET /k3 200', 'GET /ws 101'],
    );
    const ws = result.connections[3]!.dissection;
    assert.equal(ws.application, 'websocket');
    assert.equal(ws.websocket!.permessageDeflate, true);
    const texts = (from: string) =>
      ws.websocket!.messages.filter((m) => m.from === from && m.type === 'text').map((m) => m.text);
    assert.deepEqual(texts('client'), [...MESSAGES, 'push']);
    assert.deepEqual(texts('server'), received);
    assert.equal(received.length, MESSAGES.length + 3);

    // Records: numbered 1..n, marked as the backend's timestamps are, nothing lost on the way.
    assert.deepEqual(
      c.records.map((r) => r.frame),
      c.records.map((_, i) => i + 1),
    );
    assert.ok(c.records.every((r) => r.timestampApproximate === (backend === 'cap')));
    for (let i = 1; i < c.records.length; i++) {
      const a = c.records[i - 1]!;
      const b = c.records[i]!;
      assert.ok(b.tsSec > a.tsSec || (b.tsSec === a.tsSec && b.tsNsec >= a.tsNsec), `time order at ${i + 1}`);
    }
    assert.ok(c.interim.length > 0, 'periodic stats while capturing');
    assert.ok(c.interim.every((s) => !s.final && s.received <= c.records.length));
    const stats = c.stopped!.stats;
    assert.equal(c.stopped!.reason, 'requested');
    assert.equal(stats.final, true);
    assert.equal(stats.received, c.records.length);
    assert.equal(stats.parentDropped, 0);
    assert.equal(stats.truncated, 0);
    if (backend === 'cap') {
      assert.equal(stats.dropped, null, 'cap cannot know kernel drops: say so, do not claim 0');
      assert.match(stats.droppedSource, /pcap_stats/);
    } else assert.equal(stats.dropped, 0);

    // The file: same packets, same bytes, same offsets; tshark agrees on the count.
    const f = readFile(c.file);
    assert.equal(f.failed, null);
    assert.equal(f.recs.length, c.records.length);
    f.recs.forEach((r, i) => {
      assert.deepEqual(r.data, c.records[i]!.data, `frame ${i + 1} bytes`);
      assert.equal(r.fileOffset, c.records[i]!.fileOffset, `frame ${i + 1} offset`);
    });
    assert.equal(f.ifaces[0]!.tsUnitsPerSecond, 1e9);
    if (backend === 'cap') assert.match(f.ifaces[0]!.description ?? '', /approximate/);
    assert.equal(tsharkCount(c.file), c.records.length);
  });
}

test(
  "cap: frames past cap's 65535-byte snaplen keep their wire length; tcpdump keeps them whole",
  { skip },
  async () => {
    const body = 'b'.repeat(4_000_000);
    const post = `POST /big HTTP/1.0\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    for (const backend of ['cap', 'tcpdump'] as const) {
      const c = await capture(
        { name: `big-${backend}`, backend, filter: `tcp port ${server.port}` },
        async (seen) => {
          // Full-size segments need a grown window and a receiver that keeps up: on a loaded machine
          // one 4 MB upload may not produce any, so send until one is seen (at most 4 times).
          for (let i = 0; i < 4 && !seen.some((r) => r.originalLength > 65535); i++) {
            await lab.rawExchange(server.host, server.port, post);
            await new Promise((r) => setTimeout(r, 50));
          }
        },
      );
      const big = c.records.filter((r) => r.originalLength > 65535);
      assert.ok(big.length > 0, `${backend}: full-size loopback frames seen`);
      for (const r of big) {
        const ipTotal = (r.data[16]! << 8) | r.data[17]!;
        assert.equal(r.originalLength, 14 + ipTotal);
        assert.equal(r.data.length, backend === 'cap' ? 65535 : r.originalLength);
      }
      assert.equal(c.stopped!.stats.truncated, backend === 'cap' ? big.length : 0);
      assert.equal(tsharkCount(c.file), c.records.length);
    }
  },
);

test('excluded ports stay out even when the user filter has an "or"', { skip }, async () => {
  const other = await lab.startLabServer('127.0.0.1');
  try {
    const c = await capture(
      {
        name: 'exclude',
        filter: `tcp port ${server.port} or tcp port ${other.port}`,
        excludePorts: [other.port],
      },
      async () => {
        await lab.http10Short(other, ['/hidden']);
        await lab.http10Short(server, ['/shown']);
        await lab.http10Short(other, ['/hidden2']);
      },
    );
    assert.equal(
      c.info.filter,
      `(tcp port ${server.port} or tcp port ${other.port}) and not port ${other.port}`,
    );
    const result = analyzeBytes(LivePcapng.file(c.info, c.records));
    assert.deepEqual(
      result.connections.map((x) => x.tcp.server.port),
      [server.port],
    );
    assert.deepEqual(
      result.connections.flatMap((x) => x.dissection.http).map((x) => x.target),
      ['/shown'],
    );
  } finally {
    await other.close();
  }
});

test('SIGKILL mid-capture: the file is readable up to the last flushed batch', { skip }, async () => {
  const file = join(dir, 'killed.pcapng');
  const session = startCapture({ outFile: file, filter: `tcp port ${server.port}` });
  const records: RecordMessage[] = [];
  session.on('record', (r) => records.push(r));
  const errors: string[] = [];
  session.on('error', (e) => errors.push(e.id));
  await session.ready;
  let running = true;
  const traffic = (async () => {
    for (let i = 0; i < 300 && running; i++) await lab.http10Short(server, [`/k${i}`]);
  })();
  while (records.length < 60) await new Promise((r) => setTimeout(r, 5));
  session.kill('SIGKILL');
  const exit = await session.exited;
  running = false;
  await traffic;
  assert.equal(exit.signal, 'SIGKILL');
  assert.deepEqual(errors, ['capture.failed'], 'the parent hears that the agent died');
  const f = readFile(file);
  assert.equal(f.failed, null, 'the file ends on a block boundary');
  assert.ok(f.recs.length >= records.length, `file ${f.recs.length} >= streamed ${records.length}`);
  records.forEach((r, i) => assert.deepEqual(f.recs[i]!.data, r.data, `frame ${i + 1}`));
  assert.equal(tsharkCount(file), f.recs.length);
});

test(
  'a parent that dies leaves no orphan capture: the agent finishes the file and exits',
  { skip },
  async () => {
    const file = join(dir, 'orphan.pcapng');
    const helper = join(import.meta.dirname, 'parent-exits.mts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', helper, file, `tcp port ${server.port}`], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const pid = Number(r.stdout.trim());
    assert.ok(pid > 0);
    // Gone, or a zombie (the helper parent is gone too and nothing here may reap it).
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(); i++) await new Promise((res) => setTimeout(res, 50));
    assert.equal(alive(), false, 'the agent exited');
    const stats: number[] = [];
    let packets = 0;
    const reader = createCaptureReader({
      record: () => packets++,
      statistics: (s) => stats.push(s.delivered ?? -1),
    });
    reader.push(new Uint8Array(readFileSync(file)));
    reader.end();
    assert.equal(reader.failed, null);
    // (Late packets of earlier tests' connections to the lab server may be in it: count, not zero.)
    assert.deepEqual(stats, [packets], 'closed properly: the final statistics block is there');
  },
);

for (const backend of ['cap', 'tcpdump'] as const) {
  test(`${backend}: a bad BPF filter is libpcap's message as a structured error`, { skip }, async () => {
    const session = startCapture({
      outFile: join(dir, `bad-${backend}.pcapng`),
      backend,
      filter: 'tcp port',
    });
    const err = await session.ready.then(
      () => assert.fail('should not start'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof CaptureError);
    assert.equal(err.detail.id, 'capture.filter.invalid');
    assert.match(err.detail.message, /syntax error/);
    assert.equal((await session.exited).code, 1);
  });
}

test('without capture rights (agent run as nobody): capture.permission with the fix', { skip }, async () => {
  const session = startCapture({ outFile: join(dir, 'nobody.pcapng'), agent: { uid: 65534, gid: 65534 } });
  const err = await session.ready.then(
    () => assert.fail('nobody must not be able to capture'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof CaptureError, String(err));
  assert.equal(err.detail.id, 'capture.permission', err.detail.message);
  assert.match(err.detail.message, /not permitted|permission/i);
  assert.ok(err.detail.howToFix!.includes(`sudo setcap cap_net_raw,cap_net_admin=eip '${process.execPath}'`));
  assert.equal(err.detail.docs, 'native-notes/capture-permissions.md');
});
