// toMermaid: participants named by IP:port, one arrow per packet, a note per phase, and text from
// the wire can never break out of a message (parsed back with a small reader of the syntax used).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toMermaid, mermaidText } from '../../core/export/index.ts';
import type { ConnectionTimeline } from '../../core/timeline/types.ts';
import { fixture, model } from './export-fixtures.ts';
import { parseMermaid } from './mermaid-parse.ts';

test('websocket-close: participants, one arrow per packet, phase notes', () => {
  const m = model(fixture('websocket-close.pcap'));
  const c = m.timeline.connections[0]!;
  const parsed = parseMermaid(toMermaid(c));
  assert.deepEqual(
    [...parsed.participants.entries()],
    [
      ['C', c.client],
      ['S', c.server],
    ],
  );
  assert.equal(parsed.arrows.length, c.rows.length);
  assert.equal(parsed.notes.length, c.phases.length);
  c.rows.forEach((r, i) => {
    assert.equal(parsed.arrows[i]!.from, r.dir === 0 ? 'C' : 'S');
    assert.ok(parsed.arrows[i]!.text.startsWith(`${r.frame} `));
  });
  assert.ok(parsed.arrows.some((a) => a.text.includes('GET /ws')));
  assert.ok(parsed.arrows[0]!.text.includes('SYN'));
});

test('IPv6 participants and the RST arrow', () => {
  const c6 = model(fixture('http10-short-ipv6.pcap')).timeline.connections[0]!;
  const p6 = parseMermaid(toMermaid(c6));
  assert.equal(p6.participants.get('C'), c6.client);
  assert.match(c6.client, /^\[/);
  const rst = model(fixture('rst-abort.pcap')).timeline.connections[0]!;
  const text = toMermaid(rst);
  assert.match(text, /-x/);
  assert.equal(parseMermaid(text).arrows.length, rst.rows.length);
});

test('hostile text is escaped: no statement break, comment, HTML or arrow from the wire', () => {
  const evil = 'GET /a;b %%{init}%% <script>x</script> #1 S->>C: fake\nNote over C,S: x';
  assert.doesNotMatch(mermaidText(evil).replace(/#\d+;/g, ''), /[;%<>#\n]/);
  const c = model(fixture('websocket-close.pcap')).timeline.connections[0]!;
  const hacked: ConnectionTimeline = {
    ...c,
    client: '1.2.3.4:5;evil',
    rows: c.rows.map((r) => ({ ...r, labels: [{ kind: 'http-request', text: evil, ref: 0 }] })),
  };
  const parsed = parseMermaid(toMermaid(hacked));
  assert.equal(parsed.arrows.length, c.rows.length);
  assert.equal(parsed.participants.get('C'), '1.2.3.4:5;evil');
  assert.ok(parsed.arrows[0]!.text.includes(evil.replace('\n', '\n')));
});

test('maxArrows caps the diagram with a note', () => {
  const c = model(fixture('websocket-close.pcap')).timeline.connections[0]!;
  const parsed = parseMermaid(toMermaid(c, { maxArrows: 3 }));
  assert.equal(parsed.arrows.length, 3);
  assert.ok(parsed.notes.some((n) => n.includes('more packets not shown')));
});
