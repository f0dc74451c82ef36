// A capture agent stand-in for CaptureController tests: a test drives its events by hand.
import { EventEmitter } from 'node:events';
import type { AgentHandle } from '../../electron/main/agent-handle.ts';
import type {
  CaptureErrorMessage,
  RecordMessage,
  StartRequest,
  StartedMessage,
  StatsMessage,
  StoppedMessage,
} from '../../electron/ipc/capture-protocol.ts';

export class FakeAgent
  extends EventEmitter<{
    record: [RecordMessage];
    stats: [StatsMessage];
    error: [CaptureErrorMessage];
    stopped: [StoppedMessage | null];
  }>
  implements AgentHandle
{
  readonly ready: Promise<StartedMessage>;
  resolve!: (m: StartedMessage) => void;
  reject!: (e: Error) => void;
  stopCalls = 0;

  constructor(readonly request: StartRequest) {
    super();
    this.ready = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }

  start(linkType = 1): void {
    this.resolve({
      backend: 'cap',
      device: this.request.device ?? 'lo',
      filter: this.request.filter ?? '',
      linkType,
      snapLength: 65535,
      timestampsExact: false,
      outFile: this.request.outFile,
      pid: 1234,
      execPath: '/usr/bin/node',
    });
  }

  record(frame: number, bytes = 60): void {
    this.emit('record', {
      frame,
      fileOffset: 0,
      tsSec: 1,
      tsNsec: frame,
      originalLength: bytes,
      timestampApproximate: true,
      data: new Uint8Array(bytes),
    });
  }

  async stop(): Promise<StoppedMessage | null> {
    this.stopCalls++;
    const m: StoppedMessage = {
      outFile: this.request.outFile,
      reason: 'requested',
      stats: {
        received: 3,
        dropped: null,
        droppedSource: 'cap',
        truncated: 0,
        parentDropped: 0,
        fileBytes: 100,
        final: true,
      },
    };
    this.emit('stopped', m);
    return m;
  }
}
