// The detail view's stylesheet (scoped by the .wd class), using the app's theme variables with
// fallbacks so the component also stands alone.
export const DETAIL_CSS = `
.wd { display: flex; flex-direction: column; height: 100%; min-height: 0; font: 12px var(--mono, ui-monospace, monospace); color: var(--fg, #1d2330); background: var(--bg, #fff); }
.wd-tree { flex: 1 1 55%; overflow: auto; min-height: 80px; border-bottom: 1px solid var(--border, #d7dbe3); padding: 2px 0; }
.wd-tree ul { list-style: none; margin: 0; padding: 0; }
.wd-item > .wd-line { display: flex; align-items: center; gap: 4px; padding: 1px 6px; white-space: nowrap; cursor: pointer; }
.wd-item > .wd-line:hover { background: var(--bg-alt, #f5f6f8); }
.wd-item[aria-selected="true"] > .wd-line { background: var(--selection, #cfe0ff); color: var(--selection-fg, #0b1f44); }
.wd-twisty { width: 12px; flex: none; color: var(--fg-muted, #5c6578); text-align: center; }
.wd-label { overflow: hidden; text-overflow: ellipsis; }
.wd-layer > .wd-line .wd-label { font-weight: 600; }
.wd-diag { color: var(--danger, #b3261e); flex: none; }
.wd-hex { flex: 1 1 45%; overflow: auto; min-height: 80px; position: relative; }
.wd-hex-row { position: absolute; left: 0; right: 0; display: flex; gap: 14px; padding: 0 8px; height: 18px; line-height: 18px; white-space: pre; }
.wd-off { color: var(--fg-muted, #5c6578); width: 4.5em; flex: none; }
.wd-bytes, .wd-ascii { display: flex; }
.wd-b { padding: 0 3px; cursor: pointer; }
.wd-a { cursor: pointer; }
.wd-b.in-field, .wd-a.in-field { background: var(--selection, #cfe0ff); color: var(--selection-fg, #0b1f44); }
.wd-b:hover, .wd-a:hover { outline: 1px solid var(--accent, #2f6fde); }
.wd-b.gap { margin-left: 6px; }
.wd-empty { padding: 12px; color: var(--fg-muted, #5c6578); }
`;
