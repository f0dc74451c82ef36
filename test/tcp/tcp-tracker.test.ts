import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis } from '../../core/tcp/types.ts';
import { F, handshake, packet, run } from './packets.ts';
import { TcpTracker } from '../../core/tcp/index.ts';

const A = F.ACK;
const ids = (r: ReturnType<typeof run>, conn = 0) =>
  r.connections[conn]!.diagnostics.map((d) => `${d.id}@${d.frame}`);

test('connections: ids in order of first packet, direction-independent 4-tuple', () => {
  const r = run([
    ...handshake(100, 500),
    { dir: 0, seq: 7, flags: F.SYN, clientPort: 40001 },
    { dir: 1, seq: 501, ack: 101, flags: A, data: 'hi' },
    { dir: 1, seq: 9, ack: 8, flags: F.SYN | A, clientPort: 40001 },
  ]);
  assert.deepEqual(
    r.segments.map((s) => s.connection.id),
    [0, 0, 0, 1, 0, 1],
  );
  assert.deepEqual(r.connections[0]!.frames, [1, 2, 3, 5]);
  assert.deepEqual(r.connections[1]!.frames, [4, 6]);
  assert.deepEqual(r.connections[0]!.packetsBy, [2, 2]);
  assert.deepEqual(r.connections[0]!.payloadBytes, [0, 2]);
});

test('port reuse: a SYN with a new ISN starts a new connection; a retransmitted SYN does not', () => {
  const r = run([
    ...handshake(100, 500),
    { dir: 0, seq: 101, ack: 501, flags: F.FIN | A },
    { dir: 1, seq: 501, ack: 102, flags: F.FIN | A },
    { dir: 0, seq: 102, ack: 502, flags: A },
    { dir: 0, seq: 9000, flags: F.SYN },
    { dir: 0, seq: 9000, flags: F.SYN },
  ]);
  assert.deepEqual(
    r.segments.map((s) => s.connection.id),
    [0, 0, 0, 0, 0, 0, 1, 1],
  );
  assert.equal(r.segments[6]!.analysis & Analysis.REUSED_PORTS, Analysis.REUSED_PORTS);
  assert.ok(ids(r, 1).includes('tcp.analysis.reused_ports@7'));
  assert.ok(ids(r, 1).includes('tcp.analysis.retransmission@8'));
  assert.deepEqual(r.connections[1]!.handshake, { syn: 7, synAck: null, ack: null });
  // The old connection's streams were ended when it was replaced.
  assert.ok(r.events.includes('end 0:0 fin f4'));
});

test('a SYN-ACK with a new sequence number rebases the server side and is flagged (tshark 4.0)', () => {
  const r = run([
    { dir: 0, seq: 100, flags: F.SYN },
    { dir: 1, seq: 0, ack: 100, flags: F.RST | A },
    { dir: 1, seq: 700, ack: 101, flags: F.SYN | A },
    { dir: 0, seq: 101, ack: 701, flags: A, data: 'GET' },
  ]);
  assert.deepEqual(
    r.segments.map((s) => [s.connection.id, s.relSeq, s.relAck]),
    [
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 1, 1],
    ],
  );
  assert.ok(r.segments[2]!.analysis & Analysis.REUSED_PORTS);
  // The RST acknowledged the ISN, not ISN + 1: a client in SYN-SENT discards it (RFC 9293 §3.10.7.3).
  assert.ok(ids(r).includes('tcp.connection.rst_ignored@2'));
  assert.equal(r.connections[0]!.close.kind, 'none');
  assert.equal(r.streams.get('0:0'), 'GET');
  assert.deepEqual(r.connections[0]!.states, ['ESTABLISHED', 'ESTABLISHED']);
});

test('roles: SYN sender, SYN-ACK receiver, else the lower port is the server', () => {
  const syn = run(handshake(1, 2));
  assert.deepEqual(
    [syn.connections[0]!.client, syn.connections[0]!.clientInferred],
    [{ address: '10.0.0.1', port: 40000 }, false],
  );
  const synAck = run([{ dir: 1, seq: 5, ack: 2, flags: F.SYN | A }]);
  assert.deepEqual(
    [synAck.connections[0]!.client.port, synAck.connections[0]!.clientInferred],
    [40000, false],
  );
  const mid = run([{ dir: 1, seq: 5, ack: 2, flags: A, data: 'x' }]);
  assert.deepEqual([mid.connections[0]!.server.port, mid.connections[0]!.clientInferred], [80, true]);
  assert.equal(mid.segments[0]!.direction, 1);
});

test('handshake: first SYN kept on retransmission; ack is the client ACK of ISN+1; null when absent', () => {
  const r = run([
    { dir: 0, seq: 100, flags: F.SYN },
    { dir: 0, seq: 100, flags: F.SYN },
    { dir: 1, seq: 500, ack: 101, flags: F.SYN | A },
    { dir: 0, seq: 101, ack: 501, flags: A },
  ]);
  assert.deepEqual(r.connections[0]!.handshake, { syn: 1, synAck: 3, ack: 4 });
  assert.deepEqual(r.connections[0]!.isn, [100, 500]);
  assert.deepEqual(r.connections[0]!.retransmissions, [2]);
  const noAck = run(handshake(100, 500).slice(0, 2));
  assert.deepEqual(noAck.connections[0]!.handshake, { syn: 1, synAck: 2, ack: null });
});

