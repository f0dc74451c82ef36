// The applied display filter as a predicate, including its byte predicates (`frame contains …`):
// those need the worker to search the capture file, so the predicate arrives later. Meanwhile the
// list keeps what it showed for this capture (or nothing, for a capture just opened) and the filter
// bar says "Searching packet bytes… N%". A newer filter or another capture cancels the search.

import { useEffect, useMemo, useRef, useState } from 'react';
import type { CaptureModel } from '../../model.ts';
import type { ByteSearchClient } from '../../workers/byte-search-client.ts';
import { parseFilter, searchError, type FilterError, type FilterResult, type Predicate } from './filter.ts';

export interface FilterPredicate {
  predicate: Predicate | null;
  /** 0..1 while the packet bytes are being searched, else null. */
  searching: number | null;
  /** The byte search failed (the list keeps what it showed). */
  error: FilterError | null;
}

interface Resolved {
  parsed: FilterResult;
  model: CaptureModel;
  predicate: Predicate | null;
  error: FilterError | null;
}

const NONE: Predicate = () => false;

export function useFilterPredicate(
  text: string,
  model: CaptureModel | null,
  partial: boolean,
  client: ByteSearchClient,
): FilterPredicate {
  const parsed = useMemo(() => parseFilter(text), [text]);
  const [resolved, setResolved] = useState<Resolved | null>(null);
  const [progress, setProgress] = useState<{ of: FilterResult | null; fraction: number }>({
    of: null,
    fraction: 0,
  });
  /** What the list last showed, and for which capture. */
  const shown = useRef<{ model: CaptureModel | null; predicate: Predicate | null }>({
    model: null,
    predicate: null,
  });
  const needsSearch = parsed.ok && parsed.needles.length > 0;

  useEffect(() => {
    if (!parsed.ok || parsed.needles.length === 0 || !model || partial) return;
    return client.search(parsed.needles, {
      progress: (fraction) => setProgress({ of: parsed, fraction }),
      done: (matches) => setResolved({ parsed, model, predicate: parsed.bind(matches), error: null }),
      error: (message) => setResolved({ parsed, model, predicate: null, error: searchError(message) }),
    });
  }, [parsed, model, partial, client]);

  let out: FilterPredicate;
  if (!parsed.ok) out = { predicate: null, searching: null, error: null };
  else if (!needsSearch) out = { predicate: parsed.predicate, searching: null, error: null };
  else if (resolved && resolved.parsed === parsed && resolved.model === model && !partial) {
    const keep = shown.current.model === model ? shown.current.predicate : NONE;
    out = resolved.error
      ? { predicate: keep, searching: null, error: resolved.error }
      : { predicate: resolved.predicate, searching: null, error: null };
  } else {
    const keep = shown.current.model === model ? shown.current.predicate : NONE;
    out = { predicate: keep, searching: progress.of === parsed ? progress.fraction : 0, error: null };
  }
  useEffect(() => {
    if (out.searching === null && out.error === null) shown.current = { model, predicate: out.predicate };
  });
  return out;
}
