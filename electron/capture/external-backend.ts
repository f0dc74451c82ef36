// Capture with tcpdump or Wireshark's dumpcap and read the pcap/pcapng stream they write to
// stdout. Kernel timestamps (exact, nanosecond with tcpdump's --time-stamp-precision=nano), full
// snap length (262144) and real drop counters — at the price of a second program. dumpcap is also
// the usual way to capture WITHOUT root on Linux (group "wireshark", capabilities on dumpcap).
// tcpdump needs --immediate-mode and -U: without them packets wait in TPACKET_V3 blocks and in
// stdio buffers and arrive late, or are lost when it is stopped (native-notes/loopback-quirks.md).
import { spawn, type ChildProcess } from 'node:child_process';
import { createCaptureReader } from '../../core/capture-file/open-capture.ts';
import type { CaptureReader } from '../../core/capture-file/types.ts';
import type { CaptureBackend } from '../ipc/capture-protocol.ts';
import type { Backend, BackendEvents, BackendInfo, BackendOptions, DropCounters } from './backend.ts';
import { CaptureFailure } from './backend.ts';
import { classifyCaptureError } from './capture-errors.ts';
import { defaultLoopbackName } from './device-pick.ts';

/** libpcap's names (pcap_datalink_val_to_name) as tcpdump prints them in "listening on ... link-type X". */
const DLT_BY_NAME: Record<string, number> = {
  NULL: 0,
  EN10MB: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
};

const START_TIMEOUT_MS = 10_000;
/**
 * Kernel ring size (tcpdump -B is in KiB, dumpcap -B in MiB). In immediate mode libpcap uses a
 * TPACKET_V2 ring of fixed slots each sized for the largest packet (~64 KiB on lo), so the default
 * 2 MiB holds only a few dozen packets and a capturer briefly starved of CPU drops (seen here).
 */
const RING_KIB = 32 * 1024;

export class ExternalBackend implements Backend {
  private child: ChildProcess | null = null;
  private reader: CaptureReader | null = null;
  private stderr = '';
  private dropped: number | null = null;
  private dropSource = '';
  private exited: Promise<void> = Promise.resolve();
  private stopping = false;
  private ready = false;
  private lastPoll = 0;

  constructor(
    private readonly kind: Exclude<CaptureBackend, 'cap'>,
    private readonly options: BackendOptions,
    private readonly program: string = kind,
  ) {
    this.dropSource = `not yet reported by ${kind}`;
  }

