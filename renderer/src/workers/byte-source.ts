// Where the worker reads capture bytes from: a browser File (sliced, never read whole) or a file
// the desktop host granted, whose bytes the UI thread fetches with the host's readChunk and
// answers over a MessagePort (the worker cannot reach `window.wirestep` itself).

/** Worker → UI over the port: read [offset, offset+length). */
export interface ChunkRequest {
  id: number;
  offset: number;
  length: number;
}

/** UI → worker over the port: the bytes (transferred), or why they could not be read. */
export type ChunkReply = { id: number; bytes: Uint8Array; eof: boolean } | { id: number; error: string };

export interface ByteSource {
  readonly name: string;
  readonly size: number;
  /** Bytes [start, end) clipped to the file; fewer only at the end of the file. */
  read(start: number, end: number): Promise<Uint8Array>;
  /** Stops answering (the port is closed); further reads fail. */
  close(): void;
}

export function fileSource(file: File): ByteSource {
  return {
    name: file.name,
    size: file.size,
    read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
    close: () => {},
  };
}

/** Largest request sent over the port (the host refuses more than 8 MiB per readChunk). */
const MAX_REQUEST = 4 * 1024 * 1024;

export function portSource(name: string, size: number, port: MessagePort): ByteSource {
  let nextId = 1;
  let closed = false;
  const waiting = new Map<number, { ok: (r: ChunkReply) => void; fail: (e: Error) => void }>();
  port.onmessage = (ev: MessageEvent<ChunkReply>) => {
    const w = waiting.get(ev.data.id);
    waiting.delete(ev.data.id);
    w?.ok(ev.data);
  };
  port.start();

  function request(offset: number, length: number): Promise<ChunkReply> {
    if (closed) return Promise.reject(new Error('capture source closed'));
    return new Promise((ok, fail) => {
      const id = nextId++;
      waiting.set(id, { ok, fail });
      const msg: ChunkRequest = { id, offset, length };
      port.postMessage(msg);
    });
  }

  return {
    name,
    size,
    async read(start, end) {
      end = Math.min(end, size);
      if (end <= start) return new Uint8Array(0);
      const out = new Uint8Array(end - start);
      let at = 0;
      // The host may answer short (the file shrank, or a growing capture file): ask again for
      // the rest and stop at its end of file.
      while (at < out.length) {
        const reply = await request(start + at, Math.min(out.length - at, MAX_REQUEST));
        if ('error' in reply) throw new Error(reply.error);
        out.set(reply.bytes.subarray(0, out.length - at), at);
        at += Math.min(reply.bytes.length, out.length - at);
        if (reply.eof || reply.bytes.length === 0) break;
      }
      return at === out.length ? out : out.slice(0, at);
    },
    close() {
      closed = true;
      port.close();
      for (const w of waiting.values()) w.fail(new Error('capture source closed'));
      waiting.clear();
    },
  };
}
