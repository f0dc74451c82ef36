// The ladder's stylesheet, put inside the <svg> as a <style> element so an exported SVG
// (R3's ladderSvgString) looks the same outside the app. Colours come from the app's theme
// variables when present, with fallbacks that make the SVG complete on its own.

export const LADDER_CSS = `
.wl { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, "WenQuanYi Micro Hei Mono", monospace; fill: var(--fg, #1d2330); }
.wl .bg { fill: var(--bg, #ffffff); }
.wl .lane { stroke: var(--fg-muted, #5c6578); stroke-width: 1; stroke-dasharray: 3 3; opacity: 0.6; }
.wl .lane-head rect { fill: var(--bg-alt, #f5f6f8); stroke: var(--border, #9aa3b2); }
.wl .lane-head text { font-weight: 600; text-anchor: middle; }
.wl .lane-head .role { font-weight: 400; fill: var(--fg-muted, #5c6578); font-size: 11px; }
.wl .arrow { stroke-width: 1.6; fill: none; }
.wl .arrow.syn { stroke: #2f7d32; } .wl .mk-syn { fill: #2f7d32; }
.wl .arrow.fin { stroke: #8e44ad; } .wl .mk-fin { fill: #8e44ad; }
.wl .arrow.rst { stroke: #c62828; stroke-width: 2.2; } .wl .mk-rst { fill: #c62828; }
.wl .arrow.data { stroke: #2f6fde; } .wl .mk-data { fill: #2f6fde; }
.wl .arrow.ack { stroke: #7d8799; } .wl .mk-ack { fill: #7d8799; }
.wl .dense path { fill: none; stroke-width: 1; }
.wl .dense .syn { stroke: #2f7d32; } .wl .dense .fin { stroke: #8e44ad; } .wl .dense .rst { stroke: #c62828; }
.wl .dense .data { stroke: #2f6fde; } .wl .dense .ack { stroke: #7d8799; }
.wl .hit { stroke: transparent; stroke-width: 14; cursor: pointer; }
.wl .row { cursor: pointer; }
.wl .row:hover .arrow { stroke-width: 2.6; }
.wl .row .sel { fill: var(--selection, #cfe0ff); opacity: 0; }
.wl .row.selected .sel { opacity: 0.8; }
.wl .row.selected .arrow { stroke-width: 3; }
.wl .tcp { font-size: 11px; fill: var(--fg-muted, #5c6578); text-anchor: middle; }
.wl .app { font-size: 12px; font-weight: 700; text-anchor: middle; fill: var(--fg, #1d2330); }
.wl .meta { font-size: 11px; fill: var(--fg-muted, #5c6578); }
.wl .meta.frame { font-weight: 600; fill: var(--fg, #1d2330); }
.wl .glyph circle { stroke: none; }
.wl .glyph text { font-size: 10px; font-weight: 700; fill: #ffffff; text-anchor: middle; dominant-baseline: central; }
.wl .glyph.retransmission circle, .wl .glyph.rst circle { fill: #c62828; }
.wl .glyph.dup-ack circle, .wl .glyph.out-of-order circle { fill: #e65100; }
.wl .glyph.zero-window circle, .wl .glyph.lost circle { fill: #6a1b9a; }
.wl .glyph.diagnostic circle { fill: #b45309; }
.wl .band rect.fill { fill: var(--bg-alt, #f5f6f8); opacity: 0.9; }
.wl .band.k1 rect.fill { fill: var(--bg-pane, #fbfbfc); }
.wl .band rect.edge { fill: var(--accent, #2f6fde); }
.wl .band .title { font-size: 11px; font-weight: 600; fill: var(--accent, #2f6fde); cursor: pointer; }
.wl .band.collapsed rect.fill { fill: var(--row-websocket, #f0eafc); opacity: 0.9; }
.wl .gap path { fill: none; stroke: var(--border, #9aa3b2); stroke-width: 1.2; }
.wl .gap rect { fill: var(--bg, #ffffff); }
.wl .gap text { font-size: 11px; font-style: italic; fill: var(--fg-muted, #5c6578); text-anchor: middle; }
.wl .state { font-size: 10px; fill: var(--app-http, #2e9d5b); }
.wl.compact .tcp, .wl.compact .app, .wl.compact .state { display: none; }
.wl.tiny .band .title { display: none; }
`;
