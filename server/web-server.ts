// Web mode: serves the built renderer and the host API (host-api.ts: live capture, demo lab) on
// 127.0.0.1 only, guarded like Jupyter: a random token in the first URL, exchanged for an HttpOnly
// cookie; every request must carry the token or the cookie, name this server in its Host header
// (DNS-rebinding guard) and, if it sends an Origin, come from this server's own origin (CSRF
// guard). index.html gets a `wirestep-host-api` meta tag so the page knows the API is there
// without probing for it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHostApi, type HostApi, type HostApiOptions } from './host-api.ts';

export interface WebServerOptions {
  /** Folder with the built renderer (index.html, assets/). */
  root: string;
  host?: string;
  port?: number;
  /** Fixed token (tests); random 32 bytes hex by default. */
  token?: string;
  /** Server-side captures the page may fetch at `files/NAME` (`npm start -- FILE`). */
  files?: Record<string, string>;
  /** The host API (live capture, demo lab) under `api/`; false: static files only. */
  api?: HostApiOptions | false;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pcap': 'application/vnd.tcpdump.pcap',
  '.pcapng': 'application/octet-stream',
  '.map': 'application/json; charset=utf-8',
};

/** Same policy as the desktop window: nothing remote, no inline script, workers from self. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const COOKIE = 'wirestep_token';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v) return v;
  }
  return null;
}

function refuse(res: ServerResponse, status: number, why: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${why}\n`);
}

export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const host = o.host ?? '127.0.0.1';
  const token = o.token ?? randomBytes(32).toString('hex');
  let allowedHosts: string[] = [];
  let allowedOrigins: string[] = [];
  let origin = '';
  let api: HostApi | null = null;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => refuse(res, 500, 'internal error'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.includes(String(req.headers.host ?? '').toLowerCase())) {
      return refuse(res, 403, 'refused: unexpected Host header');
    }
    if (req.headers.origin !== undefined && !allowedOrigins.includes(req.headers.origin.toLowerCase())) {
      return refuse(res, 403, 'refused: foreign Origin');
    }
    const url = new URL(req.url ?? '/', origin);
    const given = url.searchParams.get('token');
    const cookie = cookieToken(req);
    const byQuery = given !== null && same(given, token);
    if (!byQuery && !(cookie !== null && same(cookie, token))) {
      return refuse(res, 403, 'refused: missing or wrong token (open the URL printed by `npm run web`)');
    }
    const headers: Record<string, string> = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (byQuery) headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    if (url.pathname.startsWith('/api/')) {
      if (!api) return refuse(res, 404, 'not found');
      return api.handle(url.pathname.slice('/api/'.length), req, res, url, headers);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');

    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    // Only files named when the server started, by exact name: no paths from the request.
    const named = rel.startsWith('/files/') ? o.files?.[rel.slice('/files/'.length)] : undefined;
    const file = named ?? normalize(join(o.root, rel));
    if (!named && file !== o.root && !file.startsWith(o.root.endsWith(sep) ? o.root : o.root + sep)) {
      return refuse(res, 403, 'refused: path outside the app');
    }
    try {
      const st = await stat(file);
      if (!st.isFile()) return refuse(res, 404, 'not found');
      let body = await readFile(file);
      if (api && !named && rel === '/index.html') {
        body = Buffer.from(
          body.toString('utf8').replace('<head>', '<head><meta name="wirestep-host-api" content="api/">'),
        );
      }
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      refuse(res, 404, 'not found');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  origin = `http://${hostPart}:${port}`;
  allowedHosts = [`${hostPart}:${port}`, `localhost:${port}`].map((h) => h.toLowerCase());
  allowedOrigins = allowedHosts.map((h) => `http://${h}`);
  if (o.api !== false) {
    // Capture never feeds itself: this server's own port is excluded from every capture.
    const opts = o.api ?? {};
    api = createHostApi({ ...opts, excludePorts: [...(opts.excludePorts ?? []), port] });
  }
  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    server,
    close: async () => {
      await api?.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
