// Public API of the capture-file stage: push-based pcap/pcapng readers and a pcapng writer.

export type {
  CaptureError,
  CaptureFormat,
  CaptureInterface,
  CaptureReader,
  CaptureReaderOptions,
  CaptureRecord,
  CaptureSink,
  CaptureStatistics,
  CaptureWarning,
} from './types.ts';
export { createCaptureReader } from './open-capture.ts';
export { PcapReader } from './pcap-reader.ts';
export { PcapngReader } from './pcapng-reader.ts';
export { PcapngWriter } from './pcapng-writer.ts';
export type { WriterInterface, WriterPacket, WriterStatistics } from './pcapng-writer.ts';
export { TimestampScale } from './timestamp-scale.ts';
export * from './link-types.ts';
