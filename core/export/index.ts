// Public API of core/export: HAR 1.2, Mermaid sequence diagrams, pcapng of selected connections,
// and the analysis JSON from what the UI holds. Pure: the renderer turns the results into files.
export {
  toHar,
  isoTime,
  type Har,
  type HarEntry,
  type HarOptions,
  type HarSource,
  type HarWebSocketMessage,
} from './har.ts';
export { toMermaid, mermaidText, type MermaidOptions } from './mermaid.ts';
export { selectedConnectionsPcapng, framesOfConnections, type ExportFrame } from './pcapng.ts';
export { analysisJsonOf } from './analysis-json.ts';
