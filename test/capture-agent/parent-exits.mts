// Helper for capture-agent.test.ts (not a test): a parent that starts a capture and dies at once
// without stopping it. Prints the agent's pid; the agent must notice (stdin EOF), finish the file
// and exit rather than capture forever as an orphan.
import { startCapture } from '../../electron/capture/capture-client.ts';

const session = startCapture({ outFile: process.argv[2]!, filter: process.argv[3] ?? '' });
const info = await session.ready;
process.stdout.write(`${info.pid}\n`);
process.exit(0);
