// The UI-thread half of a desktop capture source: answers the worker's chunk requests (see
// workers/byte-source.ts) with the host's readChunk, so the main process moves bytes and the
// worker parses them. One port per opened file; closing it stops serving that file.

import type { ChunkReply, ChunkRequest } from '../workers/byte-source.ts';
import { MAX_CHUNK_BYTES, type DesktopApi } from './desktop-api.ts';

/** Serves `fileId` on `port` until the port is closed. */
export function serveChunks(api: Pick<DesktopApi, 'readChunk'>, fileId: string, port: MessagePort): void {
  port.onmessage = (ev: MessageEvent<ChunkRequest>) => {
    const { id, offset, length } = ev.data;
    api.readChunk(fileId, offset, Math.min(length, MAX_CHUNK_BYTES)).then(
      (chunk) => {
        // Structured clone may hand us a view into a larger buffer: transfer only our bytes.
        const b = chunk.bytes;
        const bytes = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice();
        const reply: ChunkReply = { id, bytes, eof: chunk.eof };
        port.postMessage(reply, [bytes.buffer as ArrayBuffer]);
      },
      (e: unknown) => {
        const reply: ChunkReply = { id, error: e instanceof Error ? e.message : String(e) };
        port.postMessage(reply);
      },
    );
  };
  port.start();
}

/** A channel whose worker end (port2) is to be transferred with the 'open' request. */
export function chunkChannel(
  api: Pick<DesktopApi, 'readChunk'>,
  fileId: string,
): { ui: MessagePort; worker: MessagePort } {
  const ch = new MessageChannel();
  serveChunks(api, fileId, ch.port1);
  return { ui: ch.port1, worker: ch.port2 };
}
