// The bundled guided tours (teaching item 5), in the order the start screen lists them.
import type { TourDef, TourId } from './types.ts';
import { TCP_SAME_HANDSHAKE } from './tours/tcp-same-handshake.ts';
import { HTTP_SHORT_VS_KEEPALIVE } from './tours/http-short-vs-keepalive.ts';
import { SOCKET_API } from './tours/socket-api.ts';
import { WEBSOCKET_LIFE } from './tours/websocket-life.ts';
import { POLLING_OVERHEAD } from './tours/polling-overhead.ts';

export const TOURS: readonly TourDef[] = [
  TCP_SAME_HANDSHAKE,
  HTTP_SHORT_VS_KEEPALIVE,
  SOCKET_API,
  WEBSOCKET_LIFE,
  POLLING_OVERHEAD,
];

export function tourById(id: string): TourDef | undefined {
  return TOURS.find((t: TourDef) => t.id === (id as TourId));
}
