// A shorthand for writing tour steps as one line of target plus the two narrations.
import type { ConnectionPick, PacketPick, TourStepDef, TourView } from '../types.ts';

export function step(
  id: string,
  view: TourView,
  connection: ConnectionPick,
  packet: PacketPick,
  en: string,
  zh: string,
): TourStepDef {
  return { id, view, target: { connection, packet }, text: { en, zh } };
}
