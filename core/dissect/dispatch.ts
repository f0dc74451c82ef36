// Routes each TCP connection's reassembled streams to the application dissector that fits.
// (Filled in with HTTP/1.x, TLS recognition and WebSocket handoff by the dissection stage.)

import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Connection, TcpListener } from '../tcp/types.ts';

export type Application = 'http' | 'websocket' | 'tls' | 'unknown';

export interface DissectOptions {
  /** Turn application dissection off (TCP analysis only). */
  enabled?: boolean;
}

export interface ConnectionDissection {
  application: Application;
  diagnostics: Diagnostic[];
}

export class ConnectionDissectors {
  private readonly byId = new Map<number, ConnectionDissection>();

  constructor(private readonly options: DissectOptions = {}) {}

  listener(): TcpListener {
    return {};
  }

  result(conn: Connection): ConnectionDissection {
    return this.byId.get(conn.id) ?? { application: 'unknown', diagnostics: [] };
  }
}
