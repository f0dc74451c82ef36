// Output must not depend on how the bytes were chunked (DESIGN §2): every fixture re-fed split at
// every byte position (a stride for the big ones), and one byte at a time, gives identical
// frames, messages and diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Deflate, Z_SYNC_FLUSH } from 'pako';
import { WebSocketParser, type NegotiatedExtensions } from '../../../core/dissect/websocket/index.ts';
import {
  MASK,
  concat,
  fixtureNames,
  hex,
  loadFixture,
  privateAvailable,
  privateFixtureNames,
  replay,
  snapshot,
  utf8,
  wsFrame,
} from './helpers.ts';

const ALL_POSITIONS_UP_TO = 3000;

for (const name of [...fixtureNames, ...privateFixtureNames]) {
  const skip = privateFixtureNames.includes(name) && !privateAvailable() && 'needs the corpus and tshark';
  test(`${name}: identical output at every split position`, { skip }, () => {
    const fx = loadFixture(name);
    const base = snapshot(replay(fx));
    assert.ok(base.frames.length > 0);
    assert.deepEqual(snapshot(replay(fx, 'bytes')), base, 'one byte at a time');
    for (const dir of [0, 1] as const) {
      const total = fx.chunks.filter((c) => c.dir === dir).reduce((n, c) => n + c.data.length, 0);
      const stride = total <= ALL_POSITIONS_UP_TO ? 1 : Math.ceil(total / 300);
      for (let pos = 1; pos < total; pos += stride) {
        assert.deepEqual(snapshot(replay(fx, [dir, pos])), base, `dir ${dir} split at ${pos}`);
      }
    }
  });
}

/** A synthetic stream mixing every frame kind, compression and several violations. */
function torture(): { pieces: Array<[0 | 1, Uint8Array]>; ext: NegotiatedExtensions } {
  const d = new Deflate({ raw: true });
  const out: Uint8Array[] = [];
  d.onData = (c) => out.push(c);
  const compress = (s: string) => {
    d.push(utf8(s), Z_SYNC_FLUSH);
    const b = concat(...out.splice(0));
    return b.subarray(0, b.length - 4);
  };
  const c1 = compress('compressed one '.repeat(20));
  const c2 = compress('compressed one '.repeat(19) + 'and two');
  const server = concat(
    wsFrame({ opcode: 1, rsv: 4, payload: c1 }),
    wsFrame({ opcode: 1, rsv: 4, fin: false, payload: c2.subarray(0, 3) }),
    wsFrame({ opcode: 9, payload: 'mid' }),
    wsFrame({ opcode: 0, payload: c2.subarray(3) }),
    wsFrame({ opcode: 2, payload: new Uint8Array(300).fill(7) }),
    hex('8102c328'), // invalid UTF-8
    wsFrame({ opcode: 5, payload: 'r' }),
    wsFrame({ opcode: 1, payload: 'Hi', form: 64 }),
    hex('880203ed'), // close 1005: invalid code
  );
  const client = concat(
    wsFrame({ opcode: 1, fin: false, payload: 'frag', mask: MASK }),
    wsFrame({ opcode: 10, payload: 'p', mask: MASK }),
    wsFrame({ opcode: 0, fin: false, payload: 'mented €', mask: MASK }),
    wsFrame({ opcode: 0, payload: ' text', mask: MASK }),
    hex('800141'), // unexpected continuation, unmasked
    wsFrame({ opcode: 8, payload: hex('03e8'), mask: MASK }),
    wsFrame({ opcode: 1, payload: 'late', mask: MASK }),
    wsFrame({ opcode: 1, fin: false, payload: 'cut', mask: MASK }),
  );
  const pieces: Array<[0 | 1, Uint8Array]> = [];
  for (let i = 0, j = 0; i < server.length || j < client.length; i += 97, j += 61) {
    if (i < server.length) pieces.push([1, server.subarray(i, i + 97)]);
    if (j < client.length) pieces.push([0, client.subarray(j, j + 61)]);
  }
  return {
    pieces,
    ext: {
      permessageDeflate: {
        serverNoContextTakeover: false,
        clientNoContextTakeover: false,
        serverMaxWindowBits: 15,
        clientMaxWindowBits: 15,
      },
      others: [],
      diagnostics: [],
    },
  };
}

function feed(
  pieces: Array<[0 | 1, Uint8Array]>,
  ext: NegotiatedExtensions,
  cut: (dir: number, offset: number, len: number) => number[],
) {
  const p = new WebSocketParser({}, { extensions: ext });
  const offsets = [0, 0];
  pieces.forEach(([dir, data], i) => {
    let prev = 0;
    for (const at of [...cut(dir, offsets[dir]!, data.length), data.length]) {
      if (at <= prev || at > data.length) continue;
      p.push(dir, { data: data.slice(prev, at), frame: i + 1, offset: offsets[dir]! + prev });
      prev = at;
    }
    offsets[dir]! += data.length;
  });
  p.finish();
  return snapshot(p);
}

test('synthetic stream with compression and violations: every split position, and random multi-splits', () => {
  const { pieces, ext } = torture();
  const base = feed(pieces, ext, () => []);
  assert.ok(base.diagnostics.length >= 6, JSON.stringify(base.diagnostics.map((d) => d.id)));
  assert.ok(base.messages.some((m) => m.compressed && m.text === 'compressed one '.repeat(19) + 'and two'));
  for (const dir of [0, 1]) {
    const total = pieces.filter(([d]) => d === dir).reduce((n, [, b]) => n + b.length, 0);
    for (let pos = 1; pos < total; pos++) {
      const got = feed(pieces, ext, (d, off, len) =>
        d === dir && pos > off && pos < off + len ? [pos - off] : [],
      );
      assert.deepEqual(got, base, `dir ${dir} split at ${pos}`);
    }
  }
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  for (let round = 0; round < 200; round++) {
    const got = feed(pieces, ext, (_d, _o, len) =>
      Array.from({ length: rand(6) }, () => rand(len)).sort((a, b) => a - b),
    );
    assert.deepEqual(got, base, `round ${round}`);
  }
});
