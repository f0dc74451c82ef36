// Server-sent events (HTML Living Standard §9.2): the host API's push channel (capture status and
// record counts) to every open page of this web server. One-way and plain HTTP, so it passes the
// same token/Host/Origin guard as every other request; EventSource reconnects by itself.
import type { ServerResponse } from 'node:http';

/** A comment line now and then keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  attach(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': wirestep\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** One event; `data` as JSON on a single line (JSON.stringify never emits raw newlines). */
  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  private write(text: string): void {
    for (const c of this.clients) c.write(text);
  }
}
