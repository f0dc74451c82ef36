// Main's only contact with capture bytes: stat a file and copy a byte range out of it. No
// parsing — the renderer's worker does that in the sandbox (DESIGN §1, Electron's "do not
// process untrusted content in main").
import { open, stat, copyFile, writeFile } from 'node:fs/promises';

export interface FileAccess {
  /** Size of a regular file; throws for directories, devices, FIFOs (a FIFO read would block main). */
  size(path: string): Promise<number>;
  read(path: string, offset: number, length: number): Promise<Uint8Array>;
  copy(from: string, to: string): Promise<void>;
  write(path: string, data: string | Uint8Array): Promise<void>;
}

export const nodeFileAccess: FileAccess = {
  async size(path) {
    const st = await stat(path);
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    return st.size;
  },
  async read(path, offset, length) {
    const fh = await open(path, 'r');
    try {
      const buf = new Uint8Array(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await fh.read(buf, got, length - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === length ? buf : buf.slice(0, got);
    } finally {
      await fh.close();
    }
  },
  copy: (from, to) => copyFile(from, to),
  write: (path, data) => writeFile(path, data),
};
