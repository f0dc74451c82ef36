// Capture with the `cap` addon (libpcap/Npcap) inside the agent. cap 0.2.1 facts that shape this
// (native-notes/loopback-quirks.md): it opens with snaplen 65535 and immediate mode, copies every
// packet into the ONE Buffer given to open() (so each packet is used at once, never kept), and
// passes neither the kernel timestamp nor the wire length nor pcap_stats() to JavaScript.
import { createRequire } from 'node:module';
import type { Backend, BackendEvents, BackendInfo, BackendOptions, DropCounters } from './backend.ts';
import { CaptureFailure } from './backend.ts';
import { classifyCaptureError } from './capture-errors.ts';
import { pickLoopback, type DeviceInfo } from './device-pick.ts';
import { CAP_SNAPLEN, inferWireLength } from './wire-length.ts';

/** Large enough for any libpcap snaplen (262144, libpcap's MAXIMUM_SNAPLEN) should cap ever raise its own. */
const PACKET_BUFFER = 262144;
/** Kernel ring size asked of libpcap (pcap_set_buffer_size). */
const RING_BYTES = 16 * 1024 * 1024;

interface CapInstance {
  open(device: string, filter: string, bufSize: number, buffer: Buffer): string;
  close(): void;
  on(event: 'packet', fn: (nbytes: number, truncated: boolean) => void): void;
}
interface CapModule {
  Cap: { new (): CapInstance; deviceList(): DeviceInfo[] };
}

const LINK_TYPES: Record<string, number> = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LINKTYPE_LINUX_SLL: 113,
  IEEE802_11_RADIO: 127,
};

export function loadCap(): CapModule {
  const require = createRequire(import.meta.url);
  return require('cap') as CapModule;
}

export class CapBackend implements Backend {
  private cap: CapInstance | null = null;

  constructor(private readonly options: BackendOptions) {}

  async start(events: BackendEvents): Promise<BackendInfo> {
    let mod: CapModule;
    try {
      mod = loadCap();
    } catch (e) {
      throw new CaptureFailure({
        id: 'capture.backend.unavailable',
        message: `the cap addon does not load in this runtime: ${(e as Error).message}`,
        howToFix:
          'Rebuild cap for this runtime (npm rebuild cap; for Electron see native-notes/building-cap.md), or use the tcpdump/dumpcap backend.',
        docs: 'native-notes/building-cap.md',
        fatal: true,
      });
    }
    const { Cap } = mod;
    let device = this.options.device;
    if (!device) {
      let list: DeviceInfo[];
      try {
        list = Cap.deviceList();
      } catch (e) {
        throw this.fail((e as Error).message);
      }
      device = pickLoopback(list) ?? undefined;
      if (!device)
        throw new CaptureFailure({
          id: 'capture.device.not_found',
          message: `no loopback device among: ${list.map((d) => d.name).join(', ') || '(none)'}`,
          fatal: true,
        });
    }
    const cap = new Cap();
    const buffer = Buffer.alloc(PACKET_BUFFER);
    let linkName: string;
    try {
      linkName = cap.open(device, this.options.filter, RING_BYTES, buffer);
    } catch (e) {
      throw this.fail((e as Error).message);
    }
    this.cap = cap;
    const m = /^Unknown linktype (\d+)$/.exec(linkName);
    const linkType = m ? Number(m[1]) : (LINK_TYPES[linkName] ?? -1);
    cap.on('packet', (nbytes, truncated) => {
      const data = buffer.subarray(0, nbytes);
      // At the snap length (or cut by our buffer) the wire length is only in the IP header.
      const wire = nbytes >= CAP_SNAPLEN || truncated ? inferWireLength(linkType, data) : nbytes;
      events.packet(data, wire, null, 0);
    });
    return { backend: 'cap', device, linkType, snapLength: CAP_SNAPLEN, timestampsExact: false };
  }

  async stop(drainMs: number): Promise<void> {
    // Immediate mode delivers at once, but the last packets may still be in the poll queue.
    await new Promise((r) => setTimeout(r, drainMs));
    this.cap?.close();
    this.cap = null;
  }

  drops(): DropCounters {
    return {
      dropped: null,
      droppedSource:
        'unknown: cap 0.2.1 exposes no pcap_stats(), so kernel drops cannot be read (use the tcpdump or dumpcap backend for exact counts)',
    };
  }

  private fail(text: string): CaptureFailure {
    return new CaptureFailure(
      classifyCaptureError(text, { execPath: this.options.execPath, backend: 'cap' }),
    );
  }
}
