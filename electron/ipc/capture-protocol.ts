// The message map between the capture agent (electron/capture/agent.ts) and its parent
// (electron/capture/capture-client.ts). Types only: the codec lives in electron/capture/frame-codec.ts.
//
// Wire format (both directions, over the agent's stdin/stdout pipes, or as one Uint8Array per
// message over Electron's utilityProcess parentPort):
//
//   frame   = u32le bodyLength, body            (bodyLength counts the body only)
//   body    = u8 code, payload
//   payload = UTF-8 JSON of the message type    (every message but `record`)
//           | RecordHeader (28 bytes), packet bytes   (`record`, see below)
//
// RecordHeader, little-endian: u32 frame, f64 fileOffset, u32 tsSec, u32 tsNsec, u32 originalLength,
// u32 flags (bit 0: the timestamp is approximate). capturedLength is the number of packet bytes.
// Binary rather than JSON because records are the hot path: no base64, no string building.

/** Which program captures: the `cap` addon in the agent, or an external capturer whose pcap(ng) stream the agent reads. */
export type CaptureBackend = 'cap' | 'tcpdump' | 'dumpcap';

/** parent → agent: open the device and start writing `outFile`. */
export interface StartRequest {
  /** Device name; default: the loopback device (lo, lo0, the Npcap loopback adapter). */
  device?: string;
  /** A BPF filter (pcap-filter(7)); empty = everything. */
  filter?: string;
  /** Ports whose traffic is never captured (the app's own servers): appended as `and not port N`. */
  excludePorts?: number[];
  /** The pcapng file the agent writes continuously. */
  outFile: string;
  /** Default 'cap'. */
  backend?: CaptureBackend;
  /** Flush the pending batch to the file and the parent at least this often (default 20 ms). */
  flushIntervalMs?: number;
  /** Send a `stats` message this often (default 1000 ms; 0 = only the final one). */
  statsIntervalMs?: number;
}

/** parent → agent: stop capturing, flush, close the file, answer `stopped`, exit. */
export type StopRequest = Record<string, never>;

/** agent → parent: the device is open and packets are being written. */
export interface StartedMessage {
  backend: CaptureBackend;
  device: string;
  /** The filter really applied (the user's filter plus the port exclusions). */
  filter: string;
  /** LINKTYPE_* of the device. */
  linkType: number;
  /** Bytes kept per packet. cap 0.2.1 hard-codes 65535 (see native-notes/loopback-quirks.md). */
  snapLength: number;
  /** False for `cap`: the agent stamps packets when they reach it (cap passes no kernel timestamps). */
  timestampsExact: boolean;
  outFile: string;
  /** The agent's process id (for the UI and for tests). */
  pid: number;
  /** The Node/Electron binary the agent runs in (what `setcap` must be applied to). */
  execPath: string;
}

/** One captured packet (decoded from the binary `record` frame). */
export interface RecordMessage {
  /** 1-based, as in the file the agent writes. */
  frame: number;
  /** Offset of this packet's Enhanced Packet Block in the agent's pcapng file. */
  fileOffset: number;
  tsSec: number;
  tsNsec: number;
  originalLength: number;
  timestampApproximate: boolean;
  /** The packet bytes (owned by the receiver). */
  data: Uint8Array;
}

/** agent → parent: counters. A counter the backend cannot know is null, never a guessed 0. */
export interface StatsMessage {
  /** Packets delivered to the agent (and written to the file). */
  received: number;
  /** Packets the kernel/driver dropped; null when the backend cannot tell (cap exposes no pcap_stats). */
  dropped: number | null;
  /** Why `dropped` is null, or where it came from. */
  droppedSource: string;
  /** Packets cut by the snap length (capturedLength < originalLength). */
  truncated: number;
  /** Records not streamed to the parent because it did not read fast enough (the file still has them). */
  parentDropped: number;
  /** Bytes written to the file so far. */
  fileBytes: number;
  /** True for the last stats before `stopped`. */
  final: boolean;
}

/** Stable ids of agent errors. */
export type CaptureErrorId =
  | 'capture.permission'
  | 'capture.filter.invalid'
  | 'capture.device.not_found'
  | 'capture.backend.unavailable'
  | 'capture.output.failed'
  | 'capture.options.invalid'
  | 'capture.failed';

/** agent → parent (and the client's own errors): a structured problem, never a crash dump. */
export interface CaptureErrorMessage {
  id: CaptureErrorId;
  /** The underlying text (libpcap's own message where there is one, e.g. "can't parse filter expression: syntax error"). */
  message: string;
  /** What the user can do, per OS; present for capture.permission and capture.backend.unavailable. */
  howToFix?: string;
  /** Where the longer explanation lives (a native-notes/ file). */
  docs?: string;
  /** True when the capture cannot continue (the agent exits after sending it). */
  fatal: boolean;
}

/** agent → parent: the last message; the file is complete and closed. */
export interface StoppedMessage {
  stats: StatsMessage;
  outFile: string;
  /** Why it stopped: asked to, the parent went away, the external capturer exited, or an error. */
  reason: 'requested' | 'parent-gone' | 'backend-exited' | 'error';
}

/** Every message by name. */
export interface CaptureMessageMap {
  start: StartRequest;
  stop: StopRequest;
  started: StartedMessage;
  record: RecordMessage;
  stats: StatsMessage;
  error: CaptureErrorMessage;
  stopped: StoppedMessage;
}

export type CaptureMessageName = keyof CaptureMessageMap;
export type ParentToAgent = 'start' | 'stop';
export type AgentToParent = Exclude<CaptureMessageName, ParentToAgent>;

/** The one-byte code of each message on the wire. */
export interface CaptureMessageCodes {
  start: 1;
  stop: 2;
  started: 3;
  record: 4;
  stats: 5;
  error: 6;
  stopped: 7;
}

export type CaptureMessage = {
  [K in CaptureMessageName]: { type: K; body: CaptureMessageMap[K] };
}[CaptureMessageName];
