// The worker's side of the display filter's byte search: runs workers/byte-search.ts over the
// capture the frame reads use, posts progress, and drops a search once a newer one (or a cancel)
// arrived — only the latest filter's answer is ever posted.

import { searchBytes, type SearchSource } from './byte-search.ts';
import type { ByteNeedle } from './byte-search-needle.ts';
import type { ByteSource } from './byte-source.ts';
import type { WorkerResponse } from './protocol.ts';

/** The id of the search that may still answer (0: none). */
let latest = 0;
/** At most this many progress messages per search. */
const PROGRESS_STEPS = 100;

export function cancelByteSearch(id: number): void {
  if (latest === id) latest = 0;
}

export function runByteSearch(
  id: number,
  needles: ByteNeedle[],
  file: ByteSource | null,
  source: SearchSource | null,
  post: (msg: WorkerResponse, transfer?: Transferable[]) => void,
): void {
  latest = id;
  if (!file || !source) {
    post({ type: 'search-bytes', id, matches: [], error: 'no capture' });
    return;
  }
  let lastStep = -1;
  searchBytes((s, e) => file.read(s, e), file.size, source, needles, {
    cancelled: () => latest !== id,
    onProgress: (done, total) => {
      const step = Math.floor((done / Math.max(1, total)) * PROGRESS_STEPS);
      if (step === lastStep || done === total) return;
      lastStep = step;
      post({ type: 'search-bytes-progress', id, done, total });
    },
  }).then(
    (matches) => {
      if (!matches || latest !== id) return;
      latest = 0;
      post(
        { type: 'search-bytes', id, matches },
        matches.map((m) => m.buffer as ArrayBuffer),
      );
    },
    (e: unknown) => {
      if (latest !== id) return;
      latest = 0;
      post({ type: 'search-bytes', id, matches: [], error: e instanceof Error ? e.message : String(e) });
    },
  );
}
