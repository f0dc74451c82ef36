// The tour stage's public surface: tour definitions and resolving them against a capture.
export { TOURS, tourById } from './tours.ts';
export { resolveTour } from './resolve-tour.ts';
export { fillTemplate, placeholders } from './template.ts';
export { pickPacket, pickConnection } from './pick.ts';
export type * from './types.ts';
