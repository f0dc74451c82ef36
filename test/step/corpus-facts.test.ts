// The step model over the shared corpus (public captures from other projects: retransmissions,
// duplicate ACKs, mid-stream starts, TLS, odd HTTP, big WebSocket frames): every packet gets an
// explanation in both languages, and every number it quotes equals tshark's field. The few known
// disagreements are listed with the reason; each entry must still disagree (no stale excuses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBytes } from '../../core/analyze.ts';
import { buildSteps } from '../../core/step/index.ts';
import { corpusDir, corpusFiles, tsharkAvailable } from '../helpers/tshark.ts';
import { expectedValues, tsharkFrames } from './tshark-facts.ts';
import { digitsNotInFacts } from './text-checks.ts';

/** `file frame key` → why the step and tshark legitimately differ. */
const KNOWN: Record<string, string> = {
  'fmt-tcpdump-nanosecond-invalid.pcap 3 rttMs':
    'nanosecond fields ≥ 1e9: the readers normalise the timestamps differently',
  'fmt-zeek-nanosecond-http-to-ssh.pcap 4 method':
    'tshark does not decode HTTP on this port; Wirestep sniffs it',
  'fmt-zeek-nanosecond-http-to-ssh.pcap 4 target':
    'tshark does not decode HTTP on this port; Wirestep sniffs it',
  'fmt-zeek-nanosecond-http-to-ssh.pcap 4 version':
    'tshark does not decode HTTP on this port; Wirestep sniffs it',
  'http-sv-chunked-null-lo0.pcap 5 requestBodyBytes':
    'bare-LF chunk framing: tshark stops after the first chunk',
  'http-sv-chunked-null-lo0.pcap 8 bodyBytes': 'bare-LF response: tshark shows no body',
  'ws-zeek-oversized-close-frame.pcapng 3 rttMs':
    'the SYN has timestamp 0, which tshark treats as unset (no initial RTT)',
};
/** tshark's http.request_number also advances for responses in a pipelined burst. */
const KNOWN_KEYS: Record<string, string> = {
  'http-sv-pipelined-heavy.pcap requestNumber': 'tshark numbers pipelined requests differently',
};

const CJK = /[\u4e00-\u9fff]/;
const files = corpusFiles().filter((f) => !f.startsWith('bad-'));

test(
  'corpus: every step explained in both languages, quoted facts verbatim',
  { skip: files.length === 0 },
  () => {
    for (const file of files) {
      const steps = buildSteps(analyzeBytes(readFileSync(join(corpusDir, file)), { rows: true }));
      for (const s of steps) {
        const where = `${file} frame ${s.frame}`;
        assert.ok(s.annotation.en.length > 0 && s.title.en.length > 0, `${where}: en`);
        assert.match(s.annotation.zh, CJK, `${where}: zh`);
        assert.match(s.title.zh, CJK, `${where}: zh title`);
        for (const [k, v] of Object.entries(s.facts)) {
          assert.ok(
            s.annotation.en.includes(String(v)) && s.annotation.zh.includes(String(v)),
            `${where}: ${k} quoted`,
          );
        }
        assert.deepEqual(
          digitsNotInFacts(s.annotation.en, s.facts),
          [],
          `${where}: unrecorded number in ${s.annotation.en}`,
        );
        assert.deepEqual(
          digitsNotInFacts(s.annotation.zh, s.facts),
          [],
          `${where}: unrecorded number in ${s.annotation.zh}`,
        );
      }
    }
  },
);

test(
  'corpus: every fact equals tshark, apart from the listed disagreements',
  { skip: files.length === 0 || !tsharkAvailable() },
  () => {
    const used = new Set<string>();
    let checked = 0;
    for (const file of files) {
      const steps = buildSteps(analyzeBytes(readFileSync(join(corpusDir, file)), { rows: true }));
      if (steps.length === 0) continue;
      const ts = tsharkFrames(join(corpusDir, file));
      for (const s of steps) {
        for (const [key, value] of Object.entries(s.facts)) {
          const expected = expectedValues(ts, s.frame, key);
          const ok = expected.includes(String(value));
          const known = `${file} ${s.frame} ${key}`;
          const knownKey = `${file} ${key.replace(/\.\d+$/, '')}`;
          if (KNOWN[known] !== undefined) {
            used.add(known);
            assert.ok(!ok, `${known} agrees now: remove it from KNOWN`);
          } else if (KNOWN_KEYS[knownKey] !== undefined) {
            used.add(knownKey);
          } else {
            assert.ok(
              ok,
              `${file} frame ${s.frame}: ${key}=${JSON.stringify(value)}, tshark says ${JSON.stringify(expected)}`,
            );
          }
          checked++;
        }
      }
    }
    assert.deepEqual(
      [...Object.keys(KNOWN), ...Object.keys(KNOWN_KEYS)].filter((k) => !used.has(k)),
      [],
      'every listed disagreement still occurs',
    );
    assert.ok(checked > 5000, `facts checked: ${checked}`);
  },
);

test(
  'corpus: analysis events are explained (duplicate ACKs, retransmissions, mid-stream starts)',
  { skip: files.length === 0 },
  () => {
    const load = (f: string) => buildSteps(analyzeBytes(readFileSync(join(corpusDir, f)), { rows: true }));
    const fast = load('tcp-zeek-fast-retransmit.pcap');
    assert.ok(
      fast.some(
        (s) => /^Duplicate ACK number \d+ of frame \d+/m.test(s.annotation.en) && 'dupAckOf' in s.facts,
      ),
    );
    assert.ok(fast.some((s) => /retransmission/i.test(s.title.en) && /重传/.test(s.title.zh)));
    const tooBig = load('ws-zeek-close-1009.pcap');
    assert.ok(
      tooBig.some(
        (s) =>
          /status code 1009 \(message too big to process\)/.test(s.annotation.en) &&
          /1009（消息过大/.test(s.annotation.zh),
      ),
    );
    const wrongAccept = load('ws-zeek-wrong-accept-header.pcap');
    assert.ok(
      wrongAccept.some((s) => /does not match the key/.test(s.annotation.en) && /不符/.test(s.annotation.zh)),
    );
    const tls = load('tls-zeek-tls12.pcap');
    assert.ok(
      tls.some((s) => /ClientHello/.test(s.annotation.en) && s.spec.some((r) => r.rfc === 'RFC 8446')),
    );
    const noSyn = load('tcp-zeek-missing-syn-http10.pcap');
    assert.match(noSyn[0]!.annotation.en, /SYN is not in the capture/);
    const mid = load('ws-emmunaf-websocket-org-echo.pcapng');
    assert.ok(
      mid.some(
        (s) =>
          /capture started after this connection was opened/.test(s.annotation.en) &&
          /抓包开始时这条连接已经建立/.test(s.annotation.zh),
      ),
    );
    // A connection caught mid-way is taken as ESTABLISHED on both ends, so its FIN is explained
    // as the start of the teardown.
    assert.ok(
      mid.some(
        (s) =>
          /closes its direction of the connection: FIN/.test(s.annotation.en) &&
          s.statesBefore[1] === 'ESTABLISHED',
      ),
    );
  },
);
