// Real loopback traffic for teaching captures, tests and (later) the demo lab: a small HTTP +
// WebSocket server on an ephemeral port and scripted clients. Every loop is bounded; every
// server and socket is closed when the scenario ends.
import { createServer, request, Agent, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';

export interface LabServer {
  port: number;
  host: string;
  close(): Promise<void>;
}

const BODY = (path: string) => `Hello from Wirestep at ${path}\n`;

/**
 * A pause between the steps of a client script. The live demo paces its scenarios so a person
 * watching sees connections and messages arrive one by one; captures for tests, fixtures and the
 * bundled recordings pass no pause (0: no timer at all, the traffic exactly as before).
 */
const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** HTTP/1.1 server (node http) with a WebSocket echo endpoint at /ws, on host:0. */
export async function startLabServer(host = '127.0.0.1'): Promise<LabServer> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/reset') {
      // Abort with RST: the socket API's "abortive close" (SO_LINGER 0).
      req.socket.resetAndDestroy();
      return;
    }
    if (req.url?.startsWith('/poll')) {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({ seq: Number(new URL(req.url, 'http://x').searchParams.get('n') ?? 0), msg: 'tick' }),
      );
      return;
    }
    req.resume();
    req.on('end', () => {
      res.setHeader('Content-Type', 'text/plain');
      res.end(BODY(req.url ?? '/'));
    });
  });
  const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: { threshold: 0 } });
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      const text = data.toString();
      if (text.startsWith('frag:')) {
        // Reply as one message in three fragments (FIN=0, FIN=0, FIN=1), compressed if negotiated.
        const parts = [`echo `, `in `, `fragments: ${text.slice(5)}`];
        parts.forEach((p, i) => ws.send(p, { fin: i === parts.length - 1 }));
        return;
      }
      if (text === 'push') {
        for (let i = 1; i <= 3; i++) ws.send(`server push ${i}`);
        return;
      }
      ws.send(isBinary ? data : `echo: ${text}`, { binary: isBinary });
    });
  });
  await new Promise<void>((res) => server.listen(0, host, res));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    host,
    close: () =>
      new Promise<void>((res) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => res());
      }),
  };
}

/** Raw socket request: exact bytes on the wire, resolves when the server closes. */
export function rawExchange(host: string, port: number, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host, port }, () => sock.write(payload));
    let got = '';
    sock.setEncoding('latin1');
    sock.on('data', (d) => (got += d));
    sock.on('end', () => {
      sock.end();
      resolve(got);
    });
    sock.on('error', reject);
    sock.setTimeout(5000, () => sock.destroy(new Error('raw exchange timed out')));
  });
}

/**
 * HTTP/1.0 short connections: one TCP connection per request, closed after the response.
 * `pauseMs`: wait between one connection's close and the next connect (default 0).
 */
export async function http10Short(s: LabServer, paths: string[], pauseMs = 0): Promise<void> {
  for (const [i, p] of paths.entries()) {
    if (i > 0 && pauseMs > 0) await pause(pauseMs);
    await rawExchange(s.host, s.port, `GET ${p} HTTP/1.0\r\nHost: ${s.host}:${s.port}\r\n\r\n`);
  }
}

/**
 * HTTP/1.1 keep-alive: several requests on one connection, then the client closes.
 * `pauseMs`: the connection's idle time between a response and the next request (default 0).
 */
export async function http11KeepAlive(s: LabServer, paths: string[], pauseMs = 0): Promise<void> {
  // The lab server closes a connection idle for 5 s (Node's keepAliveTimeout): pauses stay shorter.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (const [i, p] of paths.entries()) {
    if (i > 0 && pauseMs > 0) await pause(pauseMs);
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: s.host, port: s.port, path: p, agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  }
  agent.destroy();
}

/** HTTP/1.1 pipelining: all requests written at once, the last one asks to close. */
export async function http11Pipelined(s: LabServer, paths: string[]): Promise<void> {
  const reqs = paths
    .map(
      (p, i) =>
        `GET ${p} HTTP/1.1\r\nHost: ${s.host}:${s.port}\r\n${i === paths.length - 1 ? 'Connection: close\r\n' : ''}\r\n`,
    )
    .join('');
  await rawExchange(s.host, s.port, reqs);
}

