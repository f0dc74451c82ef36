// A capture the page names by URL (web mode's `?open=NAME`, served at `files/NAME`), read as it
// downloads: the analysis starts on the first bytes instead of after the whole file arrived (on
// localhost the download of a 20 MB capture was a fifth of the load). The body's chunks are kept,
// so later frame reads (detail, exports) are served from memory as a File's would be.

import type { ByteSource } from './byte-source.ts';

/** The URL's bytes as a ByteSource; rejects on a failed request (`NAME: HTTP 404`). */
export async function urlSource(name: string, url: string): Promise<ByteSource> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? NaN);
  const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (!res.body || !Number.isFinite(length) || encoded) {
    // Size unknown up front (the analysis loop needs it): take the whole body first.
    const blob = await res.blob();
    return blobSource(name, blob);
  }
  return streamSource(name, length, res.body.getReader(), abort);
}

function blobSource(name: string, blob: Blob): ByteSource {
  return {
    name,
    size: blob.size,
    read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
    close: () => {},
  };
}

/** Reads `reader` to its end in the background; read() waits for the bytes it asks for. */
function streamSource(
  name: string,
  declared: number,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  abort: AbortController,
): ByteSource {
  const chunks: Uint8Array[] = [];
  /** Where each chunk starts in the file. */
  const starts: number[] = [];
  let received = 0;
  let done = false;
  let failure: Error | null = null;
  let closed = false;
  const waiting: Array<{ end: number; wake: () => void }> = [];
  const wake = (): void => {
    for (let i = waiting.length - 1; i >= 0; i--) {
      const w = waiting[i]!;
      if (closed || done || failure || received >= w.end) {
        waiting.splice(i, 1);
        w.wake();
      }
    }
  };

  void (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        if (value.length === 0) continue;
        starts.push(received);
        chunks.push(value);
        received += value.length;
        wake();
      }
    } catch (e) {
      failure = closed ? new Error('capture source closed') : e instanceof Error ? e : new Error(String(e));
    }
    done = true;
    wake();
  })();

  /**
   * Bytes already read are moved out of the worker's memory into Blobs (kept by the browser, as a
   * File's bytes are): 20 MB of chunks held as the worker's own external memory made its garbage
   * collector work harder through the rest of the load. Blob parts in file order.
   */
  const parked: Array<{ start: number; end: number; blob: Blob }> = [];
  /** Moves the chunks that end at or before `before` into a Blob. */
  function park(before: number): void {
    let k = 0;
    while (k < chunks.length && starts[k]! + chunks[k]!.length <= before) k++;
    if (k === 0) return;
    const last = chunks[k - 1]!;
    parked.push({
      start: starts[0]!,
      end: starts[k - 1]! + last.length,
      blob: new Blob(chunks.slice(0, k) as Uint8Array<ArrayBuffer>[]),
    });
    chunks.splice(0, k);
    starts.splice(0, k);
  }

  /** [start, end) from the parked Blobs and the chunks (a copy: callers may transfer it). */
  async function assemble(start: number, end: number): Promise<Uint8Array> {
    const inMemory = starts.length ? starts[0]! : received;
    if (start >= inMemory) return copy(start, end);
    const out = new Uint8Array(end - start);
    // The part in memory first, before any await (another read may park chunks meanwhile).
    if (end > inMemory) out.set(copy(inMemory, end), inMemory - start);
    for (const p of parked.slice()) {
      if (p.end <= start || p.start >= end) continue;
      const a = Math.max(start, p.start);
      const b = Math.min(end, p.end);
      out.set(new Uint8Array(await p.blob.slice(a - p.start, b - p.start).arrayBuffer()), a - start);
    }
    return out;
  }

  /** Copies [start, end) out of the chunks (all in memory). */
  function copy(start: number, end: number): Uint8Array {
    const out = new Uint8Array(end - start);
    // First chunk holding `start`: binary search over the chunk starts.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    let at = start;
    for (let i = lo; i < chunks.length && at < end; i++) {
      const c = chunks[i]!;
      const from = at - starts[i]!;
      const n = Math.min(c.length - from, end - at);
      out.set(c.subarray(from, from + n), at - start);
      at += n;
    }
    return out;
  }

  return {
    name,
    size: declared,
    async read(start, end) {
      end = Math.min(end, declared);
      if (end <= start) return new Uint8Array(0);
      if (received < end && !done && !failure)
        await new Promise<void>((ok) => waiting.push({ end, wake: ok }));
      if (closed) throw new Error('capture source closed');
      if (failure && received < end) throw failure;
      // A body shorter than declared: what there is (the analysis stops at its end).
      const out = await assemble(start, Math.min(end, received));
      if (closed) throw new Error('capture source closed');
      // Reads go forward while the capture is analysed: what lies before this one is parked.
      park(start);
      return out;
    },
    close() {
      if (closed) return;
      closed = true;
      if (!done) abort.abort();
      chunks.length = 0;
      starts.length = 0;
      parked.length = 0;
      wake();
    },
  };
}
