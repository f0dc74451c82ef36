// Narration templates: `{name}` is a fact of the step's packet (facts.ts). Filling keeps the parts
// apart so a UI can mark every quoted number with the field it came from.

import type { Facts } from './facts.ts';
import type { NarrationPart } from './types.ts';

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Placeholder names a template uses, in order of first use. */
export function placeholders(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

export interface Filled {
  text: string;
  parts: NarrationPart[];
  /** Placeholders with no value (left as `{name}` in the text). */
  missing: string[];
}

export function fillTemplate(template: string, facts: Facts): Filled {
  const parts: NarrationPart[] = [];
  const missing: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    const name = m[1]!;
    const value = facts[name];
    if (value === undefined) {
      missing.push(name);
      parts.push(m[0]);
    } else parts.push({ fact: name, value: String(value) });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  const text = parts.map((p) => (typeof p === 'string' ? p : p.value)).join('');
  return { text, parts, missing };
}
