// Wire strings (request targets, WebSocket text, close reasons, header values) quoted inside an
// annotation. Annotations are plain text, shown only as text (never HTML), so `<`, `&` are shown as
// they were on the wire; control, format and bidi characters are escaped and long strings clipped
// (core/bytes/safe-text.ts, the one escaper every view uses) so one hostile message can neither
// reorder nor flood a step.

import { clipText } from '../bytes/safe-text.ts';

const MAX_QUOTED = 80;

/** Escaped and clipped to `max` characters plus "…". */
export function wireText(s: string, max = MAX_QUOTED): string {
  return clipText(s, max + 1);
}

/** Seconds as milliseconds with three decimals ("0.040"): enough for loopback RTTs. */
export function millis(seconds: number): string {
  return (seconds * 1000).toFixed(3);
}
