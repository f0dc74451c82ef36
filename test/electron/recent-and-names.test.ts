import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonRecentStore, MAX_RECENT, RecentFiles, recentId } from '../../electron/main/recent-files.ts';
import { safeFileName } from '../../electron/main/ipc-validate.ts';
import { interfacesFromOs } from '../../electron/main/interfaces.ts';

test('recent list: newest first, deduplicated, bounded, ids not paths', () => {
  let saved: string[] = [];
  const r = new RecentFiles({ load: () => null, save: (p) => (saved = p) });
  for (let i = 0; i < MAX_RECENT + 3; i++) r.add(`/c/${i}.pcap`);
  r.add('/c/5.pcap');
  const e = r.entries();
  assert.equal(e.length, MAX_RECENT);
  assert.equal(e[0]!.name, '5.pcap');
  assert.equal(e.filter((x) => x.name === '5.pcap').length, 1);
  assert.equal(saved[0], '/c/5.pcap');
  assert.equal(e[0]!.recentId, recentId('/c/5.pcap'));
  assert.ok(!e[0]!.recentId.includes('/'));
  assert.equal(r.resolve(e[0]!.recentId), '/c/5.pcap');
  assert.equal(r.resolve('nope'), undefined);
});

test('a damaged or hostile store loads as an empty or filtered list', () => {
  assert.equal(new RecentFiles({ load: () => null, save() {} }).entries().length, 0);
  const mixed = new RecentFiles({
    load: () => ['relative.pcap', 42, '/abs/a.pcap'] as unknown as string[],
    save() {},
  });
  assert.deepEqual(
    mixed.entries().map((e) => e.name),
    ['a.pcap'],
  );
  const store = jsonRecentStore('/x.json', {
    readFileSync: () => '{not json',
    writeFileSync: () => assert.fail(),
  });
  assert.equal(store.load(), null);
  const files: Record<string, string> = {};
  const s2 = jsonRecentStore('/y.json', {
    readFileSync: (p) => files[p] ?? '',
    writeFileSync: (p, d) => void (files[p] = d),
  });
  s2.save(['/a.pcap']);
  assert.deepEqual(s2.load(), ['/a.pcap']);
});

test('suggested save names are base names without separators or control characters', () => {
  const cases: Array<[unknown, string]> = [
    [undefined, 'fallback.pcapng'],
    ['ladder', 'ladder'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['C:\\Windows\\x', 'C__Windows_x'],
    ['a\u0000b', ''],
    ['.bashrc', 'bashrc'],
    ['   ', 'fallback.pcapng'],
    ['a\nb\tc', 'a_b_c'],
    ['中文 名字', '中文 名字'],
  ];
  for (const [input, want] of cases) {
    if (want === '')
      assert.throws(() => safeFileName(input, 'n', 'fallback.pcapng'), /ipc\.argument\.invalid/);
    else assert.equal(safeFileName(input, 'n', 'fallback.pcapng'), want, String(input));
  }
});

test('interfaces: loopback first; Windows offers the Npcap loopback device', () => {
  const nets = { eth0: [{ internal: false }], lo: [{ internal: true }] };
  assert.deepEqual(
    interfacesFromOs(nets, 'linux').map((i) => [i.name, i.loopback]),
    [
      ['lo', true],
      ['any', false],
      ['eth0', false],
    ],
  );
  assert.deepEqual(
    interfacesFromOs({ lo0: [{ internal: true }], en0: [{ internal: false }] }, 'darwin').map((i) => i.name),
    ['lo0', 'en0'],
  );
  assert.deepEqual(
    interfacesFromOs(nets, 'win32').map((i) => i.name),
    ['\\Device\\NPF_Loopback'],
  );
});