test('close: first FIN, an RST later wins; tcp.connection.reset', () => {
  const r = run([
    ...handshake(100, 500),
    { dir: 1, seq: 501, ack: 101, flags: F.FIN | A },
    { dir: 0, seq: 101, ack: 502, flags: F.RST | A },
  ]);
  assert.deepEqual(r.connections[0]!.close, { kind: 'rst', by: 'client', frame: 5 });
  assert.ok(ids(r).includes('tcp.connection.reset@5'));
  assert.deepEqual(r.connections[0]!.states, ['CLOSED', 'CLOSED']);
  const fin = run([...handshake(100, 500), { dir: 1, seq: 501, ack: 101, flags: F.FIN | A }]);
  assert.deepEqual(fin.connections[0]!.close, { kind: 'fin', by: 'server', frame: 4 });
});

test('streams through the tracker: TCP Fast Open data in the SYN, FIN end, RST end of both directions', () => {
  const r = run([
    { dir: 0, seq: 100, flags: F.SYN, data: 'GET / HTTP/1.0\r\n\r\n' },
    { dir: 1, seq: 500, ack: 119, flags: F.SYN | A },
    { dir: 0, seq: 119, ack: 501, flags: A },
    { dir: 1, seq: 501, ack: 119, flags: A | F.PSH, data: 'HTTP/1.0 200 OK\r\n' },
    { dir: 1, seq: 518, ack: 119, flags: F.FIN | A },
    { dir: 0, seq: 119, ack: 519, flags: F.RST | A },
    { dir: 0, seq: 119, ack: 519, flags: A, data: 'late' },
  ]);
  assert.equal(r.streams.get('0:0'), 'GET / HTTP/1.0\r\n\r\n');
  assert.equal(r.streams.get('0:1'), 'HTTP/1.0 200 OK\r\n');
  assert.deepEqual(
    r.events.filter((e) => e.startsWith('end')),
    ['end 0:1 fin f5', 'end 0:0 rst f6'],
  );
  assert.ok(ids(r).includes('tcp.reassembly.data_after_rst@7'));
});

test('snaplen cut: a gap for the bytes not captured; an ACK beyond unseen bytes gives a gap', () => {
  const r = run([
    ...handshake(100, 500),
    { dir: 1, seq: 501, ack: 101, flags: A, data: 'abc', wire: 10 },
    { dir: 1, seq: 511, ack: 101, flags: A, data: 'k' },
    { dir: 0, seq: 101, ack: 519, flags: A },
    { dir: 1, seq: 519, ack: 101, flags: A, data: 'st' },
  ]);
  assert.equal(r.streams.get('0:1'), 'abc~~~~~~~k~~~~~~~st');
  assert.ok(ids(r).includes('tcp.reassembly.gap@6'));
  assert.ok(ids(r).includes('tcp.analysis.ack_unseen@6'));
  assert.ok(ids(r).includes('tcp.analysis.lost_segment@7'));
});

test('reassembly diagnostics reach the connection: overlap mismatch, buffer full, data after FIN', () => {
  const r = run(
    [
      ...handshake(100, 500),
      { dir: 0, seq: 104, ack: 501, flags: A, data: 'def' },
      { dir: 0, seq: 105, ack: 501, flags: A, data: 'XY' },
      { dir: 0, seq: 110, ack: 501, flags: A, data: 'j' },
      { dir: 0, seq: 101, ack: 501, flags: A | F.FIN, data: 'abc' },
      { dir: 0, seq: 120, ack: 501, flags: A, data: 'zz' },
    ],
    { maxBufferedSegmentsPerDirection: 1 },
  );
  const got = ids(r);
  for (const want of [
    'tcp.reassembly.overlap_mismatch@5',
    'tcp.reassembly.buffer_full@6',
    'tcp.reassembly.data_after_fin@7',
    'tcp.reassembly.data_after_fin@8',
  ]) {
    assert.ok(got.includes(want), `${want} in ${got.join(' ')}`);
  }
});

test('packets without TCP are ignored; input bytes are borrowed (copied only when buffered)', () => {
  const seen: string[] = [];
  const tracker = new TcpTracker({ data: (_c, _d, ch) => seen.push(new TextDecoder().decode(ch.data)) });
  const p = packet(1, { dir: 0, seq: 1, ack: 1, flags: A, data: 'x' });
  tracker.push({ ...p.packet, tcp: null }, p.data);
  assert.equal(tracker.connections.length, 0);
  const later = packet(1, { dir: 0, seq: 10, ack: 1, flags: A, data: 'later' });
  const first = packet(2, { dir: 0, seq: 5, ack: 1, flags: A, data: 'first' });
  const anchor = packet(3, { dir: 0, seq: 4, ack: 1, flags: A, data: '>' });
  tracker.push(anchor.packet, anchor.data);
  tracker.push(later.packet, later.data);
  later.data.fill(0);
  tracker.push(first.packet, first.data);
  tracker.finish();
  assert.deepEqual(seen, ['>', 'first', 'later']);
});
