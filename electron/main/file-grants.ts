// The files the renderer may read, by opaque id. A path enters this table only from a place the
// user chose — an open dialog, the recent list, the command line, an OS file association — or
// from a capture main itself started; the renderer can name an id, never a path, so a compromised
// renderer cannot read ~/.ssh through readChunk.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { OpenedFile } from '../ipc/channels.ts';

export interface Grant {
  path: string;
  file: OpenedFile;
}

export class FileGrants {
  private readonly byId = new Map<string, Grant>();

  grant(path: string, size: number, source: OpenedFile['source']): OpenedFile {
    const fileId = randomBytes(12).toString('base64url');
    const file: OpenedFile = { fileId, name: basename(path), size, source };
    this.byId.set(fileId, { path, file });
    return file;
  }

  get(fileId: string): Grant | undefined {
    return this.byId.get(fileId);
  }

  revoke(fileId: string): void {
    this.byId.delete(fileId);
  }

  get size(): number {
    return this.byId.size;
  }
}
