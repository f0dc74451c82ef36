// The app's own "Open Recent" list (the OS list via app.addRecentDocument is extra, not read
// back). Entries are addressed by an id derived from the path, so the renderer and the menu can
// ask for "entry X" without ever sending a path. Persisted as JSON in userData; a damaged file
// just means an empty list.
import { createHash } from 'node:crypto';
import { basename, dirname, isAbsolute } from 'node:path';
import type { RecentEntry } from '../ipc/channels.ts';

export const MAX_RECENT = 10;

export function recentId(path: string): string {
  return createHash('sha256').update(path).digest('base64url').slice(0, 16);
}

export interface RecentStore {
  load(): string[] | null;
  save(paths: string[]): void;
}

export class RecentFiles {
  private paths: string[];

  constructor(private readonly store: RecentStore) {
    const loaded = store.load();
    this.paths = Array.isArray(loaded)
      ? loaded.filter((p): p is string => typeof p === 'string' && isAbsolute(p)).slice(0, MAX_RECENT)
      : [];
  }

  /** Most recent first; an existing entry moves to the top. */
  add(path: string): void {
    this.paths = [path, ...this.paths.filter((p) => p !== path)].slice(0, MAX_RECENT);
    this.store.save(this.paths);
  }

  remove(path: string): void {
    this.paths = this.paths.filter((p) => p !== path);
    this.store.save(this.paths);
  }

  clear(): void {
    this.paths = [];
    this.store.save(this.paths);
  }

  /** The path behind an id, only if it is on the list. */
  resolve(id: string): string | undefined {
    return this.paths.find((p) => recentId(p) === id);
  }

  entries(): RecentEntry[] {
    return this.paths.map((p) => ({ recentId: recentId(p), name: basename(p), folder: dirname(p) }));
  }
}

/** The list as a small JSON file (userData/recent-files.json). */
export function jsonRecentStore(
  file: string,
  fs: { readFileSync(p: string, enc: 'utf8'): string; writeFileSync(p: string, data: string): void },
): RecentStore {
  return {
    load() {
      try {
        const v: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
        return Array.isArray(v) ? (v as string[]) : null;
      } catch {
        return null;
      }
    },
    save(paths) {
      try {
        fs.writeFileSync(file, JSON.stringify(paths, null, 2));
      } catch {
        // A read-only profile loses the list, not the app.
      }
    },
  };
}
