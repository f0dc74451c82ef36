// The comparison view (the "Compare" tab): HTTP/1.0 short vs HTTP/1.1 keep-alive vs WebSocket.
export { CompareView, type CompareViewProps } from './compare-view.tsx';
export { CompareView as default } from './compare-view.tsx';
