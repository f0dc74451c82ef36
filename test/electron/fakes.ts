// Fakes of the Electron objects the shell uses (electron/main/electron-api.ts), recording calls.
import type {
  HandlerDetails,
  IpcMainInvokeEvent,
  PreventableEvent,
  WebContents,
  WindowOpenHandlerResponse,
} from '../../electron/main/electron-api.ts';

export const INDEX_URL = 'file:///opt/Wirestep/resources/app.asar/renderer/dist/index.html';
export const LOCATION = { indexUrl: INDEX_URL };
export const DEV_LOCATION = { indexUrl: INDEX_URL, devOrigin: 'http://127.0.0.1:5173' };

type Listener = (...args: never[]) => unknown;

export class FakeWebContents implements WebContents {
  readonly id = 1;
  url = INDEX_URL;
  destroyed = false;
  sent: Array<{ channel: string; args: unknown[] }> = [];
  listeners = new Map<string, Listener[]>();
  openHandler: ((d: HandlerDetails) => WindowOpenHandlerResponse) | null = null;

  getURL(): string {
    return this.url;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  on(event: string, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  setWindowOpenHandler(handler: (d: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }
  /** Fires an event with a preventable first argument; returns whether a listener prevented it. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    const e: PreventableEvent = { preventDefault: () => (prevented = true) };
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(e, ...args);
    return prevented;
  }
}

export function invokeEvent(
  url: string | null,
  sender: WebContents = new FakeWebContents(),
  parent: unknown = null,
): IpcMainInvokeEvent {
  return { sender, senderFrame: url === null ? null : { url, parent } };
}
