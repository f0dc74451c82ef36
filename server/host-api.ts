// The host API of web mode: what Electron's preload offers as `window.wirestep` for live capture
// and the demo lab, over HTTP under the web server's token/Host/Origin guard. JSON in and out;
// bytes of granted files as application/octet-stream; pushes (capture status, record counts) on
// one event stream. It reuses the desktop app's main-side pieces (capture controller, file grants,
// demo runner, argument checks), so both hosts validate and behave the same.
//
//   GET  api/info                 { api, capture, active }
//   GET  api/interfaces           CaptureInterface[] (loopback first)
//   POST api/capture/start        StartCaptureRequest → CaptureStarted
//   POST api/capture/stop         { sessionId } → CaptureStopped
//   POST api/demo/run             { scenario } → CaptureStarted
//   POST api/demo/recording       { scenario } → OpenedFile (the bundled recording, granted)
//   GET  api/files/ID?offset=&length=   bytes; header X-Wirestep-Eof: 1 at the file's current end
//   GET  api/events               text/event-stream: `status` (CaptureStatus), `records` ({ sessionId, count, lastFrame })
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaptureOptions } from '../electron/capture/capture-client.ts';
import type { LaunchAgent } from '../electron/main/agent-handle.ts';
import { CaptureController, type CaptureSink } from '../electron/main/capture-controller.ts';
import { startDemo, type DemoOptions } from '../electron/main/demo.ts';
import { nodeFileAccess } from '../electron/main/file-access.ts';
import { FileGrants } from '../electron/main/file-grants.ts';
import { interfacesFromOs } from '../electron/main/interfaces.ts';
import {
  IpcError,
  MAX_CHUNK_BYTES,
  MAX_FILTER_CHARS,
  MAX_OFFSET,
  asId,
  asInteger,
  asRecord,
  asString,
  hasControlChars,
  invalid,
  onlyKeys,
} from '../electron/main/ipc-validate.ts';
import type { CaptureStarted, DemoScenario, StartCaptureRequest } from '../electron/ipc/channels.ts';
import { isDemoScenario } from '../lab/demo-scenarios.ts';
import { recordingPath } from '../lab/recordings.ts';
import { childAgentLauncher } from './agent-launcher.ts';
import { EventStream } from './event-stream.ts';

/** The `api` value of api/info: the renderer checks it before using the API. */
export const HOST_API_VERSION = 'wirestep.host/1';
const MAX_BODY_BYTES = 16 * 1024;

export interface HostApiOptions {
  /** How to run the capture agent (default: a child process of this server, as this user). */
  launch?: LaunchAgent;
  /** Options of the default launcher (e.g. `{ uid: 65534, gid: 65534 }` to run it as nobody). */
  agent?: CaptureOptions['agent'];
  /** Ports never captured; the web server adds its own. */
  excludePorts?: number[];
  /** Folder of the bundled recordings (default samples/recordings). */
  recordingsDir?: string;
  demo?: DemoOptions;
}

export interface HostApi {
  /** Handles `api/<route>` (already past the guard). */
  handle(
    route: string,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    headers: Record<string, string>,
  ): Promise<void>;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { id: string; message: string; howToFix?: string; docs?: string },
  ) {
    super(body.message);
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) {
    // Forces a CORS preflight on any cross-site attempt, and no HTML form can send it.
    return Promise.reject(new HttpError(415, { id: 'host.content-type', message: 'send application/json' }));
  }
  return new Promise((resolve, reject) => {
    let size = 0;
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, { id: 'host.body.too-large', message: 'request body too large' }));
        req.destroy();
      } else parts.push(d);
    });
    req.on('end', () => {
      try {
        const text = Buffer.concat(parts).toString('utf8');
        resolve(text ? JSON.parse(text) : {});
      } catch {
        reject(new HttpError(400, { id: 'ipc.argument.invalid', message: 'body is not JSON' }));
      }
    });
    req.on('error', reject);
  });
}

function startRequest(arg: unknown): StartCaptureRequest {
  const rec = asRecord(arg ?? {}, 'startCapture');
  onlyKeys(rec, ['device', 'filter', 'backend'], 'startCapture');
  const device = asString(rec.device, 'device', 256, { optional: true });
  if (device !== undefined && (device === '' || hasControlChars(device))) throw invalid('bad device name');
  const filter = asString(rec.filter, 'filter', MAX_FILTER_CHARS, { optional: true });
  const backend = rec.backend;
  if (backend !== undefined && backend !== 'cap' && backend !== 'tcpdump' && backend !== 'dumpcap') {
    throw invalid('unknown capture backend');
  }
  return { device, filter, backend };
}

function scenarioOf(arg: unknown): DemoScenario {
  const rec = asRecord(arg, 'runDemo');
  onlyKeys(rec, ['scenario'], 'runDemo');
  if (!isDemoScenario(rec.scenario)) throw invalid('unknown demo scenario');
  return rec.scenario;
}