  start(events: BackendEvents): Promise<BackendInfo> {
    const device = this.options.device || defaultLoopbackName();
    const filter = this.options.filter;
    const args =
      this.kind === 'tcpdump'
        ? [
            '-i',
            device,
            '-s',
            '0',
            '-B',
            String(RING_KIB),
            '--immediate-mode',
            '-U',
            '-n',
            '--time-stamp-precision=nano',
            '-w',
            '-',
          ]
        : ['-i', device, '-B', String(RING_KIB / 1024), '-q', '-w', '-'];
    if (filter) args.push(...(this.kind === 'tcpdump' ? [filter] : ['-f', filter]));
    const child = spawn(this.program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((res) => child.once('close', () => res()));

    return new Promise<BackendInfo>((resolve, reject) => {
      let linkType: number | null = null;
      let settled = false;
      const settle = (err: CaptureFailure | null) => {
        if (settled) return;
        if (!err && (!this.ready || linkType === null)) return;
        settled = true;
        clearTimeout(timer);
        if (err) return reject(err);
        resolve({
          backend: this.kind,
          device,
          linkType: linkType!,
          snapLength: 262144,
          timestampsExact: true,
        });
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        settle(
          this.fail(`${this.kind} did not start within ${START_TIMEOUT_MS / 1000} s: ${this.stderr.trim()}`),
        );
      }, START_TIMEOUT_MS);

      this.reader = createCaptureReader({
        interface: (iface) => {
          linkType ??= iface.linkType;
          settle(null);
        },
        record: (rec) => events.packet(rec.data, rec.originalLength, rec.tsSec, rec.tsNsec),
        error: (e) => {
          const err = this.fail(`${this.kind} wrote an unreadable stream: ${e.message}`);
          if (settled) events.error({ ...err.detail, id: 'capture.failed' });
          else settle(err);
        },
      });
      child.stdout!.on('data', (chunk: Buffer) => this.reader!.push(chunk));
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (text: string) => {
        this.stderr += text;
        this.parseStats();
        // Counters repeat on every poll: keep the tail only (the start line is parsed before this).
        if (this.ready && this.stderr.length > 16384) this.stderr = this.stderr.slice(-4096);
        if (!this.ready) {
          const m = /listening on .*?, link-type (\w+)/.exec(this.stderr);
          if (m) {
            this.ready = true;
            linkType ??= DLT_BY_NAME[m[1]!] ?? null;
          } else if (/Capturing on /.test(this.stderr)) this.ready = true;
          settle(null);
        }
      });
      child.once('error', (e: NodeJS.ErrnoException) => {
        settle(
          new CaptureFailure({
            id: 'capture.backend.unavailable',
            message: `${this.program}: ${e.code === 'ENOENT' ? 'not installed' : e.message}`,
            howToFix:
              this.kind === 'tcpdump'
                ? 'Install tcpdump (Debian/Ubuntu: sudo apt-get install tcpdump; macOS has it) or use the cap backend.'
                : 'Install Wireshark (Debian/Ubuntu: sudo apt-get install wireshark-common) or use the cap backend.',
            fatal: true,
          }),
        );
      });
      child.once('close', (code) => {
        this.reader?.end();
        if (!settled) {
          settle(this.fail(this.errorText() || `${this.kind} exited with code ${code} before capturing`));
          return;
        }
        if (!this.stopping) {
          if (code !== 0)
            events.error(this.fail(this.errorText() || `${this.kind} exited with code ${code}`).detail);
          events.ended();
        }
      });
    });
  }

  async stop(drainMs: number): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.stopping = true;
    // dumpcap 4.0 has no immediate mode: packets wait in the TPACKET_V3 block until its read
    // timeout (250 ms) retires it, and a SIGINT before that loses them.
    const wait = drainMs > 0 && this.kind === 'dumpcap' ? Math.max(drainMs, 600) : drainMs;
    await new Promise((r) => setTimeout(r, wait));
    const kill = setTimeout(() => this.child?.kill('SIGKILL'), 5000);
    this.child.kill('SIGINT');
    await this.exited;
    clearTimeout(kill);
    this.parseStats();
  }

  /** tcpdump prints its counters on SIGUSR1 (Linux; SIGINFO on BSDs). Only once it has set up the handler. */
  pollStats(): void {
    if (
      this.kind === 'tcpdump' &&
      this.ready &&
      process.platform === 'linux' &&
      this.child?.exitCode === null
    )
      this.child.kill('SIGUSR1');
  }

  drops(): DropCounters {
    return { dropped: this.dropped, droppedSource: this.dropSource };
  }

  private parseStats(): void {
    const t = this.stderr;
    if (this.kind === 'tcpdump') {
      const all = [...t.matchAll(/(\d+) packets dropped by kernel/g)];
      const last = all[all.length - 1];
      if (last) {
        this.dropped = Number(last[1]);
        this.dropSource = 'tcpdump: packets dropped by kernel (pcap_stats ps_drop)';
      }
    } else {
      const all = [...t.matchAll(/Packets received\/dropped on interface '[^']*': (\d+)\/(\d+)/g)];
      const last = all[all.length - 1];
      if (last) {
        this.dropped = Number(last[2]);
        this.dropSource = 'dumpcap: packets dropped on interface (pcap + dumpcap + ps_ifdrop)';
      }
    }
  }

  /** The stderr lines that explain a failure, without tcpdump's banner and counters. */
  private errorText(): string {
    return this.stderr
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^(\d+ packets|Capturing on|File: |Packets)/.test(l) && !/listening on/.test(l))
      .map((l) => l.replace(/^(tcpdump|dumpcap): /, ''))
      .join('\n');
  }

  private fail(text: string): CaptureFailure {
    return new CaptureFailure(
      classifyCaptureError(text, { execPath: this.options.execPath, backend: this.kind }),
    );
  }
}
