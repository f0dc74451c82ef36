// Messages between the UI and the analysis worker (see renderer architecture, "Worker protocol").

import type { WireModel } from '../model.ts';
import type { ExportFrame } from '../../../core/export/pcapng.ts';
import type { ByteNeedle } from './byte-search-needle.ts';

/** A node of a frame's field tree (core/detail); kept opaque here so the worker need not know it. */
export type FrameTree = unknown;

export type WorkerRequest =
  | { type: 'open'; file: File }
  /**
   * A file the desktop host granted: the worker reads it by asking over `port` (workers/byte-source.ts
   * ChunkRequest/ChunkReply), the UI answers with the host's readChunk. The port is transferred.
   */
  | { type: 'open-port'; name: string; size: number; port: MessagePort }
  /** A capture at a URL (web mode's `files/NAME`), analysed while it downloads (workers/url-source.ts). */
  | { type: 'open-url'; name: string; url: string }
  | { type: 'cancel' }
  | { type: 'frame'; frame: number }
  /** Many frames' bytes at once (exports); `id` pairs the answer with the request. */
  | { type: 'frames'; id: number; frames: number[] }
  /** The display filter's byte search (workers/byte-search.ts); a newer id supersedes an older one. */
  | { type: 'search-bytes'; id: number; needles: ByteNeedle[] }
  | { type: 'search-bytes-cancel'; id: number };

export type WorkerResponse =
  | { type: 'progress'; bytes: number; total: number; packets: number }
  | { type: 'partial'; model: WireModel }
  /** `timings`: when the worker passed its stages (epoch ms), for `npm run bench`'s breakdown. */
  | { type: 'done'; model: WireModel; timings?: Record<string, number> }
  /** More stage times (epoch ms) after 'done', for `npm run bench`. */
  | { type: 'timings'; timings: Record<string, number> }
  | { type: 'cancelled' }
  | { type: 'error'; message: string; offset?: number }
  | { type: 'frame'; frame: number; bytes: Uint8Array; tree: FrameTree | null }
  | { type: 'frames'; id: number; frames: ExportFrame[]; error?: string }
  | { type: 'search-bytes-progress'; id: number; done: number; total: number }
  /** One bitset per needle (bit frame-1), transferred; empty with `error`. */
  | { type: 'search-bytes'; id: number; matches: Uint8Array[]; error?: string };
