import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextStates } from '../../core/tcp/state-machine.ts';
import type { TcpState } from '../../core/tcp/types.ts';
import { F, run, handshake } from './packets.ts';

// One row per segment: sender, flags, ack covers receiver's SYN, ack covers receiver's FIN,
// then the expected [client, server] states after it.
type Row = [0 | 1, number, boolean, boolean, TcpState, TcpState];

function play(rows: Row[], start: [TcpState, TcpState] = ['CLOSED', 'LISTEN']): void {
  let s = start;
  rows.forEach(([direction, flags, ackCoversSyn, ackCoversFin, c, sv], i) => {
    s = nextStates(s, { direction, flags, ackCoversSyn, ackCoversFin });
    assert.deepEqual(s, [c, sv], `row ${i + 1}`);
  });
}

const OPEN: Row[] = [
  [0, F.SYN, false, false, 'SYN-SENT', 'SYN-RECEIVED'],
  [1, F.SYN | F.ACK, true, false, 'ESTABLISHED', 'SYN-RECEIVED'],
  [0, F.ACK, true, false, 'ESTABLISHED', 'ESTABLISHED'],
];

test('normal close by the client', () => {
  play([
    ...OPEN,
    [0, F.FIN | F.ACK, true, false, 'FIN-WAIT-1', 'CLOSE-WAIT'],
    [1, F.ACK, true, true, 'FIN-WAIT-2', 'CLOSE-WAIT'],
    [1, F.FIN | F.ACK, true, true, 'TIME-WAIT', 'LAST-ACK'],
    [0, F.ACK, true, true, 'TIME-WAIT', 'CLOSED'],
  ]);
});

test('normal close by the server, FIN+ACK acknowledging the FIN at once', () => {
  play([
    ...OPEN,
    [1, F.FIN | F.ACK, true, false, 'CLOSE-WAIT', 'FIN-WAIT-1'],
    [0, F.FIN | F.ACK, true, true, 'LAST-ACK', 'TIME-WAIT'],
    [1, F.ACK, true, true, 'CLOSED', 'TIME-WAIT'],
  ]);
});

test('simultaneous close: both CLOSING, then both TIME-WAIT', () => {
  play([
    ...OPEN,
    [0, F.FIN | F.ACK, true, false, 'FIN-WAIT-1', 'CLOSE-WAIT'],
    [1, F.FIN | F.ACK, true, false, 'CLOSING', 'CLOSING'],
    [0, F.ACK, true, true, 'CLOSING', 'TIME-WAIT'],
    [1, F.ACK, true, true, 'TIME-WAIT', 'TIME-WAIT'],
  ]);
});

test('RST closes both sides, from any state', () => {
  play([...OPEN, [1, F.RST | F.ACK, true, false, 'CLOSED', 'CLOSED']]);
  play([
    [0, F.SYN, false, false, 'SYN-SENT', 'SYN-RECEIVED'],
    [1, F.RST | F.ACK, true, false, 'CLOSED', 'CLOSED'],
  ]);
});

test('handshake without the final ACK leaves the server in SYN-RECEIVED', () => {
  play(OPEN.slice(0, 2));
});

test('a retransmitted FIN changes nothing', () => {
  play(
    [
      [0, F.FIN | F.ACK, true, false, 'FIN-WAIT-1', 'CLOSE-WAIT'],
      [0, F.FIN | F.ACK, true, false, 'FIN-WAIT-1', 'CLOSE-WAIT'],
    ],
    ['ESTABLISHED', 'ESTABLISHED'],
  );
});

test('the tracker reports states per segment and starts mid-stream captures in ESTABLISHED', () => {
  const r = run([
    ...handshake(100, 500),
    { dir: 0, seq: 101, ack: 501, flags: F.FIN | F.ACK },
    { dir: 1, seq: 501, ack: 102, flags: F.FIN | F.ACK },
    { dir: 0, seq: 102, ack: 502, flags: F.ACK },
  ]);
  assert.deepEqual(
    r.segments.map((s) => s.states.join('/')),
    [
      'SYN-SENT/SYN-RECEIVED',
      'ESTABLISHED/SYN-RECEIVED',
      'ESTABLISHED/ESTABLISHED',
      'FIN-WAIT-1/CLOSE-WAIT',
      'TIME-WAIT/LAST-ACK',
      'TIME-WAIT/CLOSED',
    ],
  );
  const mid = run([{ dir: 0, seq: 7, ack: 9, flags: F.ACK, data: 'x' }]);
  assert.deepEqual(mid.segments[0]!.states, ['ESTABLISHED', 'ESTABLISHED']);
  const synAckFirst = run([{ dir: 1, seq: 7, ack: 9, flags: F.SYN | F.ACK }]);
  assert.deepEqual(synAckFirst.segments[0]!.states, ['ESTABLISHED', 'SYN-RECEIVED']);
});
