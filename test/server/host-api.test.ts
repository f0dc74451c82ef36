// Web mode's host API (server/host-api.ts) behind the web server's guard: refused without the
// token, from a foreign Host or Origin, or as a form post; arguments checked like the desktop IPC;
// and, as root on loopback, the real capture agent: a demo captured live and readable through the
// file endpoint, a bad filter and a missing permission as structured errors, the recording
// fallback, and the web server's own port never captured.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer, type WebServer } from '../../server/web-server.ts';
import { HOST_API_VERSION } from '../../server/host-api.ts';
import { analyzeBytes } from '../../core/analyze.ts';
import { recordingPath } from '../../lab/recordings.ts';
import { startLabServer, http11KeepAlive } from '../../lab/scenarios.ts';
import { liveSkip } from './live-support.ts';
import type {
  CaptureStarted,
  CaptureStatus,
  CaptureStopped,
  OpenedFile,
} from '../../electron/ipc/channels.ts';

const root = mkdtempSync(join(tmpdir(), 'wirestep-api-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>Wirestep</title></head></html>');

let web: WebServer;
let staticOnly: WebServer;
before(async () => {
  web = await startWebServer({ root, api: { demo: { leadInMs: 50, lingerMs: 300 } } });
  staticOnly = await startWebServer({ root, api: false });
});
after(async () => {
  await web.close();
  await staticOnly.close();
});

interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: Buffer;
  json(): unknown;
}

function call(
  path: string,
  o: {
    method?: string;
    headers?: Record<string, string>;
    body?: unknown;
    server?: WebServer;
    auth?: boolean;
  } = {},
): Promise<Reply> {
  const server = o.server ?? web;
  const headers: Record<string, string> = { host: `127.0.0.1:${server.port}`, ...o.headers };
  if (o.auth !== false) headers.cookie = `wirestep_token=${server.token}`;
  let payload: string | undefined;
  if (o.body !== undefined) {
    payload = JSON.stringify(o.body);
    headers['content-type'] ??= 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: o.method ?? (payload ? 'POST' : 'GET'), headers },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => {
          const body = Buffer.concat(parts);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: () => JSON.parse(body.toString('utf8')),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const errorId = (r: Reply) => (r.json() as { error: { id: string } }).error.id;

/** Collects the API's server-sent events until `until` returns true. */
function events(until: (e: { event: string; data: unknown }[]) => boolean, timeoutMs = 15_000) {
  const seen: { event: string; data: unknown }[] = [];
  let abort!: () => void;
  const done = new Promise<typeof seen>((resolve, reject) => {
    const timer = setTimeout(() => {
      abort();
      reject(new Error(`events timed out: ${JSON.stringify(seen.map((e) => e.event))}`));
    }, timeoutMs);
    const req = request(
      {
        host: '127.0.0.1',
        port: web.port,
        path: '/api/events',
        headers: { host: `127.0.0.1:${web.port}`, cookie: `wirestep_token=${web.token}` },
      },
      (res) => {
        assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8');
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (t: string) => {
          buf += t;
          let at: number;
          while ((at = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, at);
            buf = buf.slice(at + 2);
            const ev = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (ev && data) seen.push({ event: ev, data: JSON.parse(data) });
          }
          if (until(seen)) {
            clearTimeout(timer);
            abort();
            resolve(seen);
          }
        });
      },
    );
    abort = () => req.destroy();
    req.on('error', () => {});
    req.end();
  });
  return done;
}

async function readWholeFile(file: OpenedFile): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const r = await call(`/api/files/${file.fileId}?offset=${offset}&length=65536`);
    assert.equal(r.status, 200);
    parts.push(r.body);
    offset += r.body.length;
    if (r.headers['x-wirestep-eof'] === '1') break;
  }
  return new Uint8Array(Buffer.concat(parts));
}

test('api/info answers with the token and announces the API in index.html', async () => {
  const r = await call('/api/info');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json(), { api: HOST_API_VERSION, capture: true, active: null });
  assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
  const page = await call('/');
  assert.match(page.body.toString(), /<meta name="wirestep-host-api" content="api\/">/);
});

test('a static-only server (api: false) has no API and no meta tag', async () => {
  assert.equal((await call('/api/info', { server: staticOnly })).status, 404);
  const page = await call('/', { server: staticOnly });
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.body.toString(), /wirestep-host-api/);
});

