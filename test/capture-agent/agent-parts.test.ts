// The capture agent's pure parts: protocol frames, filter composition, device choice, wire-length
// recovery for cap's 65535-byte snaplen, error classification, the clock and the streaming file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeMessage, encodeRecord, FrameDecoder } from '../../electron/capture/frame-codec.ts';
import { composeFilter } from '../../electron/capture/bpf-filter.ts';
import { pickLoopback, defaultLoopbackName } from '../../electron/capture/device-pick.ts';
import { CAP_SNAPLEN, inferWireLength } from '../../electron/capture/wire-length.ts';
import { classifyCaptureError, permissionHowToFix } from '../../electron/capture/capture-errors.ts';
import { AgentClock } from '../../electron/capture/agent-clock.ts';
import { PcapngFile } from '../../electron/capture/pcapng-file.ts';
import { LivePcapng } from '../../electron/capture/live-pcapng.ts';
import { createCaptureReader } from '../../core/capture-file/open-capture.ts';
import type { CaptureInterface, CaptureRecord, CaptureStatistics } from '../../core/capture-file/types.ts';
import type { CaptureMessage, StartedMessage } from '../../electron/ipc/capture-protocol.ts';

function messagesOf(stream: Uint8Array, split: number[]): CaptureMessage[] {
  const got: CaptureMessage[] = [];
  const d = new FrameDecoder((m) => got.push(m));
  let prev = 0;
  for (const s of [...split, stream.length]) {
    d.push(stream.subarray(prev, s));
    prev = s;
  }
  assert.equal(d.pendingBytes, 0);
  return got;
}

test('protocol frames round-trip at every chunk split', () => {
  const payload = Uint8Array.from({ length: 70 }, (_, i) => i * 3);
  const frames = [
    encodeMessage({ type: 'start', body: { outFile: '/tmp/x.pcapng', filter: 'tcp', excludePorts: [1] } }),
    encodeRecord(7, 1234567890123, 1_700_000_000, 999_999_999, 65549, true, payload),
    encodeMessage({
      type: 'error',
      body: { id: 'capture.filter.invalid', message: 'syntax error ✓', fatal: true },
    }),
    encodeRecord(8, 2, 5, 6, 0, false, new Uint8Array(0)),
  ];
  const stream = Buffer.concat(frames);
  const whole = messagesOf(stream, []);
  assert.deepEqual(
    whole.map((m) => m.type),
    ['start', 'record', 'error', 'record'],
  );
  const rec = whole[1]!;
  assert.equal(rec.type, 'record');
  if (rec.type === 'record') {
    assert.equal(rec.body.frame, 7);
    assert.equal(rec.body.fileOffset, 1234567890123);
    assert.equal(rec.body.tsSec, 1_700_000_000);
    assert.equal(rec.body.tsNsec, 999_999_999);
    assert.equal(rec.body.originalLength, 65549);
    assert.equal(rec.body.timestampApproximate, true);
    assert.deepEqual(rec.body.data, payload);
  }
  assert.deepEqual(whole[2]!.body, { id: 'capture.filter.invalid', message: 'syntax error ✓', fatal: true });
  for (let i = 1; i < stream.length; i++) assert.deepEqual(messagesOf(stream, [i]), whole, `split at ${i}`);
  assert.deepEqual(
    messagesOf(
      stream,
      Array.from({ length: stream.length - 1 }, (_, i) => i + 1),
    ),
    whole,
  );
});

test('a corrupt frame length is a protocol error, not a silent hang', () => {
  const d = new FrameDecoder(() => {});
  assert.throws(() => d.push(Uint8Array.of(0, 0, 0, 0, 1)), /bad frame length 0/);
  const e = new FrameDecoder(() => {});
  assert.throws(() => e.push(Uint8Array.of(2, 0, 0, 0, 99, 0)), /unknown message code 99/);
});

test('filter composition: exclusions follow a parenthesised user filter', () => {
  assert.equal(composeFilter('', []), '');
  assert.equal(composeFilter(undefined, [8080]), 'not port 8080');
  assert.equal(composeFilter(' tcp ', []), 'tcp');
  assert.equal(
    composeFilter('port 80 or port 8080', [9000, 9001, 9000]),
    '(port 80 or port 8080) and not port 9000 and not port 9001',
  );
  assert.throws(() => composeFilter('tcp', [0]), RangeError);
  assert.throws(() => composeFilter('tcp', [65536]), RangeError);
  assert.throws(() => composeFilter('tcp', [1.5]), RangeError);
});

test('loopback is chosen by flag, then by name', () => {
  assert.equal(
    pickLoopback([
      { name: 'eth0' },
      { name: 'any', description: 'Pseudo-device that captures on all interfaces' },
      { name: 'lo', flags: 'PCAP_IF_LOOPBACK' },
    ]),
    'lo',
  );
  assert.equal(pickLoopback([{ name: 'en0' }, { name: 'lo0' }]), 'lo0');
  assert.equal(
    pickLoopback([
      { name: '\\Device\\NPF_{1234}', description: 'Intel Ethernet' },
      { name: '\\Device\\NPF_Loopback', description: 'Adapter for loopback traffic capture' },
    ]),
    '\\Device\\NPF_Loopback',
  );
  assert.equal(pickLoopback([{ name: 'eth0' }]), null);
  assert.equal(defaultLoopbackName('linux'), 'lo');
  assert.equal(defaultLoopbackName('darwin'), 'lo0');
  assert.equal(defaultLoopbackName('win32'), '\\Device\\NPF_Loopback');
});

