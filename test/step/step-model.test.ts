// The step model on real loopback captures: every packet explained in both languages, every
// number quoted equal to what tshark reads from the same file, state sequences, socket calls,
// and cursor navigation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes, type AnalysisResult } from '../../core/analyze.ts';
import { buildSteps, StepCursor, type Step } from '../../core/step/index.ts';
import { repoRoot, tsharkAvailable } from '../helpers/tshark.ts';
import { expectedValues, tsharkFrames } from './tshark-facts.ts';
import { digitsNotInFacts } from './text-checks.ts';

const FIXTURES = [
  'http10-short',
  'http10-short-ipv6',
  'http11-keepalive-3',
  'http11-pipelining',
  'rst-abort',
  'websocket-close',
  'websocket-deflate',
].map((n) => join(repoRoot, 'test/fixtures/captures', `${n}.pcap`));
const SAMPLE = join(repoRoot, 'samples/wirestep-sample.pcap');
const FILES = [...FIXTURES, SAMPLE];

const cache = new Map<string, AnalysisResult>();
function analyse(file: string): AnalysisResult {
  let r = cache.get(file);
  if (!r) {
    r = analyzeBytes(readFileSync(file), { rows: true });
    cache.set(file, r);
  }
  return r;
}
const fixture = (name: string) => analyse(join(repoRoot, 'test/fixtures/captures', `${name}.pcap`));
const short = (f: string) => f.slice(f.lastIndexOf('/') + 1);

const CJK = /[\u4e00-\u9fff]/;

