// Problems found in traffic or files are data, not exceptions (DESIGN §2). Each has a stable dotted
// id (tests assert the id, never the text), a severity on Wireshark's expert-info scale, and where
// it was found: a frame (1-based) and, when known, a byte span inside that frame's captured bytes.

export type Severity = 'chat' | 'note' | 'warn' | 'error';

/** Half-open byte range [start, end) inside one frame's captured bytes. */
export interface Span {
  start: number;
  end: number;
}

export interface Diagnostic {
  id: string;
  severity: Severity;
  /** 1-based frame number, or null when the problem is not tied to one packet. */
  frame: number | null;
  span?: Span;
  message: string;
}

export function diagnostic(
  id: string,
  severity: Severity,
  frame: number | null,
  message: string,
  span?: Span,
): Diagnostic {
  return span ? { id, severity, frame, span, message } : { id, severity, frame, message };
}