/** A thrown value as the JSON error the page shows: the agent's structured error when there is one. */
function errorBody(e: unknown): { status: number; body: HttpError['body'] } {
  if (e instanceof HttpError) return { status: e.status, body: e.body };
  if (e instanceof IpcError) {
    const status = e.id === 'ipc.capture.busy' ? 409 : e.id === 'ipc.file.unknown' ? 404 : 400;
    return { status, body: { id: e.id, message: e.message.replace(/^[\w.]+: /, '') } };
  }
  const detail = (e as { detail?: { id?: unknown; message?: unknown } } | null)?.detail;
  if (detail && typeof detail.id === 'string' && typeof detail.message === 'string') {
    const d = detail as HttpError['body'];
    return {
      status: 422,
      body: { id: d.id, message: d.message, howToFix: d.howToFix, docs: d.docs },
    };
  }
  return { status: 500, body: { id: 'host.failed', message: e instanceof Error ? e.message : String(e) } };
}

export function createHostApi(o: HostApiOptions = {}): HostApi {
  const dir = mkdtempSync(join(tmpdir(), 'wirestep-web-capture-'));
  let n = 0;
  const grants = new FileGrants();
  const events = new EventStream();
  let active: CaptureStarted | null = null;
  const capture = new CaptureController({
    launch: o.launch ?? childAgentLauncher(o.agent),
    grants,
    newCaptureFile: () =>
      join(dir, `capture-${new Date().toISOString().replace(/[:.]/g, '-')}-${++n}.pcapng`),
    excludePorts: o.excludePorts,
    onActiveChange: (on) => {
      if (!on) active = null;
    },
  });
  // Every page of this server sees the capture (one user, one server); records go as counts only,
  // the page re-reads the growing file itself.
  const sink: CaptureSink = (channel, payload) => {
    if (channel === 'capture:records') {
      const b = payload as { sessionId: string; records: { frame: number }[] };
      events.send('records', {
        sessionId: b.sessionId,
        count: b.records.length,
        lastFrame: b.records.at(-1)?.frame ?? 0,
      });
    } else events.send('status', payload);
  };

  const send = (res: ServerResponse, headers: Record<string, string>, status: number, body: unknown) => {
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  async function route(
    name: string,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    headers: Record<string, string>,
  ): Promise<unknown> {
    const method = req.method ?? 'GET';
    const want = (m: string) => {
      if (method !== m) throw new HttpError(405, { id: 'host.method', message: `use ${m}` });
    };
    if (name === 'info') {
      want('GET');
      return { api: HOST_API_VERSION, capture: true, active };
    }
    if (name === 'interfaces') {
      want('GET');
      return interfacesFromOs(networkInterfaces(), process.platform);
    }
    if (name === 'events') {
      want('GET');
      events.attach(res, headers);
      return undefined;
    }
    if (name.startsWith('files/')) {
      want('GET');
      const grant = grants.get(asId(name.slice('files/'.length), 'fileId'));
      if (!grant) throw new IpcError('ipc.file.unknown', 'no such file');
      const offset = asInteger(Number(url.searchParams.get('offset') ?? 'x'), 'offset', 0, MAX_OFFSET);
      const length = asInteger(Number(url.searchParams.get('length') ?? 'x'), 'length', 0, MAX_CHUNK_BYTES);
      const size = await nodeFileAccess.size(grant.path);
      const bytes =
        offset >= size ? new Uint8Array(0) : await nodeFileAccess.read(grant.path, offset, length);
      res.writeHead(200, {
        ...headers,
        'Content-Type': 'application/octet-stream',
        'X-Wirestep-Eof': offset + bytes.length >= size ? '1' : '0',
      });
      res.end(bytes);
      return undefined;
    }
    want('POST');
    const body = await readJson(req);
    switch (name) {
      case 'capture/start':
        active = await capture.start(startRequest(body), sink);
        return active;
      case 'capture/stop': {
        const rec = asRecord(body, 'stopCapture');
        onlyKeys(rec, ['sessionId'], 'stopCapture');
        return capture.stop(asId(rec.sessionId, 'sessionId'));
      }
      case 'demo/run':
        active = await startDemo(capture, scenarioOf(body), sink, o.demo);
        return active;
      case 'demo/recording': {
        const path = recordingPath(scenarioOf(body), o.recordingsDir);
        return grants.grant(path, await nodeFileAccess.size(path), 'recording');
      }
    }
    throw new HttpError(404, { id: 'host.route', message: 'no such API' });
  }

  return {
    async handle(name, req, res, url, headers) {
      try {
        const out = await route(name, req, res, url, headers);
        if (out !== undefined) send(res, headers, 200, out);
      } catch (e) {
        const { status, body } = errorBody(e);
        if (!res.headersSent) send(res, headers, status, { error: body });
        else res.end();
      }
    },
    async close() {
      await capture.stopAll().catch(() => {});
      events.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