test('API requests without the token are refused', async () => {
  for (const path of ['/api/info', '/api/interfaces', '/api/events', '/api/files/abc?offset=0&length=1']) {
    const r = await call(path, { auth: false });
    assert.equal(r.status, 403, path);
    assert.match(r.body.toString(), /token/);
  }
  const post = await call('/api/capture/start', { auth: false, body: {} });
  assert.equal(post.status, 403);
  const wrong = await call('/api/demo/run', {
    auth: false,
    headers: { cookie: 'wirestep_token=wrong' },
    body: { scenario: 'http-reset' },
  });
  assert.equal(wrong.status, 403);
});

test('API requests with a foreign Host are refused (DNS rebinding)', async () => {
  const r = await call('/api/interfaces', { headers: { host: `evil.example:${web.port}` } });
  assert.equal(r.status, 403);
  assert.match(r.body.toString(), /Host/);
  const post = await call('/api/capture/start', { headers: { host: `evil.example:${web.port}` }, body: {} });
  assert.equal(post.status, 403);
});

test('API requests with a foreign Origin are refused (CSRF), the own origin is not', async () => {
  const evil = await call('/api/demo/run', {
    headers: { origin: 'http://evil.example' },
    body: { scenario: 'http-reset' },
  });
  assert.equal(evil.status, 403);
  assert.match(evil.body.toString(), /Origin/);
  const other = await call('/api/capture/stop', {
    headers: { origin: `http://127.0.0.1:${web.port + 1}` },
    body: { sessionId: 'x' },
  });
  assert.equal(other.status, 403);
  const own = await call('/api/capture/stop', {
    headers: { origin: `http://127.0.0.1:${web.port}` },
    body: { sessionId: 'nosuchsession' },
  });
  assert.equal(own.status, 400);
  assert.equal(errorId(own), 'ipc.capture.unknown');
});