/** A request the server answers with RST. */
export async function httpReset(s: LabServer): Promise<void> {
  await new Promise<void>((resolve) => {
    const req = request({ host: s.host, port: s.port, path: '/reset' }, (res) => res.resume());
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.end();
  });
}

/** HTTP polling: n requests for n messages, each on its own short connection, `pauseMs` apart (default 0). */
export async function httpPolling(s: LabServer, n: number, pauseMs = 0): Promise<void> {
  for (let i = 1; i <= n; i++) {
    if (i > 1 && pauseMs > 0) await pause(pauseMs);
    await rawExchange(s.host, s.port, `GET /poll?n=${i} HTTP/1.0\r\nHost: ${s.host}:${s.port}\r\n\r\n`);
  }
}

export interface WsScenarioOptions {
  deflate?: boolean;
  messages?: string[];
  ping?: boolean;
  push?: boolean;
  binary?: boolean;
  /**
   * Pacing for the live demo: the wait between messages (at least the usual 5 ms) and before the
   * ping, the push request and the close. Default 0: the unpaced traffic.
   */
  pauseMs?: number;
}

/** WebSocket: Upgrade, messages both ways, optional server push and ping/pong, close handshake. */
/** Returns the text messages the client received. */
export async function websocketSession(s: LabServer, o: WsScenarioOptions = {}): Promise<string[]> {
  const host = s.host.includes(':') ? `[${s.host}]` : s.host;
  const ws = new WebSocket(`ws://${host}:${s.port}/ws`, { perMessageDeflate: o.deflate ?? false });
  const received: string[] = [];
  const messages = o.messages ?? ['hello', 'how are you?'];
  const paced = Math.max(0, o.pauseMs ?? 0);
  let expected = messages.length + (o.push ? 3 : 0) + (o.binary ? 1 : 0);
  await new Promise<void>((resolve, reject) => {
    // A paced run takes its pauses on top of the usual bound.
    const bound = 10_000 + paced * (messages.length + 2);
    const timer = setTimeout(() => reject(new Error('websocket scenario timed out')), bound);
    ws.on('error', reject);
    ws.on('message', (d, isBinary) => {
      if (!isBinary) received.push(d.toString());
      if (--expected === 0) {
        clearTimeout(timer);
        resolve();
      }
    });
    ws.on('open', async () => {
      for (const m of messages) {
        ws.send(m);
        await new Promise((r) => setTimeout(r, Math.max(5, paced)));
      }
      if (o.binary) ws.send(Buffer.from([0, 1, 2, 3, 254, 255]), { binary: true });
      if (o.ping) {
        if (paced) await pause(paced);
        ws.ping('are you there');
      }
      if (o.push) {
        if (paced) await pause(paced);
        ws.send('push');
      }
      if (expected === 0) resolve();
    });
  });
  if (paced) await pause(paced);
  await new Promise<void>((resolve) => {
    ws.on('close', () => resolve());
    ws.close(1000, 'bye');
  });
  return received;
}

/** A client that sends one message in fragments and asks for a fragmented reply. */
export async function websocketFragments(
  s: LabServer,
  o: { deflate?: boolean; parts: string[] },
): Promise<string[]> {
  const host = s.host.includes(':') ? `[${s.host}]` : s.host;
  const ws = new WebSocket(`ws://${host}:${s.port}/ws`, { perMessageDeflate: o.deflate ?? false });
  const received: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('websocket fragments scenario timed out')), 10_000);
    ws.on('error', reject);
    ws.on('open', () => {
      o.parts.forEach((p, i) => ws.send(i === 0 ? `frag:${p}` : p, { fin: i === o.parts.length - 1 }));
    });
    ws.on('message', (d) => {
      received.push(d.toString());
      clearTimeout(timer);
      resolve();
    });
  });
  await new Promise<void>((resolve) => {
    ws.on('close', () => resolve());
    ws.close(1000, 'done');
  });
  return received;
}
