// Stream offsets → frame offsets. The HTTP and WebSocket dissectors record spans as offsets in a
// direction's byte stream (core/tcp StreamChunk.offset); this frame carried the stream bytes
// [streamOffset, streamOffset + payloadCaptured) at frame offsets [payloadOffset, ...). A field
// that lies partly in other frames gets only the part this frame holds.

export class StreamWindow {
  readonly streamEnd: number;
  constructor(
    /** Stream offset of the frame's first payload byte. */
    readonly streamStart: number,
    /** Frame offset of the first payload byte. */
    readonly payloadOffset: number,
    /** Payload bytes captured in the frame. */
    readonly captured: number,
  ) {
    this.streamEnd = streamStart + captured;
  }

  overlaps(start: number, end: number): boolean {
    return start < this.streamEnd && end > this.streamStart && end > start;
  }

  /** Frame span of stream [start, end) ∩ this frame, or null. */
  toFrame(start: number, end: number): { start: number; end: number } | null {
    const s = Math.max(start, this.streamStart);
    const e = Math.min(end, this.streamEnd);
    if (e <= s) return null;
    return {
      start: this.payloadOffset + (s - this.streamStart),
      end: this.payloadOffset + (e - this.streamStart),
    };
  }

  /** True when the whole stream span is in this frame. */
  contains(start: number, end: number): boolean {
    return start >= this.streamStart && end <= this.streamEnd;
  }
}
