// How the web server runs the capture agent: a plain child process (electron/capture/
// capture-client.ts), as the user who started `npm run web`, or as another one (`agent.uid`/`gid`,
// e.g. tests run it as `nobody` to meet a real missing permission). Capture rights belong to that
// process alone (native-notes/capture-permissions.md); the web server never opens a device.
import { startCapture, type CaptureOptions } from '../electron/capture/capture-client.ts';
import type { LaunchAgent } from '../electron/main/agent-handle.ts';

/** Counters often enough for a live view to look alive (the agent's default is once a second). */
export const WEB_STATS_INTERVAL_MS = 250;

export function childAgentLauncher(agent?: CaptureOptions['agent']): LaunchAgent {
  return (request) =>
    startCapture({ ...request, statsIntervalMs: request.statsIntervalMs ?? WEB_STATS_INTERVAL_MS, agent });
}
