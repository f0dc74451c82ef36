// Analysis result → Timeline (DESIGN §1 "timeline"): per connection, the ladder rows (every TCP
// packet with the HTTP/WebSocket/TLS meaning it completed), the phases and the metrics. Computed
// once after analysis; the step model and the views only read it.

import type { AnalysisResult, ConnectionAnalysis } from '../analyze.ts';
import type { Endpoint } from '../tcp/types.ts';
import type { AppLabel, ConnectionTimeline, LadderRow, PacketRow, Timeline } from './types.ts';
import { appLabels } from './app-labels.ts';
import { buildPhases } from './phases.ts';
import { connectionMetrics } from './metrics.ts';

export { frameIndex, type FrameRef } from './frame-index.ts';

/** As the analysis JSON prints endpoints: IPv6 in brackets (RFC 3986 §3.2.2 style). */
function endpointText(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

/** Diagnostic ids by frame; tcp.analysis.* ones are left out (rows carry them as `analysis` bits). */
function diagnosticsByFrame(ca: ConnectionAnalysis): Map<number, string[]> | null {
  let out: Map<number, string[]> | null = null;
  for (const list of [ca.tcp.diagnostics, ca.dissection.diagnostics]) {
    for (const d of list) {
      if (d.frame === null || d.id.startsWith('tcp.analysis.')) continue;
      out ??= new Map();
      const ids = out.get(d.frame);
      if (!ids) out.set(d.frame, [d.id]);
      else if (!ids.includes(d.id)) ids.push(d.id);
    }
  }
  return out;
}

/**
 * The labels of a row that completed nothing (most rows): one shared, frozen empty list rather than
 * a new array per packet.
 */
const NO_LABELS = Object.freeze([]) as unknown as AppLabel[];

/** Row lists a timeline gave `diagnostics` (only those can carry some to drop on a rebuild). */
const annotated = new WeakSet<readonly PacketRow[]>();

/** Needs `{ rows: true }` analysis; the result's PacketRows gain `labels` and are shared, not copied. */
export function buildTimeline(result: AnalysisResult): Timeline {
  const connections: ConnectionTimeline[] = result.connections.map((ca) => {
    if (!ca.rows) throw new Error('buildTimeline needs rows: analyse with { rows: true }');
    const labels = appLabels(ca.dissection, ca.rows);
    // The analysis rows become ladder rows in place: copying 20-odd fields of every packet cost
    // more than the rest of the timeline put together.
    const rows = ca.rows as LadderRow[];
    const problems = diagnosticsByFrame(ca);
    if (problems) {
      annotated.add(rows);
      for (const r of rows) {
        r.labels = labels.get(r.frame) ?? NO_LABELS;
        const ids = problems.get(r.frame);
        if (ids) r.diagnostics = ids;
        else if (r.diagnostics) delete r.diagnostics;
      }
    } else if (annotated.has(rows)) {
      for (const r of rows) {
        r.labels = labels.get(r.frame) ?? NO_LABELS;
        if (r.diagnostics) delete r.diagnostics;
      }
    } else {
      // Rows no timeline annotated yet have no `diagnostics` to drop (reading the missing
      // property on 100k rows of several shapes was not free).
      for (const r of rows) r.labels = labels.get(r.frame) ?? NO_LABELS;
    }
    return {
      id: ca.tcp.id,
      client: endpointText(ca.tcp.client),
      server: endpointText(ca.tcp.server),
      application: ca.dissection.application,
      rows,
      phases: buildPhases(ca.tcp, ca.dissection, ca.rows),
      metrics: connectionMetrics(ca.tcp, ca.dissection, ca.rows),
    };
  });
  return { startEpoch: result.capture.firstTime ?? 0, connections };
}
