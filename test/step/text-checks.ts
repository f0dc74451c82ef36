// Checks on annotation text shared by the step tests.

/** Fixed technical tokens that contain digits but are not packet numbers. */
const FIXED_TOKENS = ['ISN+1', 'HTTP/1.0', 'UTF-8', 'RSV1', 'FIN-WAIT-1', 'FIN-WAIT-2', 'key 0x', '掩码 0x'];

/**
 * Digits left in `text` once the fixed tokens and every quoted fact are taken out: each number an
 * annotation shows must be a recorded (and so checked) fact.
 */
export function digitsNotInFacts(text: string, facts: Record<string, number | string>): string[] {
  let t = text;
  for (const tok of FIXED_TOKENS) t = t.split(tok).join(' ');
  const values = Object.values(facts)
    .map(String)
    .sort((a, b) => b.length - a.length);
  for (const v of values) t = t.split(v).join(' ');
  return t.match(/\d+/g) ?? [];
}
