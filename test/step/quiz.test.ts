// Quiz mode's logic (core/step/quiz.ts) on real captures: the question's truth is the packet's
// own sender, flags, relative ACK and payload kind; checkAnswer marks each part and explains it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes, type AnalysisResult } from '../../core/analyze.ts';
import { TcpFlag } from '../../core/decode/types.ts';
import {
  EMPTY_SCORE,
  QUIZ_CARRIES,
  addToScore,
  carryOf,
  buildSteps,
  checkAnswer,
  flagsOf,
  quizExplainKeys,
  quizQuestion,
  type QuizQuestion,
  type Step,
} from '../../core/step/index.ts';
import { repoRoot } from '../helpers/tshark.ts';

const fixture = (name: string) => join(repoRoot, 'test/fixtures/captures', `${name}.pcap`);
const recording = (name: string) => join(repoRoot, 'samples/recordings', `${name}.pcap`);

function load(file: string): { result: AnalysisResult; steps: Step[]; questions: QuizQuestion[] } {
  const result = analyzeBytes(new Uint8Array(readFileSync(file)), { rows: true });
  const steps = buildSteps(result);
  const questions = steps.map((s) => {
    const ca = result.connections.find((c) => c.tcp.id === s.connection)!;
    const q = quizQuestion(s, { rows: ca.rows!, dissection: ca.dissection });
    assert.ok(q, `question for frame ${s.frame}`);
    return q;
  });
  return { result, steps, questions };
}

const brief = (q: QuizQuestion) =>
  [
    q.frame,
    q.truth.who,
    q.truth.flags.join('+'),
    q.truth.ack,
    q.truth.carry.join('|'),
    q.role,
    q.ackKind,
  ].join(' ');

test('http10-short: the ten packets as questions (sender, flags, relative ACK, payload, role, what the ACK acknowledges)', () => {
  const { questions } = load(fixture('http10-short'));
  assert.deepEqual(questions.map(brief), [
    '1 client SYN  none syn none',
    '2 server SYN+ACK 1 none syn-ack syn',
    '3 client ACK 1 none handshake-ack syn',
    '4 client ACK+PSH 1 http-request request unchanged',
    '5 server ACK 52 none ack data',
    '6 server ACK+PSH 52 http-response response unchanged',
    '7 client ACK 137 none ack data',
    '8 server ACK+FIN 52 none|http-response fin unchanged',
    '9 client ACK+FIN 138 none fin fin',
    '10 server ACK 53 none ack fin',
  ]);
  // An HTTP connection offers the HTTP choices only.
  assert.deepEqual(questions[0]!.carryChoices, ['none', 'http-request', 'http-response', 'segment']);
});

test('the truth is the packet itself: sender, flags and the relative ACK of its row', () => {
  for (const file of [
    fixture('http10-short'),
    fixture('websocket-close'),
    recording('websocket-chat'),
    fixture('rst-abort'),
  ]) {
    const { result, questions } = load(file);
    for (const q of questions) {
      const row = result.connections
        .find((c) => c.tcp.id === q.connection)!
        .rows!.find((r) => r.frame === q.frame)!;
      assert.equal(q.truth.who, row.dir === 0 ? 'client' : 'server');
      assert.deepEqual(q.truth.flags, flagsOf(row.flags));
      assert.equal(q.truth.ack, row.flags & TcpFlag.ACK ? row.relAck : null);
      if (row.flags & TcpFlag.RST) assert.equal(q.role, 'rst', `${file} ${q.frame}`);
    }
  }
});

test('websocket-chat: Upgrade request, 101, data frames both ways, ping/pong and close are told apart', () => {
  const { questions } = load(recording('websocket-chat'));
  const byFrame = new Map(questions.map((q) => [q.frame, q]));
  assert.deepEqual(byFrame.get(4)!.truth.carry, ['http-request']);
  assert.deepEqual(byFrame.get(6)!.truth.carry, ['http-response']);
  const carries = new Set(questions.flatMap((q) => q.truth.carry));
  for (const c of ['ws-data', 'ws-control', 'none']) assert.ok(carries.has(c as never), c);
  // Data flows both ways: the server pushes too.
  assert.ok(questions.some((q) => q.role === 'ws-data' && q.truth.who === 'server'));
  assert.ok(questions.some((q) => q.role === 'ws-data' && q.truth.who === 'client'));
  assert.deepEqual(questions[0]!.carryChoices, [...QUIZ_CARRIES]);
});

