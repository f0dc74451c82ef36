// The analysis JSON export (`wirestep.analysis/1`, DESIGN §3) from what the UI holds: the
// summary and the connections, reusing core/analysis-json so the file equals `wirestep analyze
// --json` on the same capture.

import { connectionCategories, toAnalysisJson, type AnalysisJson } from '../analysis-json.ts';
import type { CaptureSummary } from '../analyze.ts';
import type { Connection } from '../tcp/types.ts';
import type { ConnectionDissection } from '../dissect/dispatch.ts';

export function analysisJsonOf(
  summary: CaptureSummary,
  connections: Array<{ tcp: Connection; dissection: ConnectionDissection }>,
  only?: readonly number[],
): AnalysisJson {
  const chosen = only ? connections.filter((c) => only.includes(c.tcp.id)) : connections;
  return toAnalysisJson(
    {
      capture: summary,
      connections: chosen.map((c) => ({ tcp: c.tcp, dissection: c.dissection })),
      diagnostics: [],
      otherPackets: {},
    },
    // Polling is judged across the whole capture: an exported poll stays a poll.
    connectionCategories({ connections }),
  );
}
