export const EXIT = {
  ok: 0,
  damaged: 1,
  stopped: 2,
  internal: 70,
  usage: 64,
  cannotOpen: 66,
} as const;

/** An error meant for the user: printed as one line, no stack. */
export class CliError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