for (const file of FILES) {
  test(`${short(file)}: one step per TCP packet, each explained in English and Chinese`, () => {
    const result = analyse(file);
    const steps = buildSteps(result);
    const tcpFrames = result.connections.flatMap((c) => c.tcp.frames).sort((a, b) => a - b);
    assert.deepEqual(
      steps.map((s) => s.frame),
      tcpFrames,
    );
    steps.forEach((s, i) => assert.equal(s.index, i));
    for (const s of steps) {
      const where = `frame ${s.frame}`;
      assert.ok(s.title.en.trim().length > 0, `${where}: en title`);
      assert.ok(s.title.zh.trim().length > 0, `${where}: zh title`);
      assert.ok(s.annotation.en.trim().length > 0, `${where}: en annotation`);
      assert.ok(s.annotation.zh.trim().length > 0, `${where}: zh annotation`);
      assert.match(s.title.zh, CJK, `${where}: zh title has Chinese`);
      assert.match(s.annotation.zh, CJK, `${where}: zh annotation has Chinese`);
      assert.doesNotMatch(s.annotation.en, CJK, `${where}: en annotation is English`);
      for (const text of [s.title.en, s.title.zh, s.annotation.en, s.annotation.zh]) {
        assert.doesNotMatch(text, /<[a-z/!]|&[a-z#]+;/i, `${where}: no HTML in ${text}`);
        assert.doesNotMatch(
          text,
          /undefined|null|NaN|\[object/,
          `${where}: no leaked placeholders in ${text}`,
        );
      }
      for (const [key, value] of Object.entries(s.facts)) {
        assert.ok(
          s.annotation.en.includes(String(value)),
          `${where}: fact ${key}=${value} quoted in en: ${s.annotation.en}`,
        );
        assert.ok(
          s.annotation.zh.includes(String(value)),
          `${where}: fact ${key}=${value} quoted in zh: ${s.annotation.zh}`,
        );
      }
      assert.deepEqual(
        digitsNotInFacts(s.annotation.en, s.facts),
        [],
        `${where}: every number in the text is a fact: ${s.annotation.en}`,
      );
      assert.deepEqual(
        digitsNotInFacts(s.annotation.zh, s.facts),
        [],
        `${where}: every number in the text is a fact: ${s.annotation.zh}`,
      );
      for (const r of s.spec)
        assert.match(r.url, /^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-[\d.]+$/);
      for (const c of s.socketCalls) {
        assert.equal(c.inferred, true);
        assert.ok(
          c.note.en.length > 0 && CJK.test(c.note.zh),
          `${where}: socket call note in both languages`,
        );
      }
    }
  });

  test(
    `${short(file)}: every number an annotation quotes equals tshark's field for that frame`,
    { skip: !tsharkAvailable() },
    () => {
      const steps = buildSteps(analyse(file));
      const ts = tsharkFrames(file);
      let checked = 0;
      for (const s of steps) {
        for (const [key, value] of Object.entries(s.facts)) {
          const expected = expectedValues(ts, s.frame, key);
          assert.ok(
            expected.includes(String(value)),
            `frame ${s.frame}: ${key}=${value}, tshark says [${expected.join(', ')}]`,
          );
          checked++;
        }
      }
      assert.ok(checked > steps.length, `facts checked: ${checked}`);
    },
  );

  test(`${short(file)}: states chain from step to step and transitions list the changes`, () => {
    const result = analyse(file);
    for (const c of result.connections) {
      const steps = buildSteps(result, { connection: c.tcp.id });
      assert.ok(steps.every((s) => s.connection === c.tcp.id));
      for (let i = 1; i < steps.length; i++) assert.deepEqual(steps[i]!.statesBefore, steps[i - 1]!.states);
      for (const s of steps) {
        const expected = (['client', 'server'] as const)
          .map((side, k) => ({ side, from: s.statesBefore[k]!, to: s.states[k]! }))
          .filter((t) => t.from !== t.to);
        assert.deepEqual(s.transition, expected);
      }
    }
  });
}

/** The distinct states one side passes through, starting with its state before the first step. */
function path(steps: Step[], side: 0 | 1): string[] {
  const out = [steps[0]!.statesBefore[side]];
  for (const s of steps) if (s.states[side] !== out[out.length - 1]) out.push(s.states[side]);
  return out;
}

test('http10-short: handshake and teardown state sequences; the server closed first and ends in TIME-WAIT', () => {
  const steps = buildSteps(fixture('http10-short'));
  assert.deepEqual(path(steps, 0), ['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  assert.deepEqual(path(steps, 1), ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'TIME-WAIT']);
  assert.deepEqual(steps[0]!.transition, [
    { side: 'client', from: 'CLOSED', to: 'SYN-SENT' },
    { side: 'server', from: 'LISTEN', to: 'SYN-RECEIVED' },
  ]);
});

test('http11-keepalive-3: the client closes first and ends in TIME-WAIT, the server in CLOSED', () => {
  const steps = buildSteps(fixture('http11-keepalive-3'));
  assert.deepEqual(path(steps, 0), ['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'TIME-WAIT']);
  assert.deepEqual(path(steps, 1), [
    'LISTEN',
    'SYN-RECEIVED',
    'ESTABLISHED',
    'CLOSE-WAIT',
    'LAST-ACK',
    'CLOSED',
  ]);
});

test('every capture closed with FIN: the side that sent the first FIN ends in TIME-WAIT', () => {
  for (const file of FILES) {
    const result = analyse(file);
    for (const c of result.connections) {
      if (c.tcp.close.kind !== 'fin' || c.tcp.close.by === null) continue;
      const steps = buildSteps(result, { connection: c.tcp.id });
      const last = steps[steps.length - 1]!.states;
      const [first, second] = c.tcp.close.by === 'client' ? [last[0], last[1]] : [last[1], last[0]];
      // A capture may stop before the last ACK; when it has it, the first closer is in TIME-WAIT.
      if (second === 'CLOSED') assert.equal(first, 'TIME-WAIT', `${short(file)} connection ${c.tcp.id}`);
    }
  }
});

test('rst-abort: RST takes both ends to CLOSED at once, explained as an abortive close', () => {
  const steps = buildSteps(fixture('rst-abort'));
  const rst = steps.find((s) => s.frame === 6)!;
  assert.deepEqual(rst.states, ['CLOSED', 'CLOSED']);
  assert.match(rst.title.en, /RST/);
  assert.match(rst.annotation.en, /abortive close: no FIN handshake/);
  assert.match(rst.annotation.zh, /没有 FIN 挥手/);
  assert.match(rst.annotation.en, /never got a response/);
  assert.deepEqual(
    rst.socketCalls.map((c) => [c.side, c.call]),
    [
      ['server', 'close'],
      ['client', 'recv'],
    ],
  );
  assert.match(rst.socketCalls[0]!.note.en, /SO_LINGER/);
  assert.ok(rst.spec.some((r) => r.rfc === 'RFC 9293' && r.section === '§3.5.3'));
});

test('http10-short: the socket calls each packet implies', () => {
  const steps = buildSteps(fixture('http10-short'));
  const calls = Object.fromEntries(
    steps.map((s) => [s.frame, s.socketCalls.map((c) => `${c.side}.${c.call}`)]),
  );
  assert.deepEqual(calls, {
    1: ['server.socket', 'server.bind', 'server.listen', 'client.socket', 'client.connect'],
    2: ['client.connect'],
    3: ['server.accept'],
    4: ['client.send', 'server.recv'],
    5: [],
    6: ['server.send', 'client.recv'],
    7: [],
    8: ['server.close', 'client.recv'],
    9: ['client.close'],
    10: [],
  });
  const s = steps[0]!.socketCalls;
  assert.match(s[1]!.note.en, /port 40843/);
  assert.match(s[4]!.note.en, /connect\(\) to 127\.0\.0\.1:40843/);
  assert.match(steps[1]!.socketCalls[0]!.note.en, /connect\(\) returns/);
  assert.match(steps[3]!.socketCalls[0]!.note.en, /send\(\) of 51 bytes/);
  assert.match(steps[7]!.socketCalls[1]!.note.en, /recv\(\) returns 0/);
  assert.match(steps[7]!.socketCalls[1]!.note.zh, /recv\(\) 返回 0/);
});

test('http10-short: the story of a short connection, in both languages', () => {
  const steps = buildSteps(fixture('http10-short'));
  const at = (f: number) => steps.find((s) => s.frame === f)!;
  assert.match(
    at(1).annotation.en,
    /^Client 127\.0\.0\.1:36890 asks to open a connection to 127\.0\.0\.1:40843: SYN with initial sequence number 3254312710, MSS 65495, window scale 10, SACK permitted\./,
  );
  assert.match(
    at(1).annotation.zh,
    /^客户端 127\.0\.0\.1:36890 向 127\.0\.0\.1:40843 发起连接：SYN，初始序列号 3254312710/,
  );
  assert.match(at(1).annotation.zh, /三次握手/);
  assert.match(
    at(2).annotation.en,
    /ISN\+1 = 3254312711, and its own initial sequence number is 3238748074; it offers MSS 65495, window scale 10/,
  );
  assert.match(at(3).annotation.en, /three-way handshake is complete, after one round trip of 0\.040 ms/);
  assert.deepEqual(at(4).facts, {
    len: 51,
    relSeq: 1,
    nextSeq: 52,
    method: 'GET',
    target: '/index.html',
    version: 'HTTP/1.0',
    headerBytes: 51,
  });
  assert.match(at(5).annotation.en, /acknowledges every byte before relative sequence 52 .*carries no data/);
  assert.match(at(5).annotation.zh, /确认号|确认已收到相对序列号 52/);
  assert.match(at(8).annotation.en, /200 OK is complete: a 35-byte body/);
  assert.match(at(8).annotation.en, /HTTP\/1\.0 short connection/);
  assert.match(at(8).annotation.zh, /短连接/);
  assert.match(at(8).title.en, /FIN/);
  assert.match(
    at(9).annotation.en,
    /server, which closed first, sees its own FIN acknowledged and the peer's FIN arrive, and enters TIME-WAIT/,
  );
  assert.match(at(10).annotation.en, /stays in TIME-WAIT/);
  assert.match(at(10).annotation.zh, /四次挥手/);
  assert.ok(at(1).spec.some((r) => r.url === 'https://www.rfc-editor.org/rfc/rfc9293#section-3.5'));
  assert.ok(at(8).spec.some((r) => r.url === 'https://www.rfc-editor.org/rfc/rfc9112#section-9.6'));
  assert.ok(at(9).spec.some((r) => r.url === 'https://www.rfc-editor.org/rfc/rfc9293#section-3.6'));
});

test('http11-keepalive-3: the second and third requests reuse the connection without a new handshake', () => {
  const steps = buildSteps(fixture('http11-keepalive-3'));
  const at = (f: number) => steps.find((s) => s.frame === f)!;
  assert.match(at(8).annotation.en, /request number 2 on the same TCP connection: no new handshake/);
  assert.match(at(10).annotation.zh, /同一条 TCP 连接上的第 3 个请求/);
  assert.match(at(6).annotation.en, /stays open \(persistent connection, keep-alive\)/);
  assert.equal(steps.filter((s) => /^SYN:/.test(s.title.en)).length, 1);
});

test('http11-pipelining: three requests in one segment, numbered facts, pipelining said once', () => {
  const s = buildSteps(fixture('http11-pipelining')).find((x) => x.frame === 4)!;
  assert.equal(s.facts['target'], '/p1');
  assert.equal(s.facts['target.2'], '/p2');
  assert.equal(s.facts['target.3'], '/p3');
  assert.equal(s.annotation.en.split('pipelining').length, 2);
  assert.equal(s.annotation.zh.split('管线化').length, 2);
});

test('websocket-close: upgrade, masking, ping/pong, server push and close code explained', () => {
  const steps = buildSteps(fixture('websocket-close'));
  const at = (f: number) => steps.find((s) => s.frame === f)!;
  assert.match(at(4).annotation.en, /Sec-WebSocket-Key sFuUTFFag6qAxvT\/rY1Siw==/);
  assert.match(
    at(6).annotation.en,
    /101 Switching Protocols\. Sec-WebSocket-Accept 5rfFR1KQ188Ha4\/l1jxbVK5Cw1A= matches the key/,
  );
  assert.match(at(6).annotation.en, /long connection/);
  assert.match(at(6).annotation.zh, /长连接/);
  assert.match(at(8).annotation.en, /masked with key 0x2315d2c8, as the protocol requires/);
  assert.match(at(8).annotation.zh, /掩码 0x2315d2c8/);
  assert.match(at(12).annotation.en, /Ping/);
  assert.match(at(15).annotation.en, /Pong answers the Ping/);
  assert.match(at(17).annotation.en, /without being asked/);
  assert.match(at(20).annotation.en, /status code 1000 \(normal closure\), reason "bye"/);
  assert.match(at(20).annotation.zh, /状态码 1000（正常关闭）/);
  assert.ok(at(8).spec.some((r) => r.url === 'https://www.rfc-editor.org/rfc/rfc6455#section-5.3'));
  assert.ok(at(6).spec.some((r) => r.url === 'https://www.rfc-editor.org/rfc/rfc6455#section-4.2.2'));
  assert.ok(at(12).spec.some((r) => r.section === '§5.5.2'));
  assert.ok(at(20).spec.some((r) => r.section === '§5.5.1'));
  // No second handshake anywhere: one connection carries the whole conversation.
  assert.equal(steps.filter((s) => s.frame > 3 && /SYN/.test(s.title.en)).length, 0);
});

test('websocket-deflate: permessage-deflate agreed and compressed frames explained', () => {
  const steps = buildSteps(fixture('websocket-deflate'));
  const at = (f: number) => steps.find((s) => s.frame === f)!;
  assert.match(at(6).annotation.en, /permessage-deflate/);
  assert.ok(at(6).spec.some((r) => r.rfc === 'RFC 7692'));
  assert.match(at(8).annotation.en, /compressed with permessage-deflate/);
  assert.equal(at(8).facts['text'], 'hello hello hello');
});

test('sample: each new HTTP/1.0 connection is explained as the cost of short connections', () => {
  const result = analyse(SAMPLE);
  for (const steps of [buildSteps(result), buildSteps(result, { connection: 1 })]) {
    const syn9 = steps.find((s) => s.frame === 9)!;
    assert.match(
      syn9.annotation.en,
      /previous connection to 127\.0\.0\.1:43759 carried one HTTP request and was closed.*cost of short connections/,
    );
    assert.match(syn9.annotation.zh, /短连接的代价/);
  }
  const first = buildSteps(result).find((s) => s.frame === 1)!;
  assert.doesNotMatch(first.annotation.en, /previous connection/);
});

test('websocket-close: the first message rides the same TCP connection as the upgrade', () => {
  const steps = buildSteps(fixture('websocket-close'));
  assert.match(
    steps.find((s) => s.frame === 8)!.annotation.en,
    /same TCP connection as the upgrade request: no new handshake/,
  );
  assert.doesNotMatch(steps.find((s) => s.frame === 9)!.annotation.en, /same TCP connection as the upgrade/);
});

test('scope: one connection, or the whole capture in frame order', () => {
  const result = analyse(SAMPLE);
  const all = buildSteps(result);
  const frames = all.map((s) => s.frame);
  assert.deepEqual(
    frames,
    [...frames].sort((a, b) => a - b),
  );
  for (const c of result.connections) {
    const one = buildSteps(result, { connection: c.tcp.id });
    assert.deepEqual(
      one.map((s) => s.frame),
      c.tcp.frames,
    );
    assert.deepEqual(
      one.map((s) => s.index),
      one.map((_, i) => i),
    );
  }
  assert.deepEqual(buildSteps(result, { connection: 999 }), []);
  // socket()/bind()/listen() once per listening server in the whole capture, once per connection when scoped.
  const listens = all.flatMap((s) => s.socketCalls).filter((c) => c.call === 'listen');
  assert.equal(listens.length, 1);
  const scoped = buildSteps(result, { connection: 1 })[0]!.socketCalls.filter((c) => c.call === 'listen');
  assert.equal(scoped.length, 1);
});

test('buildSteps needs rows: a programming error otherwise', () => {
  const result = analyzeBytes(readFileSync(SAMPLE));
  assert.throws(() => buildSteps(result), /rows: true/);
});

test('StepCursor: first, last, next, prev, goto and their bounds', () => {
  const steps = buildSteps(fixture('http10-short'));
  const c = new StepCursor(steps);
  assert.equal(c.index, 0);
  assert.equal(c.current.frame, 1);
  assert.equal(c.prev().frame, 1, 'prev at the start stays');
  assert.equal(c.index, 0);
  assert.equal(c.next().frame, 2);
  assert.equal(c.next().frame, 3);
  assert.equal(c.prev().frame, 2);
  assert.equal(c.last().frame, 10);
  assert.equal(c.index, 9);
  assert.equal(c.atEnd, true);
  assert.equal(c.next().frame, 10, 'next at the end stays');
  assert.equal(c.index, 9);
  assert.equal(c.goto(5)?.frame, 5);
  assert.equal(c.index, 4);
  assert.equal(c.goto(99), null, 'unknown frame');
  assert.equal(c.index, 4, 'cursor unchanged by a failed goto');
  assert.equal(c.first().frame, 1);
  assert.equal(c.atStart, true);
  // Stepping backward returns the very same step objects: a lookup, not a recompute.
  c.goto(7);
  const seven = c.current;
  c.next();
  assert.equal(c.prev(), seven);
  const empty = new StepCursor([]);
  assert.equal(empty.length, 0);
  assert.throws(() => empty.current, /no steps/);
  assert.equal(empty.goto(1), null);
});

test('StepCursor over a whole capture: goto finds frames of any connection', () => {
  const steps = buildSteps(analyse(SAMPLE));
  const c = new StepCursor(steps);
  for (const s of steps) assert.equal(c.goto(s.frame), s);
});