test('wire length comes back from the IP header when cap cut a frame at 65535', () => {
  const v4 = new Uint8Array(CAP_SNAPLEN);
  v4[12] = 0x08;
  v4[14] = 0x45;
  v4[16] = 0xff;
  v4[17] = 0xff; // total length 65535
  assert.equal(inferWireLength(1, v4), 14 + 65535);
  const v6 = new Uint8Array(CAP_SNAPLEN);
  v6[12] = 0x86;
  v6[13] = 0xdd;
  v6[14] = 0x60;
  v6[18] = 0xff;
  v6[19] = 0xd4; // payload length 65492
  assert.equal(inferWireLength(1, v6), 14 + 40 + 65492);
  const nul = new Uint8Array(100);
  nul[4] = 0x45;
  nul[7] = 200;
  assert.equal(inferWireLength(0, nul), 204);
  // Never below what was captured; unknown link types and non-IP frames keep their length.
  assert.equal(inferWireLength(1, new Uint8Array(60)), 60);
  assert.equal(inferWireLength(147, v4), CAP_SNAPLEN);
});

test('error text becomes a stable id; permission errors carry per-OS fixes', () => {
  const ctx = { execPath: '/opt/node/bin/node', backend: 'cap' as const, platform: 'linux' as const };
  assert.equal(
    classifyCaptureError("can't parse filter expression: syntax error", ctx).id,
    'capture.filter.invalid',
  );
  assert.equal(
    classifyCaptureError('Invalid capture filter "tcp port" for interface \'lo\'.', ctx).id,
    'capture.filter.invalid',
  );
  const perm = classifyCaptureError('socket: Operation not permitted', ctx);
  assert.equal(perm.id, 'capture.permission');
  assert.match(perm.howToFix!, /sudo setcap cap_net_raw,cap_net_admin=eip '\/opt\/node\/bin\/node'/);
  assert.equal(perm.docs, 'native-notes/capture-permissions.md');
  assert.equal(
    classifyCaptureError("lo: You don't have permission to capture on that device", ctx).id,
    'capture.permission',
  );
  assert.equal(classifyCaptureError('No such device exists', ctx).id, 'capture.device.not_found');
  assert.equal(classifyCaptureError('something odd', ctx).id, 'capture.failed');
  assert.match(permissionHowToFix('x', 'cap', 'darwin'), /ChmodBPF/);
  assert.match(
    permissionHowToFix('x', 'cap', 'win32'),
    /Restrict Npcap driver's access to Administrators only" OFF/,
  );
  assert.match(permissionHowToFix('x', 'dumpcap', 'linux'), /usermod -aG wireshark/);
});

test('agent clock: anchored to the wall clock, monotonic, nanosecond split', () => {
  const c = new AgentClock(1_700_000_000_123, 5_000_000_000n);
  assert.deepEqual(c.at(5_000_000_000n), [1_700_000_000, 123_000_000]);
  assert.deepEqual(c.at(5_000_000_000n + 877_000_001n), [1_700_000_001, 1]);
});

test('the streaming file is readable after every flush, and complete after close', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirestep-agentfile-'));
  const path = join(dir, 'a.pcapng');
  const f = new PcapngFile(path, { application: 'test', comment: 'approximate' });
  f.addInterface({
    linkType: 1,
    snapLength: 65535,
    name: 'lo',
    tsUnitsPerSecond: 1e9,
    description: 'lo (approximate timestamps)',
  });
  const read = () => {
    const recs: Array<Pick<CaptureRecord, 'frame' | 'fileOffset' | 'tsNsec' | 'originalLength'>> = [];
    const ifaces: CaptureInterface[] = [];
    const stats: CaptureStatistics[] = [];
    const r = createCaptureReader({
      record: (x) =>
        recs.push({
          frame: x.frame,
          fileOffset: x.fileOffset,
          tsNsec: x.tsNsec,
          originalLength: x.originalLength,
        }),
      interface: (i) => ifaces.push(i),
      statistics: (s) => stats.push(s),
    });
    r.push(new Uint8Array(readFileSync(path)));
    r.end();
    assert.equal(r.failed, null);
    return { recs, ifaces, stats };
  };
  assert.equal(read().ifaces[0]!.description, 'lo (approximate timestamps)');
  const offsets = [1, 2, 3].map((i) => f.packet(0, 1_700_000_000, i, new Uint8Array(60 + i), 60 + i));
  assert.equal(read().recs.length, 0, 'not flushed yet');
  f.flush();
  assert.deepEqual(
    read().recs.map((r) => [r.fileOffset, r.tsNsec]),
    offsets.map((o, i) => [o, i + 1]),
  );
  f.packet(0, 1_700_000_001, 0, new Uint8Array(65535), 65549);
  f.close({ interfaceId: 0, tsSec: 1_700_000_002, tsNsec: 0, delivered: 4, comment: 'drops unknown' });
  const end = read();
  assert.equal(end.recs.length, 4);
  assert.equal(end.recs[3]!.originalLength, 65549);
  assert.equal(end.stats[0]!.delivered, 4);
  assert.equal(end.stats[0]!.received, undefined);
});

test('live records rebuild a pcapng the engine reads', () => {
  const info: StartedMessage = {
    backend: 'cap',
    device: 'lo',
    filter: '',
    linkType: 1,
    snapLength: 65535,
    timestampsExact: false,
    outFile: 'x',
    pid: 1,
    execPath: 'node',
  };
  const bytes = LivePcapng.file(info, [
    {
      frame: 1,
      fileOffset: 0,
      tsSec: 10,
      tsNsec: 5,
      originalLength: 3,
      timestampApproximate: true,
      data: Uint8Array.of(1, 2, 3),
    },
  ]);
  const got: number[][] = [];
  const r = createCaptureReader({ record: (x) => got.push([x.tsSec, x.tsNsec, ...x.data]) });
  r.push(bytes);
  r.end();
  assert.deepEqual(got, [[10, 5, 1, 2, 3]]);
});
