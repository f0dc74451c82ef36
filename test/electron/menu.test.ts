import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMenuTemplate, type MenuActions, type MenuState } from '../../electron/main/menu.ts';
import type { MenuItemOptions } from '../../electron/main/electron-api.ts';
import type { MenuCommand } from '../../electron/ipc/channels.ts';

function recorder() {
  const log: string[] = [];
  const actions: MenuActions = {
    open: () => log.push('open'),
    openRecent: (id) => log.push(`recent:${id}`),
    clearRecent: () => log.push('clear'),
    command: (c: MenuCommand) => log.push(`cmd:${c}`),
  };
  return { log, actions };
}

const base: MenuState = { platform: 'linux', recent: [], capturing: false, devTools: false };

function top(template: MenuItemOptions[], label: string): MenuItemOptions {
  const m = template.find((t) => t.label === label);
  assert.ok(m, `menu ${label}`);
  return m;
}
function item(menu: MenuItemOptions, id: string): MenuItemOptions {
  const found = menu.submenu?.find((i) => i.id === id);
  assert.ok(found, `item ${id}`);
  return found;
}
function allItems(template: MenuItemOptions[]): MenuItemOptions[] {
  return template.flatMap((t) => [t, ...allItems(t.submenu ?? [])]);
}

test('top-level menus in order (Linux/Windows; macOS adds app and window menus)', () => {
  const { actions } = recorder();
  assert.deepEqual(
    buildMenuTemplate(actions, base).map((m) => m.label ?? m.role),
    ['File', 'editMenu', 'Capture', 'View', 'Help'],
  );
  assert.deepEqual(
    buildMenuTemplate(actions, { ...base, platform: 'darwin' }).map((m) => m.label ?? m.role),
    ['appMenu', 'File', 'editMenu', 'Capture', 'View', 'windowMenu', 'Help'],
  );
});

test('required items, labels and accelerators', () => {
  const { actions } = recorder();
  const t = buildMenuTemplate(actions, base);
  const file = top(t, 'File');
  const capture = top(t, 'Capture');
  const table: Array<[MenuItemOptions, string, string, string | undefined]> = [
    [file, 'file.open', 'Open…', 'CmdOrCtrl+O'],
    [file, 'file.open-recent', 'Open Recent', undefined],
    [file, 'file.save-as', 'Save Capture As…', 'CmdOrCtrl+Shift+S'],
    [file, 'file.export', 'Export…', 'CmdOrCtrl+Shift+E'],
    [capture, 'capture.start', 'Start', 'CmdOrCtrl+E'],
    [capture, 'capture.interface', 'Interface…', 'CmdOrCtrl+I'],
    [capture, 'capture.filter', 'Filter…', 'CmdOrCtrl+/'],
    [top(t, 'View'), 'view.ladder', 'Ladder', 'CmdOrCtrl+1'],
    [top(t, 'Help'), 'help.about', 'About Wirestep', undefined],
  ];
  for (const [menu, id, label, accel] of table) {
    const i = item(menu, id);
    assert.equal(i.label, label, id);
    assert.equal(i.accelerator, accel, id);
  }
  // Quit lives in File except on macOS (where the app menu has it).
  assert.ok(file.submenu!.some((i) => i.role === 'quit'));
  assert.ok(
    !top(buildMenuTemplate(actions, { ...base, platform: 'darwin' }), 'File').submenu!.some(
      (i) => i.role === 'quit',
    ),
  );
});

test('no accelerator is used twice', () => {
  const { actions } = recorder();
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    const accels = allItems(buildMenuTemplate(actions, { ...base, platform, devTools: true }))
      .map((i) => i.accelerator)
      .filter((a): a is string => a !== undefined);
    assert.equal(new Set(accels).size, accels.length, platform);
  }
});

test('clicks call the injected actions', () => {
  const { log, actions } = recorder();
  const t = buildMenuTemplate(actions, {
    ...base,
    recent: [{ recentId: 'abc', name: 'a.pcap', folder: '/tmp' }],
  });
  item(top(t, 'File'), 'file.open').click!();
  item(top(t, 'File'), 'file.save-as').click!();
  item(top(t, 'File'), 'file.export').click!();
  const recent = item(top(t, 'File'), 'file.open-recent');
  recent.submenu!.find((i) => i.id === 'recent:abc')!.click!();
  recent.submenu!.find((i) => i.id === 'file.clear-recent')!.click!();
  item(top(t, 'Capture'), 'capture.start').click!();
  item(top(t, 'Capture'), 'capture.filter').click!();
  item(top(t, 'Capture'), 'capture.interface').click!();
  assert.deepEqual(log, [
    'open',
    'cmd:file.save-as',
    'cmd:file.export',
    'recent:abc',
    'clear',
    'cmd:capture.start',
    'cmd:capture.filter',
    'cmd:capture.interface',
  ]);
});

test('capture state swaps Start for Stop and disables the demo', () => {
  const { log, actions } = recorder();
  const capture = top(buildMenuTemplate(actions, { ...base, capturing: true }), 'Capture');
  assert.equal(
    capture.submenu!.some((i) => i.id === 'capture.start'),
    false,
  );
  const stop = item(capture, 'capture.stop');
  assert.equal(stop.accelerator, 'CmdOrCtrl+E');
  stop.click!();
  assert.deepEqual(log, ['cmd:capture.stop']);
  assert.equal(item(capture, 'capture.demo').enabled, false);
});

test('empty recent list shows a disabled placeholder; dev tools only in dev runs', () => {
  const { actions } = recorder();
  const t = buildMenuTemplate(actions, base);
  const recent = item(top(t, 'File'), 'file.open-recent');
  assert.deepEqual(
    recent.submenu!.map((i) => [i.id, i.enabled]),
    [['file.no-recent', false]],
  );
  assert.equal(
    allItems(t).some((i) => i.role === 'toggleDevTools'),
    false,
  );
  assert.equal(
    allItems(buildMenuTemplate(actions, { ...base, devTools: true })).some(
      (i) => i.role === 'toggleDevTools',
    ),
    true,
  );
});
