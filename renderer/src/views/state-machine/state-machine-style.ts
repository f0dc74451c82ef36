// The state diagram's stylesheet, inside the <svg> so the figure is complete on its own; colours
// come from the app's theme variables with fallbacks.

export const STATE_MACHINE_CSS = `
.sm { font: 11px system-ui, sans-serif, "WenQuanYi Micro Hei"; }
.sm .node rect { fill: var(--bg-alt, #f5f6f8); stroke: var(--border, #9aa3b2); stroke-width: 1.2; }
.sm .node text { font: 600 11px ui-monospace, "DejaVu Sans Mono", monospace; text-anchor: middle; fill: var(--fg, #1d2330); }
.sm .node.current rect { fill: var(--accent, #2f6fde); stroke: var(--accent, #2f6fde); stroke-width: 2.5; }
.sm .node.current text { fill: #ffffff; }
.sm .edge path { fill: none; stroke: var(--fg-muted, #5c6578); stroke-width: 1.1; opacity: 0.55; }
.sm .edge text { font-size: 10px; fill: var(--fg-muted, #5c6578);
  paint-order: stroke; stroke: var(--bg, #ffffff); stroke-width: 3px; stroke-linejoin: round; }
.sm .edge.extra { display: none; }
.sm .edge.extra path { stroke-dasharray: 5 4; }
.sm .edge.taken { display: inline; }
.sm .edge.taken path { stroke: var(--mark-close, #d0342c); stroke-width: 2.6; opacity: 1; }
.sm .edge.taken text { fill: var(--mark-close, #d0342c); font-weight: 700; }
.sm .mk { fill: var(--fg-muted, #5c6578); opacity: 0.7; }
.sm .mk-on { fill: var(--mark-close, #d0342c); }
`;
