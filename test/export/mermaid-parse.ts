// Reads back the Mermaid subset toMermaid writes (sequenceDiagram, participants, ->> / -x arrows,
// notes over both), failing on any other line or on unescaped unsafe characters in a message.
import assert from 'node:assert/strict';

export function parseMermaid(text: string) {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines[0], 'sequenceDiagram');
  const participants = new Map<string, string>();
  const arrows: Array<{ from: string; to: string; text: string }> = [];
  const notes: string[] = [];
  const unescape = (s: string) => s.replace(/#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
  for (const l of lines.slice(1)) {
    let m: RegExpMatchArray | null;
    if ((m = l.match(/^ {2}participant (\w+) as ([^;#%<>]*(?:#\d+;[^;#%<>]*)*)$/)))
      participants.set(m[1]!, unescape(m[2]!));
    else if ((m = l.match(/^ {2}(\w+)(->>|-x)(\w+): (.*)$/))) {
      // Mermaid's entity codes (#59;) are the only place ';' and '#' may appear.
      assert.ok(!/[;%<>#\n]/.test(m[4]!.replace(/#\d+;/g, '')), `unsafe text: ${m[4]}`);
      arrows.push({ from: m[1]!, to: m[3]!, text: unescape(m[4]!) });
    } else if ((m = l.match(/^ {2}Note over C,S: (.*)$/))) notes.push(unescape(m[1]!));
    else if (/^%% /.test(l)) continue;
    else assert.fail(`unexpected line: ${l}`);
  }
  return { participants, arrows, notes };
}
