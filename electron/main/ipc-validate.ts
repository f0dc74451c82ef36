// Argument checks for IPC handlers. Everything from the renderer is untrusted input (a
// compromised renderer can send any structured-clone value), so each handler states the exact
// shape it accepts and rejects the rest with a stable id before touching the file system.
import type { IpcErrorId } from '../ipc/channels.ts';

/** Largest chunk one readChunk may move (the renderer streams a file in chunks of this size or less). */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
/** Largest export (a PNG of a big ladder, a JSON analysis). */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;
export const MAX_FILTER_CHARS = 4096;
export const MAX_NAME_CHARS = 255;
/** Number.MAX_SAFE_INTEGER bounds offsets: a double holds every offset of a real file exactly. */
export const MAX_OFFSET = Number.MAX_SAFE_INTEGER;

/** A rejected IPC call. Electron forwards only `message` to the renderer, so it starts with the id. */
export class IpcError extends Error {
  constructor(
    readonly id: IpcErrorId,
    detail: string,
  ) {
    super(`${id}: ${detail}`);
  }
}

export function invalid(detail: string): IpcError {
  return new IpcError('ipc.argument.invalid', detail);
}

export function asRecord(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v)) {
    throw invalid(`${what} must be an object`);
  }
  return v as Record<string, unknown>;
}

/** Rejects keys the handler does not know: a typo or a probe, never silently ignored. */
export function onlyKeys(rec: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const k of Object.keys(rec)) if (!allowed.includes(k)) throw invalid(`${what}: unexpected field ${k}`);
}

export function asString(
  v: unknown,
  what: string,
  max: number,
  o: { optional?: boolean } = {},
): string | undefined {
  if (v === undefined && o.optional) return undefined;
  if (typeof v !== 'string') throw invalid(`${what} must be a string`);
  if (v.length > max) throw new IpcError('ipc.size.exceeded', `${what} is longer than ${max} characters`);
  if (v.includes('\0')) throw invalid(`${what} contains NUL`);
  return v;
}

export function asInteger(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalid(`${what} must be an integer`);
  if (v < min || v > max) throw new IpcError('ipc.size.exceeded', `${what} must be in ${min}..${max}`);
  return v;
}

/** An opaque id minted by main (files, recent entries, capture sessions). */
export function asId(v: unknown, what: string): string {
  const s = asString(v, what, 64)!;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(s)) throw invalid(`${what} is not an id`);
  return s;
}

function isControl(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/** C0 controls and DEL (a loop, not a regex: lint forbids control characters in patterns). */
export function hasControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i))) return true;
  return false;
}

function replaceControlChars(s: string, by: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += isControl(s.charCodeAt(i)) ? by : s[i];
  return out;
}

/**
 * A file name suggested by the renderer for a save dialog: a base name only, no folders, no
 * control characters, no leading dot. Only the dialog's default; the user still picks the path.
 */
export function safeFileName(v: unknown, what: string, fallback: string): string {
  if (v === undefined) return fallback;
  const s = asString(v, what, MAX_NAME_CHARS)!;
  const cleaned = replaceControlChars(s, '_')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return cleaned || fallback;
}
