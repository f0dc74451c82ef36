// The UI thread's end of the display filter's byte search: sends `search-bytes` requests to the
// analysis worker, routes its progress and answers back to the caller, and cancels a search the
// caller no longer wants (a newer filter, another file) so the worker stops reading.

import type { ByteNeedle } from './byte-search-needle.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

export interface ByteSearchCallbacks {
  /** 0..1 of the packets searched. */
  progress(fraction: number): void;
  /** One bitset per needle (bit frame-1). */
  done(matches: Uint8Array[]): void;
  error(message: string): void;
}

export class ByteSearchClient {
  private nextId = 1;
  private readonly active = new Map<number, ByteSearchCallbacks>();

  constructor(private readonly send: (msg: WorkerRequest) => void) {}

  /** Starts a search; the returned function cancels it (no callback fires after). */
  search(needles: ByteNeedle[], callbacks: ByteSearchCallbacks): () => void {
    const id = this.nextId++;
    this.active.set(id, callbacks);
    this.send({ type: 'search-bytes', id, needles });
    return () => {
      if (this.active.delete(id)) this.send({ type: 'search-bytes-cancel', id });
    };
  }

  /** Feeds the worker's search messages (others are ignored). */
  receive(msg: WorkerResponse): void {
    if (msg.type === 'search-bytes-progress') {
      this.active.get(msg.id)?.progress(msg.done / Math.max(1, msg.total));
    } else if (msg.type === 'search-bytes') {
      const cb = this.active.get(msg.id);
      this.active.delete(msg.id);
      if (!cb) return;
      if (msg.error !== undefined) cb.error(msg.error);
      else cb.done(msg.matches);
    }
  }
}
