// The native menu as data: a pure function of the platform, the recent list and the capture
// state, with every click wired to an injected action, so tests read the template without
// Electron. Items that need the renderer's state (which file is shown, which interface and
// filter are chosen) become `menu:command` messages; opening files happens here in main.
// Accelerators follow Wireshark where it has one (Ctrl+E start/stop, Ctrl+I interfaces, Ctrl+/ filter).
import type { MenuCommand, RecentEntry } from '../ipc/channels.ts';
import type { MenuItemOptions } from './electron-api.ts';

export interface MenuActions {
  open(): void;
  openRecent(recentId: string): void;
  clearRecent(): void;
  /** Forward to the focused window's renderer. */
  command(command: MenuCommand): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  recent: readonly RecentEntry[];
  capturing: boolean;
  /** Offer Toggle Developer Tools (unpackaged runs only). */
  devTools: boolean;
}

export function buildMenuTemplate(actions: MenuActions, state: MenuState): MenuItemOptions[] {
  const mac = state.platform === 'darwin';
  const cmd = (command: MenuCommand) => () => actions.command(command);

  const recent: MenuItemOptions[] = state.recent.length
    ? [
        ...state.recent.map((r) => ({
          label: r.name,
          id: `recent:${r.recentId}`,
          click: () => actions.openRecent(r.recentId),
        })),
        { type: 'separator' as const },
        { label: 'Clear Recent', id: 'file.clear-recent', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No Recent Files', id: 'file.no-recent', enabled: false }];

  const file: MenuItemOptions = {
    label: 'File',
    submenu: [
      { label: 'Open…', id: 'file.open', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { label: 'Open Recent', id: 'file.open-recent', submenu: recent },
      { type: 'separator' },
      {
        label: 'Save Capture As…',
        id: 'file.save-as',
        accelerator: 'CmdOrCtrl+Shift+S',
        click: cmd('file.save-as'),
      },
      { label: 'Export…', id: 'file.export', accelerator: 'CmdOrCtrl+Shift+E', click: cmd('file.export') },
      ...(mac
        ? []
        : [{ type: 'separator' as const }, { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' }]),
    ],
  };

  const capture: MenuItemOptions = {
    label: 'Capture',
    submenu: [
      state.capturing
        ? { label: 'Stop', id: 'capture.stop', accelerator: 'CmdOrCtrl+E', click: cmd('capture.stop') }
        : { label: 'Start', id: 'capture.start', accelerator: 'CmdOrCtrl+E', click: cmd('capture.start') },
      {
        label: 'Interface…',
        id: 'capture.interface',
        accelerator: 'CmdOrCtrl+I',
        click: cmd('capture.interface'),
      },
      { label: 'Filter…', id: 'capture.filter', accelerator: 'CmdOrCtrl+/', click: cmd('capture.filter') },
      { type: 'separator' },
      { label: 'Run Demo…', id: 'capture.demo', enabled: !state.capturing, click: cmd('capture.demo') },
    ],
  };

  const view: MenuItemOptions = {
    label: 'View',
    submenu: [
      { label: 'Ladder', id: 'view.ladder', accelerator: 'CmdOrCtrl+1', click: cmd('view.ladder') },
      { label: 'Packets', id: 'view.packets', accelerator: 'CmdOrCtrl+2', click: cmd('view.packets') },
      { label: 'HTTP', id: 'view.http', accelerator: 'CmdOrCtrl+3', click: cmd('view.http') },
      { label: 'WebSocket', id: 'view.websocket', accelerator: 'CmdOrCtrl+4', click: cmd('view.websocket') },
      { type: 'separator' },
      { label: 'Language: English / 中文', id: 'view.language', click: cmd('view.language') },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(state.devTools ? [{ role: 'toggleDevTools' }] : []),
    ],
  };

  const help: MenuItemOptions = {
    role: 'help',
    label: 'Help',
    submenu: [{ label: 'About Wirestep', id: 'help.about', click: cmd('help.about') }],
  };

  return [
    ...(mac ? [{ role: 'appMenu' }] : []),
    file,
    // Cut/copy/paste in the filter box need the Edit roles (on macOS nothing else provides the shortcuts).
    { role: 'editMenu' },
    capture,
    view,
    ...(mac ? [{ role: 'windowMenu' }] : []),
    help,
  ];
}
