// Messages between the UI and the analysis worker (see renderer architecture, "Worker protocol").

import type { WireModel } from '../model.ts';
import type { ExportFrame } from '../../../core/export/pcapng.ts';

/** A node of a frame's field tree (core/detail); kept opaque here so the worker need not know it. */
export type FrameTree = unknown;

export type WorkerRequest =
  | { type: 'open'; file: File }
  /**
   * A file the desktop host granted: the worker reads it by asking over `port` (workers/byte-source.ts
   * ChunkRequest/ChunkReply), the UI answers with the host's readChunk. The port is transferred.
   */
  | { type: 'open-port'; name: string; size: number; port: MessagePort }
  | { type: 'cancel' }
  | { type: 'frame'; frame: number }
  /** Many frames' bytes at once (exports); `id` pairs the answer with the request. */
  | { type: 'frames'; id: number; frames: number[] };

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
  | { type: 'frames'; id: number; frames: ExportFrame[]; error?: string };
