// When the live tests can run: as root (capture rights) with the `cap` addon built.
import { createRequire } from 'node:module';

function capLoads(): boolean {
  try {
    createRequire(import.meta.url)('cap');
    return true;
  } catch {
    return false;
  }
}

export const liveSkip: string | false =
  process.getuid?.() === 0 && capLoads() ? false : 'needs root and the cap addon (real capture on loopback)';
