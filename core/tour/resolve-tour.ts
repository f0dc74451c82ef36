// Resolves a tour against an analysed capture: each step's packet found by role (pick.ts), its
// narration filled with that packet's numbers (facts.ts). Steps that find nothing are reported as
// problems with stable ids, so a test can demand zero of them on a freshly recorded capture.

import { captureFacts, stepFacts } from './facts.ts';
import { pickPacket } from './pick.ts';
import { fillTemplate, placeholders } from './template.ts';
import type { ResolvedTour, ResolvedTourStep, TourDef, TourInput, TourProblem } from './types.ts';

export function resolveTour(tour: TourDef, input: TourInput): ResolvedTour {
  const steps: ResolvedTourStep[] = [];
  const problems: TourProblem[] = [];
  const capture = captureFacts(input);
  for (const def of tour.steps) {
    const picked = pickPacket(input, def.target.connection, def.target.packet);
    if (!picked) {
      problems.push({
        id: 'tour.step.unresolved',
        step: def.id,
        message: `${tour.id}/${def.id}: no packet matches ${JSON.stringify(def.target)}`,
      });
      continue;
    }
    const all = stepFacts(picked, capture);
    const en = fillTemplate(def.text.en, all);
    const zh = fillTemplate(def.text.zh, all);
    for (const name of new Set([...en.missing, ...zh.missing]))
      problems.push({
        id: 'tour.fact.missing',
        step: def.id,
        message: `${tour.id}/${def.id}: no value for {${name}}`,
      });
    const facts: Record<string, number | string> = {};
    for (const name of [...placeholders(def.text.en), ...placeholders(def.text.zh)])
      if (all[name] !== undefined) facts[name] = all[name];
    steps.push({
      id: def.id,
      index: steps.length,
      view: def.view,
      frame: picked.row.frame,
      connection: picked.conn.id,
      narration: { en: en.text, zh: zh.text },
      parts: { en: en.parts, zh: zh.parts },
      facts,
    });
  }
  return { tour, steps, problems };
}