test('checkAnswer: the true answer is all right; each wrong part is marked alone with the true value', () => {
  const { questions } = load(fixture('http10-short'));
  const synAck = questions[1]!;
  const right = checkAnswer(synAck, { who: 'server', flags: ['ACK', 'SYN'], ack: 1, carry: 'none' });
  assert.equal(right.allRight, true);
  assert.equal(right.right, 4);
  assert.equal(right.scored, 4);
  assert.deepEqual(
    right.parts.map((p) => p.explain),
    ['who.syn-ack', 'flags.syn-ack', 'ack.syn', 'carry.none'],
  );
  const wrong = checkAnswer(synAck, { who: 'client', flags: ['SYN'], ack: 0 });
  assert.equal(wrong.allRight, false);
  assert.equal(wrong.right, 0);
  assert.equal(wrong.scored, 3, 'the carry part, left out, is skipped');
  assert.deepEqual(
    wrong.parts.map((p) => [p.part, p.right, p.skipped, p.answer, p.truth]),
    [
      ['who', false, false, 'client', 'server'],
      ['flags', false, false, ['SYN'], ['SYN', 'ACK']],
      ['ack', false, false, 0, 1],
      ['carry', false, true, null, ['none']],
    ],
  );
  // The first SYN acknowledges nothing: an empty ACK answer is right, a number is wrong.
  const syn = questions[0]!;
  assert.equal(checkAnswer(syn, { who: 'client', flags: ['SYN'], ack: null }).allRight, true);
  assert.equal(checkAnswer(syn, { who: 'client', flags: ['SYN'], ack: 0 }).parts[2]!.right, false);
  // Payload that completes nothing is a piece of a message a later packet completes.
  const d = load(fixture('http10-short')).result.connections[0]!.dissection;
  assert.deepEqual(carryOf(d, 99999, 1448), ['segment']);
  assert.deepEqual(carryOf(d, 99999, 0), ['none']);
  // A packet that is no HTTP/WebSocket connection's has no carry part.
  assert.equal(checkAnswer({ ...syn, carryChoices: null }, {}).parts.length, 3);
  // Missing answers are wrong, not errors.
  assert.equal(checkAnswer(syn, {}).right, 1, 'no ACK expected, none given');
  let score = addToScore(EMPTY_SCORE, right);
  score = addToScore(score, wrong);
  assert.deepEqual(score, { questions: 2, allRight: 1, parts: 7, partsRight: 4 });
});

test('every capture: answering with the truth is all right; every explanation key is a known one', () => {
  const keys = new Set(quizExplainKeys());
  const files = [
    ...[
      'http10-short',
      'http10-short-ipv6',
      'http11-keepalive-3',
      'http11-pipelining',
      'rst-abort',
      'websocket-close',
      'websocket-deflate',
    ].map(fixture),
    ...['polling-vs-websocket', 'websocket-chat', 'websocket-fragments', 'http-reset'].map(recording),
  ];
  const seen = new Set<string>();
  for (const file of files) {
    for (const q of load(file).questions) {
      const r = checkAnswer(q, {
        who: q.truth.who,
        flags: q.truth.flags,
        ack: q.truth.ack,
        carry: q.truth.carry[0],
      });
      assert.equal(r.allRight, true, `${file} frame ${q.frame}`);
      for (const p of r.parts) {
        assert.ok(keys.has(p.explain), p.explain);
        seen.add(p.explain);
      }
    }
  }
  // The captures exercise most explanations (not every one occurs on loopback).
  for (const k of ['who.syn', 'who.rst', 'ack.fin', 'ack.unchanged', 'carry.ws-control'])
    assert.ok(seen.has(k), k);
});
