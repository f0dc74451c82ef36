import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTENT_SECURITY_POLICY, installCsp, withCsp } from '../../electron/main/csp.ts';
import { CONTENT_SECURITY_POLICY as SERVER_CSP } from '../../server/web-server.ts';
import type {
  HeadersReceivedResponse,
  OnHeadersReceivedDetails,
  Session,
} from '../../electron/main/electron-api.ts';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

test('the desktop CSP is the web mode policy, not a copy', () => {
  assert.equal(CONTENT_SECURITY_POLICY, SERVER_CSP);
});

test('the CSP allows no eval, no inline script, no remote sources, and workers from self', () => {
  const d = directives(CONTENT_SECURITY_POLICY);
  assert.ok(!CONTENT_SECURITY_POLICY.includes("'unsafe-eval'"));
  assert.ok(!CONTENT_SECURITY_POLICY.includes("'wasm-unsafe-eval'"));
  assert.deepEqual(d.get('script-src'), ["'self'"]);
  assert.deepEqual(d.get('default-src'), ["'self'"]);
  assert.deepEqual(d.get('object-src'), ["'none'"]);
  assert.deepEqual(d.get('base-uri'), ["'none'"]);
  assert.ok(d.get('worker-src')?.includes("'self'"), 'the analysis worker must be allowed');
  assert.ok(d.get('connect-src')?.includes("'self'"));
  for (const [name, values] of d) {
    for (const v of values) {
      assert.ok(!/^(https?:|wss?:|\*)/.test(v) && !v.includes('*'), `${name} allows a remote source: ${v}`);
    }
  }
});

test('withCsp replaces any CSP header of the response, whatever its case, and keeps the rest', () => {
  const out = withCsp({
    'content-security-policy': ['default-src *'],
    'Content-Security-Policy-Report-Only': ['x'],
    'Content-Type': ['text/html'],
  });
  assert.deepEqual(out['Content-Security-Policy'], [CONTENT_SECURITY_POLICY]);
  assert.equal(out['content-security-policy'], undefined);
  assert.equal(out['Content-Security-Policy-Report-Only'], undefined);
  assert.deepEqual(out['Content-Type'], ['text/html']);
  assert.deepEqual(out['X-Content-Type-Options'], ['nosniff']);
  assert.deepEqual(withCsp(undefined)['Content-Security-Policy'], [CONTENT_SECURITY_POLICY]);
});

test('installCsp hooks onHeadersReceived and answers with the policy', () => {
  type Listener = (d: OnHeadersReceivedDetails, cb: (r: HeadersReceivedResponse) => void) => void;
  const installed: Listener[] = [];
  const session = {
    webRequest: { onHeadersReceived: (l: Listener) => installed.push(l) },
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
  } as unknown as Session;
  installCsp(session);
  assert.equal(installed.length, 1);
  let response: HeadersReceivedResponse | null = null;
  installed[0]!({ url: 'http://127.0.0.1:5173/', responseHeaders: {} }, (r) => (response = r));
  assert.deepEqual(
    (response as HeadersReceivedResponse | null)?.responseHeaders?.['Content-Security-Policy'],
    [CONTENT_SECURITY_POLICY],
  );
});
