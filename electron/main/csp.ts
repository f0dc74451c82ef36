// The renderer's Content-Security-Policy, sent as a response header by the session (Electron
// security checklist #7). It is the web mode's policy (server/web-server.ts), imported rather than
// copied so the desktop window and the browser tab can never drift apart. file: loads carry no
// HTTP headers in every Chromium version, so the built index.html also has the policy in a <meta>
// tag (renderer/vite.config.ts); the header covers the dev server and anything else the session loads.
import { CONTENT_SECURITY_POLICY } from '../../server/web-server.ts';
import type { HeadersReceivedResponse, OnHeadersReceivedDetails, Session } from './electron-api.ts';

export { CONTENT_SECURITY_POLICY };

/** The response headers with our CSP replacing any the response carried (any letter case). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const lower = k.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[k] = v;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

export function installCsp(session: Session): void {
  session.webRequest.onHeadersReceived(
    (details: OnHeadersReceivedDetails, callback: (r: HeadersReceivedResponse) => void) => {
      callback({ responseHeaders: withCsp(details.responseHeaders) });
    },
  );
}
