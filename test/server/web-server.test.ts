// Web mode's guard: token (or the cookie it is exchanged for), Host and Origin checks, CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer, type WebServer } from '../../server/web-server.ts';

let web: WebServer;
const root = mkdtempSync(join(tmpdir(), 'wirestep-web-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Wirestep</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'secret-outside.txt'), 'secret');

before(async () => {
  web = await startWebServer({ root });
});
after(() => web.close());

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: web.port, path, headers: { host: `127.0.0.1:${web.port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('the token in the URL opens the app and sets an HttpOnly cookie; the cookie works after', async () => {
  const r = await get(`/?token=${web.token}`);
  assert.equal(r.status, 200);
  assert.match(r.body, /Wirestep/);
  const cookie = String(r.headers['set-cookie']);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const asset = await get('/assets/app.js', { cookie: cookie.split(';')[0]! });
  assert.equal(asset.status, 200);
  assert.match(String(asset.headers['content-type']), /javascript/);
  assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
});

test('requests without the token are refused', async () => {
  assert.equal((await get('/')).status, 403);
  assert.equal((await get('/assets/app.js')).status, 403);
  assert.equal((await get('/?token=wrong')).status, 403);
  assert.equal((await get('/', { cookie: 'wirestep_token=wrong' })).status, 403);
});

test('a foreign Host header is refused even with the token (DNS rebinding)', async () => {
  const r = await get(`/?token=${web.token}`, { host: `evil.example:${web.port}` });
  assert.equal(r.status, 403);
  assert.match(r.body, /Host/);
});

test('a foreign Origin is refused even with the token (CSRF)', async () => {
  const r = await get(`/?token=${web.token}`, { origin: 'http://evil.example' });
  assert.equal(r.status, 403);
  assert.match(r.body, /Origin/);
  assert.equal((await get(`/?token=${web.token}`, { origin: `http://127.0.0.1:${web.port}` })).status, 200);
});

test('paths cannot escape the app folder', async () => {
  const r = await get(`/..%2fsecret-outside.txt?token=${web.token}`);
  assert.notEqual(r.status, 200);
  assert.doesNotMatch(r.body, /secret/);
});

test('listens on loopback only by default', () => {
  const addr = web.server.address();
  assert.ok(addr && typeof addr === 'object' && addr.address === '127.0.0.1');
});

test('only captures named at start are served under files/', async () => {
  const capture = join(root, '..', `named-${process.pid}.pcap`);
  writeFileSync(capture, 'pcap bytes');
  const w = await startWebServer({ root, files: { 'mine.pcap': capture } });
  try {
    const fetchIt = (path: string) =>
      new Promise<number>((resolve) => {
        request(
          { host: '127.0.0.1', port: w.port, path, headers: { host: `127.0.0.1:${w.port}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        ).end();
      });
    assert.equal(await fetchIt(`/files/mine.pcap?token=${w.token}`), 200);
    assert.equal(await fetchIt(`/files/other.pcap?token=${w.token}`), 404);
    assert.equal(await fetchIt('/files/mine.pcap'), 403);
  } finally {
    await w.close();
  }
});
