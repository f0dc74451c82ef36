// Streams a file through a callback in fixed-size pieces. The same buffer is reused for every
// piece: the engine's contract is that pushed bytes are borrowed for the duration of the call
// (readers and reassembly copy what they keep), so a 1 GB capture costs one buffer, not 1 GB.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export const READ_CHUNK_BYTES = 4 * 1024 * 1024;

export function streamFile(
  path: string,
  onChunk: (chunk: Uint8Array, offset: number) => boolean | void,
  chunkBytes = READ_CHUNK_BYTES,
): { bytes: number; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = new Uint8Array(chunkBytes);
    let offset = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      const stop = onChunk(n === buf.length ? buf : buf.subarray(0, n), offset);
      offset += n;
      if (stop === true) break;
    }
    return { bytes: offset, size };
  } finally {
    closeSync(fd);
  }
}
