// Collects what the annotators say about one packet: a title (the most important event wins),
// sentences in both languages, the facts quoted in them, spec links and inferred socket calls.
// Sentences come from the catalogues only, so each exists in English and Chinese by construction.

import { EN } from './messages-en.ts';
import { ZH } from './messages-zh.ts';
import type { Catalog } from './messages.ts';
import type { Bilingual, Side, SocketCall, SocketCallName, SpecRef } from './types.ts';

type MessageId = Exclude<keyof Catalog, 'side' | 'wsKind' | 'closeMeaning'>;
type Args<K extends MessageId> = Parameters<Catalog[K]>;

/** Title priorities: the lowest number names the step. */
export const TITLE = {
  reset: 0,
  handshake: 1,
  analysis: 2,
  teardown: 3,
  application: 4,
  data: 5,
  ack: 6,
} as const;

function render<K extends MessageId>(id: K, args: Args<K>): Bilingual {
  const en = (EN[id] as (...a: unknown[]) => string)(...args);
  const zh = (ZH[id] as (...a: unknown[]) => string)(...args);
  return { en, zh };
}

export class StepWriter {
  private title: Bilingual | null = null;
  private titleRank = Infinity;
  private readonly en: string[] = [];
  private readonly zh: string[] = [];
  readonly facts: Record<string, number | string> = {};
  readonly spec: SpecRef[] = [];
  readonly socketCalls: SocketCall[] = [];

  /** Proposes a title; the highest-priority (lowest rank) proposal is kept. */
  titled<K extends MessageId>(rank: number, id: K, ...args: Args<K>): this {
    if (rank < this.titleRank) {
      this.title = render(id, args);
      this.titleRank = rank;
    }
    return this;
  }

  say<K extends MessageId>(id: K, ...args: Args<K>): this {
    const t = render(id, args);
    // Several messages completed by one packet (pipelined requests) would repeat the same remark.
    if (this.en.includes(t.en)) return this;
    this.en.push(t.en);
    this.zh.push(t.zh);
    return this;
  }

  /**
   * Records a value quoted in the annotation. A key already holding another value gets a
   * numbered twin (`target.2`), e.g. three pipelined requests completed by one packet.
   */
  fact<V extends number | string>(key: string, value: V): V {
    let k = key;
    for (let n = 2; k in this.facts; n++) {
      if (this.facts[k] === value) return value;
      k = `${key}.${n}`;
    }
    this.facts[k] = value;
    return value;
  }

  cite(...refs: SpecRef[]): this {
    for (const r of refs) if (!this.spec.includes(r)) this.spec.push(r);
    return this;
  }

  call<K extends MessageId>(side: Side, call: SocketCallName, id: K, ...args: Args<K>): this {
    this.socketCalls.push({ side, call, note: render(id, args), inferred: true });
    return this;
  }

  get hasTitle(): boolean {
    return this.title !== null;
  }

  finish(fallback: Bilingual): { title: Bilingual; annotation: Bilingual } {
    return {
      title: this.title ?? fallback,
      annotation: { en: this.en.join(' '), zh: this.zh.join('') },
    };
  }
}