test('POSTs must be JSON (no form post), with the right method, to a known route', async () => {
  const form = await call('/api/capture/start', {
    body: {},
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(form.status, 415);
  assert.equal((await call('/api/capture/start')).status, 405);
  assert.equal((await call('/api/interfaces', { body: {} })).status, 405);
  assert.equal((await call('/api/nope')).status, 405);
  assert.equal((await call('/api/nope', { body: {} })).status, 404);
});

test('arguments are checked as strictly as the desktop IPC', async () => {
  const extra = await call('/api/capture/start', { body: { filter: 'tcp', outFile: '/etc/passwd' } });
  assert.equal(extra.status, 400);
  assert.equal(errorId(extra), 'ipc.argument.invalid');
  assert.equal(
    errorId(await call('/api/capture/start', { body: { backend: 'sh' } })),
    'ipc.argument.invalid',
  );
  assert.equal(
    errorId(await call('/api/demo/run', { body: { scenario: '../../etc' } })),
    'ipc.argument.invalid',
  );
  assert.equal(
    errorId(await call('/api/demo/recording', { body: { scenario: 'nope' } })),
    'ipc.argument.invalid',
  );
  const unknown = await call('/api/files/AAAAAAAAAAAA?offset=0&length=10');
  assert.equal(unknown.status, 404);
  assert.equal(errorId(unknown), 'ipc.file.unknown');
  assert.equal((await call('/api/files/..%2f..%2fetc%2fpasswd?offset=0&length=10')).status, 400);
});

test('interfaces: loopback first', async () => {
  const list = (await call('/api/interfaces')).json() as { name: string; loopback: boolean }[];
  assert.ok(list.length > 0);
  assert.equal(list[0]!.loopback, true);
});

test('demo/recording grants the bundled recording of that scenario, readable by range', async () => {
  const r = await call('/api/demo/recording', { body: { scenario: 'websocket-chat' } });
  assert.equal(r.status, 200);
  const file = r.json() as OpenedFile;
  assert.equal(file.name, 'websocket-chat.pcap');
  assert.equal(file.source, 'recording');
  const bytes = await readWholeFile(file);
  assert.deepEqual(bytes, new Uint8Array(readFileSync(recordingPath('websocket-chat'))));
  const tooLong = await call(`/api/files/${file.fileId}?offset=0&length=${9 * 1024 * 1024}`);
  assert.equal(tooLong.status, 400);
  assert.equal(errorId(tooLong), 'ipc.size.exceeded');
});

test(
  'a demo runs live: status events, a growing file the engine reads, own port excluded',
  { skip: liveSkip },
  async () => {
    const seen = events((e) =>
      e.some((x) => x.event === 'status' && (x.data as CaptureStatus).kind === 'stopped'),
    );
    await new Promise((r) => setTimeout(r, 100)); // the stream is attached before the demo starts
    const r = await call('/api/demo/run', { body: { scenario: 'websocket-chat' } });
    assert.equal(r.status, 200, r.body.toString());
    const started = r.json() as CaptureStarted;
    assert.equal(started.device, 'lo');
    assert.equal(started.file.source, 'capture');
    assert.match(started.filter, new RegExp(`not port ${web.port}\\b`), 'the web server port is excluded');
    const busy = await call('/api/capture/start', { body: {} });
    assert.equal(busy.status, 409);
    assert.equal(errorId(busy), 'ipc.capture.busy');

    const all = await seen;
    const stopped = all.find((x) => x.event === 'status' && (x.data as CaptureStatus).kind === 'stopped')!
      .data as CaptureStopped;
    assert.equal(stopped.sessionId, started.sessionId);
    assert.ok(stopped.received > 10);
    assert.ok(
      all.some((x) => x.event === 'records'),
      'record counts pushed while capturing',
    );
    assert.ok(all.some((x) => x.event === 'status' && (x.data as CaptureStatus).kind === 'stats'));

    const result = analyzeBytes(await readWholeFile(started.file));
    assert.equal(result.capture.error, null);
    assert.equal(result.capture.packets, stopped.received);
    assert.equal(result.connections.length, 1);
    const ws = result.connections[0]!.dissection.websocket!;
    const texts = ws.messages.filter((m) => m.from === 'client' && m.type === 'text').map((m) => m.text);
    assert.deepEqual(texts.slice(0, 2), ['hello', 'how are you?']);
  },
);

test(
  "a capture of everything on loopback never contains the web server's own traffic",
  { skip: liveSkip },
  async () => {
    const r = await call('/api/capture/start', { body: {} });
    assert.equal(r.status, 200, r.body.toString());
    const started = r.json() as CaptureStarted;
    const lab = await startLabServer('127.0.0.1');
    try {
      for (let i = 0; i < 5; i++) assert.equal((await call('/api/interfaces')).status, 200);
      await http11KeepAlive(lab, ['/a']);
      await new Promise((res) => setTimeout(res, 300));
    } finally {
      await lab.close();
    }
    const stop = await call('/api/capture/stop', { body: { sessionId: started.sessionId } });
    assert.equal(stop.status, 200);
    const result = analyzeBytes(await readWholeFile(started.file));
    const ports = result.connections.flatMap((c) => [c.tcp.client.port, c.tcp.server.port]);
    assert.ok(ports.includes(lab.port), 'other loopback traffic is captured');
    assert.ok(!ports.includes(web.port), 'the web server port is not');
  },
);

test("a bad BPF filter is libpcap's own message, as a structured error", { skip: liveSkip }, async () => {
  const r = await call('/api/capture/start', { body: { filter: 'tcp port' } });
  assert.equal(r.status, 422);
  assert.deepEqual(r.json(), {
    error: { id: 'capture.filter.invalid', message: "can't parse filter expression: syntax error" },
  });
  assert.deepEqual((await call('/api/info')).json(), { api: HOST_API_VERSION, capture: true, active: null });
});

test(
  'without capture rights (the real agent as nobody): capture.permission with the fix',
  { skip: liveSkip },
  async () => {
    const nobody = await startWebServer({ root, api: { agent: { uid: 65534, gid: 65534 } } });
    try {
      const r = await call('/api/capture/start', { server: nobody, body: {} });
      assert.equal(r.status, 422);
      const e = (r.json() as { error: { id: string; message: string; howToFix: string; docs: string } })
        .error;
      assert.equal(e.id, 'capture.permission');
      assert.match(e.message, /not permitted/i);
      assert.match(e.howToFix, /setcap cap_net_raw,cap_net_admin=eip/);
      assert.equal(e.docs, 'native-notes/capture-permissions.md');
      const demo = await call('/api/demo/run', { server: nobody, body: { scenario: 'http-reset' } });
      assert.equal(demo.status, 422);
      assert.equal(errorId(demo), 'capture.permission');
      const rec = await call('/api/demo/recording', { server: nobody, body: { scenario: 'http-reset' } });
      assert.equal((rec.json() as OpenedFile).name, 'http-reset.pcap');
    } finally {
      await nobody.close();
    }
  },
);
