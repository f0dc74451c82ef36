// What every annotator gets for one packet: the connection's index, the packet's row, who sent
// it, the application events it completed and the state transitions it caused.

import { TcpFlag } from '../decode/types.ts';
import type { PacketRow } from '../timeline/types.ts';
import type { ConnectionIndex, FrameEvents } from './connection-index.ts';
import type { Side, Transition } from './types.ts';

export interface PacketContext {
  ix: ConnectionIndex;
  row: PacketRow;
  who: Side;
  peer: Side;
  events: FrameEvents | null;
  transitions: Transition[];
  /** Show the server's socket()/bind()/listen() on this step (first SYN to that server). */
  showListen: boolean;
}

export const has = (row: PacketRow, flag: number): boolean => (row.flags & flag) !== 0;
export const isSyn = (row: PacketRow): boolean => has(row, TcpFlag.SYN);
export const isFin = (row: PacketRow): boolean => has(row, TcpFlag.FIN);
export const isRst = (row: PacketRow): boolean => has(row, TcpFlag.RST);
export const isAck = (row: PacketRow): boolean => has(row, TcpFlag.ACK);

export function transitionsOf(row: PacketRow): Transition[] {
  const out: Transition[] = [];
  const sides = ['client', 'server'] as const;
  for (let i = 0; i < 2; i++) {
    const from = row.statesBefore[i]!;
    const to = row.states[i]!;
    if (from !== to) out.push({ side: sides[i]!, from, to });
  }
  return out;
}

export function moved(ctx: PacketContext, side: Side, to: string, from?: string): boolean {
  return ctx.transitions.some(
    (t) => t.side === side && t.to === to && (from === undefined || t.from === from),
  );
}
