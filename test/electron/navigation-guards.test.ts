import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAppUrl, parseDevOrigin } from '../../electron/main/app-location.ts';
import {
  allowNavigation,
  denyAllPermissions,
  guardWebContents,
  isSafeExternalUrl,
  windowOpenDecision,
} from '../../electron/main/navigation-guards.ts';
import type { Session } from '../../electron/main/electron-api.ts';
import { DEV_LOCATION, FakeWebContents, INDEX_URL, LOCATION } from './fakes.ts';

const NAVIGATION: Array<[string, boolean, boolean]> = [
  // url, allowed packaged, allowed in a dev run
  [INDEX_URL, true, true],
  [`${INDEX_URL}#/ladder`, true, true],
  [`${INDEX_URL}?lang=zh`, true, true],
  ['file:///opt/Wirestep/resources/app.asar/renderer/dist/other.html', false, false],
  ['file:///opt/Wirestep/resources/app.asar/renderer/dist/index.html/../../../../etc/passwd', false, false],
  ['file:///etc/passwd', false, false],
  ['file:///home/u/Downloads/evil.html', false, false],
  ['file://evilhost/opt/Wirestep/resources/app.asar/renderer/dist/index.html', false, false],
  ['https://example.com/', false, false],
  ['http://127.0.0.1:5173/', false, true],
  ['http://127.0.0.1:5173/src/main.tsx', false, true],
  ['http://localhost:5173/', false, false],
  ['http://127.0.0.1:5174/', false, false],
  ['https://127.0.0.1:5173/', false, false],
  ['javascript:alert(1)', false, false],
  ['data:text/html,<script>alert(1)</script>', false, false],
  ['about:blank', false, false],
  ['chrome://gpu', false, false],
  ['not a url', false, false],
  ['', false, false],
];

test('will-navigate: only the app page (and, in a dev run, the dev server origin)', () => {
  for (const [url, packaged, dev] of NAVIGATION) {
    assert.equal(allowNavigation(url, LOCATION), packaged, `packaged ${url}`);
    assert.equal(allowNavigation(url, DEV_LOCATION), dev, `dev ${url}`);
  }
});

test('guardWebContents prevents will-navigate and will-redirect away, allows the app page', () => {
  const wc = new FakeWebContents();
  guardWebContents(wc, { location: LOCATION, openExternal: async () => {} });
  assert.equal(wc.fire('will-navigate', 'https://evil.example/'), true);
  assert.equal(wc.fire('will-redirect', 'https://evil.example/'), true);
  assert.equal(wc.fire('will-navigate', 'file:///etc/passwd'), true);
  assert.equal(wc.fire('will-navigate', `${INDEX_URL}#x`), false);
});

test('will-attach-webview is always prevented', () => {
  const wc = new FakeWebContents();
  guardWebContents(wc, { location: LOCATION, openExternal: async () => {} });
  assert.equal(wc.fire('will-attach-webview', {}, { src: INDEX_URL }), true);
  assert.equal(wc.fire('will-attach-webview', {}, { src: 'https://example.com' }), true);
});

const EXTERNAL: Array<[string, boolean]> = [
  ['https://datatracker.ietf.org/doc/html/rfc6455', true],
  ['http://example.com/a?b=c', true],
  ['file:///etc/passwd', false],
  ['smb://host/share', false],
  ['javascript:alert(1)', false],
  ['ms-msdt:/id PCWDiagnostic', false],
  ['https://user:pass@example.com/', false],
  ['mailto:a@example.com', false],
  [`https://example.com/${'a'.repeat(3000)}`, false],
  ['https://', false],
];

test('window.open is always denied; only safe http(s) links go to the OS browser', () => {
  for (const [url, external] of EXTERNAL) {
    const opened: string[] = [];
    const r = windowOpenDecision({ url }, (u) => opened.push(u));
    assert.deepEqual(r, { action: 'deny' }, url);
    assert.deepEqual(opened, external ? [url] : [], url);
    assert.equal(isSafeExternalUrl(url), external, url);
  }
});

test('the installed window-open handler denies and calls shell.openExternal for a safe link', async () => {
  const wc = new FakeWebContents();
  const opened: string[] = [];
  guardWebContents(wc, {
    location: LOCATION,
    openExternal: async (u) => {
      opened.push(u);
    },
  });
  assert.deepEqual(wc.openHandler!({ url: 'https://example.com/' }), { action: 'deny' });
  assert.deepEqual(wc.openHandler!({ url: 'file:///etc/passwd' }), { action: 'deny' });
  assert.deepEqual(opened, ['https://example.com/']);
  // A failing openExternal (no browser) must not become an unhandled rejection.
  const wc2 = new FakeWebContents();
  guardWebContents(wc2, { location: LOCATION, openExternal: () => Promise.reject(new Error('no browser')) });
  assert.deepEqual(wc2.openHandler!({ url: 'https://example.com/' }), { action: 'deny' });
  await new Promise((r) => setImmediate(r));
});

test('every permission request and check is denied', () => {
  let request: ((wc: unknown, p: string, cb: (g: boolean) => void, d: unknown) => void) | null = null;
  let check: ((wc: unknown, p: string, origin: string) => boolean) | null = null;
  const session = {
    webRequest: { onHeadersReceived() {} },
    setPermissionRequestHandler: (h: typeof request) => (request = h),
    setPermissionCheckHandler: (h: typeof check) => (check = h),
  } as unknown as Session;
  denyAllPermissions(session);
  for (const p of [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fileSystem',
    'hid',
  ]) {
    let granted: boolean | null = null;
    request!(new FakeWebContents(), p, (g) => (granted = g), { requestingUrl: INDEX_URL });
    assert.equal(granted, false, p);
    assert.equal(check!(null, p, 'file://'), false, p);
  }
});

test('a dev origin is accepted only as plain http on loopback with a port', () => {
  assert.equal(parseDevOrigin('http://127.0.0.1:5173'), 'http://127.0.0.1:5173');
  assert.equal(parseDevOrigin('http://localhost:5173/'), 'http://localhost:5173');
  assert.equal(parseDevOrigin('https://127.0.0.1:5173'), undefined);
  assert.equal(parseDevOrigin('http://192.168.1.2:5173'), undefined);
  assert.equal(parseDevOrigin('http://127.0.0.1'), undefined);
  assert.equal(parseDevOrigin('http://a:b@127.0.0.1:5173'), undefined);
  assert.equal(parseDevOrigin('garbage'), undefined);
  assert.equal(parseDevOrigin(undefined), undefined);
  assert.equal(isAppUrl(null, LOCATION), false);
});
