// Raw DEFLATE (RFC 1951) decoding for permessage-deflate (RFC 7692 §7.2.2), driven through pako's
// low-level zlib port so that output comes out in bounded pieces: the caller sees each piece and
// can stop at once (decompression-bomb limits are enforced while inflating, not after, DESIGN §2).
// pako's Inflate.push would instead loop until all input is consumed, however large the output.

import {
  ZStream,
  Z_BUF_ERROR,
  Z_OK,
  Z_STREAM_END,
  Z_SYNC_FLUSH,
  zlibInflate,
  zlibInflateInit2,
  zlibInflateReset,
} from 'pako';

/** Output piece size: the most memory one inflate step can take beyond the window size. */
const PIECE = 64 * 1024;

export type InflateOutcome = 'ok' | 'stopped' | 'error';

/**
 * Receives each output piece (valid only during the call) and the input bytes consumed so far in
 * the current push; returns false to stop inflating.
 */
export type InflateSink = (piece: Uint8Array, consumed: number) => boolean;

export class BoundedInflater {
  private readonly strm = new ZStream();
  private readonly out = new Uint8Array(PIECE);
  /** zlib's message for the last 'error'. */
  message = '';
  /**
   * The last push ended exactly at the end of a DEFLATE stream (a BFINAL block). The caller then
   * skips the 00 00 ff ff tail: those bytes only complete the empty stored block of a sync flush.
   */
  atStreamEnd = false;

  constructor(windowBits: number) {
    // zlib refuses raw deflate with an 8-bit window and uses 9 instead (ws does the same), so a
    // peer that negotiated 8 may send 512-byte distances: decode with at least 9.
    const bits = Math.min(15, Math.max(9, windowBits));
    this.strm.avail_out = 0;
    const status = zlibInflateInit2(this.strm, -bits);
    if (status !== Z_OK) throw new Error(`inflateInit2 failed (${status})`);
  }

  /** Forgets the LZ77 window: the next input starts a fresh DEFLATE stream. */
  reset(): void {
    zlibInflateReset(this.strm);
  }

  push(input: Uint8Array, sink: InflateSink): InflateOutcome {
    const strm = this.strm;
    strm.input = input;
    strm.next_in = 0;
    strm.avail_in = input.length;
    this.atStreamEnd = false;
    for (;;) {
      strm.output = this.out;
      strm.next_out = 0;
      strm.avail_out = PIECE;
      const inBefore = strm.next_in;
      const status = zlibInflate(strm, Z_SYNC_FLUSH);
      const produced = strm.next_out;
      if (status !== Z_OK && status !== Z_BUF_ERROR && status !== Z_STREAM_END) {
        this.message = strm.msg || `inflate status ${status}`;
        return 'error';
      }
      if (produced > 0 && !sink(this.out.subarray(0, produced), strm.next_in)) return 'stopped';
      if (status === Z_STREAM_END) {
        // A block with BFINAL set ends the DEFLATE stream; what follows starts a new one
        // (RFC 7692 §7.2.3.3 allows it), without the previous window's history.
        zlibInflateReset(strm);
        if (strm.avail_in === 0) {
          this.atStreamEnd = true;
          return 'ok';
        }
        continue;
      }
      if (strm.avail_out > 0 && strm.avail_in === 0) return 'ok';
      if (produced === 0 && strm.next_in === inBefore) return 'ok'; // no progress possible: wait for input
    }
  }
}
