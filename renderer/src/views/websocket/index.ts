// The WebSocket message view and its pure helpers.
export { WebSocketView, type WebSocketViewProps } from './websocket-view.tsx';
export {
  messageRows,
  filterMessages,
  carriersOf,
  prettyJson,
  hexDump,
  previewOf,
  opcodeName,
  type WsMessageRow,
  type WsTypeFilter,
} from './ws-messages.ts';
