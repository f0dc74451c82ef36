// Captures the tests make themselves: real node `http` traffic on 127.0.0.1 and ::1, captured by
// tcpdump, analysed by the engine and checked both against what the scenario did and against
// tshark on the same file. Needs root and tcpdump (CI installs it and runs as root).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeBytes, type AnalysisResult } from '../../core/analyze.ts';
import { startTcpdump, tcpdumpAvailable } from '../../lab/tcpdump.ts';
import * as lab from '../../lab/scenarios.ts';
import { tsharkFields, tsharkAvailable } from '../helpers/tshark.ts';
import { deriveFromTshark } from '../helpers/tshark-connections.ts';

const canCapture = tcpdumpAvailable();
// In CI a missing capability is a failure, not a skip: the acceptance needs these captures.
const skip = !canCapture && !process.env.CI ? 'needs root and tcpdump' : false;
const dir = mkdtempSync(join(tmpdir(), 'wirestep-loopback-'));

interface Made {
  file: string;
  port: number;
  result: AnalysisResult;
}

async function captureScenario(
  name: string,
  host: string,
  body: (s: lab.LabServer) => Promise<void>,
): Promise<Made> {
  const server = await lab.startLabServer(host);
  const file = join(dir, `${name}.pcap`);
  const cap = await startTcpdump(file, `tcp port ${server.port}`);
  try {
    await body(server);
  } finally {
    await cap.stop();
    await server.close();
  }
  return { file, port: server.port, result: analyzeBytes(new Uint8Array(readFileSync(file))) };
}

let short: Made;
let reset: Made;
let keepAlive: Made;
let ipv6: Made;

before(async () => {
  if (skip) return;
  assert.ok(canCapture, 'tcpdump must be installed and the tests run as root');
  short = await captureScenario('http10-short', '127.0.0.1', (s) => lab.http10Short(s, ['/a.txt', '/b.txt']));
  reset = await captureScenario('reset', '127.0.0.1', (s) => lab.httpReset(s));
  keepAlive = await captureScenario('keepalive', '127.0.0.1', (s) =>
    lab.http11KeepAlive(s, ['/1', '/2', '/3']),
  );
  ipv6 = await captureScenario('ipv6', '::1', (s) => lab.http10Short(s, ['/v6']));
});

test('HTTP/1.0 short connections: one handshake, data and a server FIN each', { skip }, () => {
  const r = short.result;
  assert.equal(r.connections.length, 2);
  for (const c of r.connections) {
    const t = c.tcp;
    assert.equal(t.server.port, short.port);
    assert.equal(t.client.address, '127.0.0.1');
    assert.equal(t.clientInferred, false);
    // SYN, SYN-ACK, ACK are the first three frames of the connection.
    assert.deepEqual([t.handshake.syn, t.handshake.synAck, t.handshake.ack], t.frames.slice(0, 3));
    assert.deepEqual(t.close, { kind: 'fin', by: 'server', frame: t.close.frame });
    assert.ok(t.payloadBytes[0] > 20 && t.payloadBytes[1] > 100, 'request and response bytes');
    // The side that closed first waits in TIME-WAIT; the other is CLOSED.
    assert.deepEqual(t.states, ['CLOSED', 'TIME-WAIT']);
    assert.equal(t.mss[0], 65495);
    assert.ok(t.initialRtt !== null && t.initialRtt >= 0 && t.initialRtt < 1);
    assert.deepEqual(t.retransmissions, []);
  }
});

test('a reset connection closes with RST by the server', { skip }, () => {
  const [c] = reset.result.connections;
  assert.ok(c);
  assert.equal(c.tcp.close.kind, 'rst');
  assert.equal(c.tcp.close.by, 'server');
  assert.deepEqual(c.tcp.states, ['CLOSED', 'CLOSED']);
  assert.ok(c.tcp.diagnostics.some((d) => d.id === 'tcp.connection.reset'));
});

test('keep-alive: three requests on one connection, closed by the client', { skip }, () => {
  assert.equal(keepAlive.result.connections.length, 1);
  const t = keepAlive.result.connections[0]!.tcp;
  assert.equal(t.close.kind, 'fin');
  assert.equal(t.close.by, 'client');
  assert.ok(t.packetsBy[0] >= 6, 'at least three request segments and their ACKs');
});

test('IPv6 loopback connections are tracked with [::1] endpoints', { skip }, () => {
  const [c] = ipv6.result.connections;
  assert.ok(c);
  assert.equal(c.tcp.ipVersion, 6);
  assert.equal(c.tcp.client.address, '::1');
  assert.equal(c.tcp.close.by, 'server');
});

test(
  'the same captures agree with tshark',
  { skip: skip || (!tsharkAvailable() && !process.env.CI && 'needs tshark') },
  () => {
    const fields = [
      'frame.number',
      'ip.src',
      'ipv6.src',
      'tcp.srcport',
      'ip.dst',
      'ipv6.dst',
      'tcp.dstport',
      'tcp.stream',
      'tcp.flags',
      'tcp.seq_raw',
      'tcp.ack_raw',
      'tcp.analysis.retransmission',
    ];
    for (const m of [short, reset, keepAlive, ipv6]) {
      const rows = tsharkFields(m.file, fields);
      assert.equal(m.result.capture.packets, rows.length);
      const expected = deriveFromTshark(rows);
      assert.equal(m.result.connections.length, expected.size);
      for (const [stream, e] of expected) {
        const t = m.result.connections[stream]!.tcp;
        assert.deepEqual(t.frames, e.frames);
        assert.deepEqual(t.handshake, e.handshake);
        assert.deepEqual({ kind: t.close.kind, by: t.close.by }, e.close);
        assert.deepEqual(t.retransmissions, e.retransmissions);
      }
    }
  },
);
