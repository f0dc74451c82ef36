// Captures real loopback traffic to a pcap file with tcpdump (kernel timestamps, as root).
// Used by the sample/tour capture scripts and by the tests that make their own captures.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface LoopbackCapture {
  file: string;
  stop(): Promise<void>;
}

export function tcpdumpAvailable(): boolean {
  return spawnSync('tcpdump', ['--version'], { stdio: 'ignore' }).status === 0 && process.getuid?.() === 0;
}

/**
 * Starts tcpdump on `lo` writing `file`, with a BPF `filter` (e.g. "tcp port 41234").
 * Resolves once tcpdump says it is listening, so no packet of the scenario is missed.
 */
export function startTcpdump(file: string, filter: string, iface = 'lo'): Promise<LoopbackCapture> {
  const child: ChildProcess = spawn(
    'tcpdump', // --immediate-mode: without it packets wait in the kernel ring for up to a second and a
    // SIGINT before then loses them (TPACKET_V3 block timeout).
    ['-i', iface, '-s', '0', '-B', '32768', '--immediate-mode', '-U', '-w', file, '-n', filter],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  let started = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tcpdump did not start within 10 s: ${stderr}`));
    }, 10_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    const exited = new Promise<void>((res) =>
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (!started) reject(new Error(`tcpdump exited (${code}): ${stderr.trim()}`));
        res();
      }),
    );
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (process.env.WIRESTEP_DEBUG_TCPDUMP) process.stderr.write(d);
      if (!started && /listening on/.test(stderr)) {
        started = true;
        clearTimeout(timer);
        resolve({
          file,
          stop: async () => {
            // Let the last packets reach the kernel buffer before tcpdump flushes and exits.
            await new Promise((r) => setTimeout(r, 200));
            const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.kill('SIGINT');
            await exited;
            clearTimeout(kill);
          },
        });
      }
    });
  });
}
