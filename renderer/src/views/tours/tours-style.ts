// The start screen's and tour player's stylesheet (theme variables from the app).

export const TOURS_CSS = `
.tour-start { width: 100%; max-width: 1100px; margin: 0 auto; padding: 18px 20px; box-sizing: border-box; overflow: auto; align-self: stretch; }
.tour-start h2 { margin: 0 0 4px; font-size: 18px; color: var(--fg, #1d2330); }
.tour-start .tour-start-lead { margin: 0 0 14px; color: var(--fg-muted, #5c6578); }
.tour-cards { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }
.tour-card { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; width: 100%; height: 100%; box-sizing: border-box; text-align: left; padding: 12px 14px; border: 1px solid var(--border, #d7dbe3); border-radius: 8px; background: var(--bg-pane, #fff); color: var(--fg, #1d2330); cursor: pointer; font: inherit; }
.tour-card:hover, .tour-card:focus-visible { border-color: var(--accent, #2f6fde); outline: none; box-shadow: 0 0 0 2px color-mix(in srgb, var(--accent, #2f6fde) 30%, transparent); }
.tour-card .tour-letter { font-size: 12px; color: var(--accent, #2f6fde); font-weight: 600; }
.tour-card strong { font-size: 15px; }
.tour-card .tour-summary { color: var(--fg-muted, #5c6578); font-size: 13px; line-height: 1.4; }
.tour-card .tour-meta { margin-top: auto; font-size: 12px; color: var(--fg-muted, #5c6578); font-family: var(--mono, monospace); }
.tour-start .tour-start-close { margin-top: 14px; }
.tour-player { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 4px 12px; align-items: center; padding: 8px 12px; border-bottom: 1px solid var(--border, #d7dbe3); background: color-mix(in srgb, var(--accent, #2f6fde) 8%, var(--bg, #fff)); }
.tour-player .tour-head { display: flex; gap: 10px; align-items: baseline; min-width: 0; }
.tour-player .tour-head strong { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.tour-player .tour-pos { color: var(--fg-muted, #5c6578); font-variant-numeric: tabular-nums; white-space: nowrap; }
.tour-player .tour-narration { grid-column: 1 / -1; margin: 0; line-height: 1.5; font-size: 14px; }
.tour-player .tour-fact { font-family: var(--mono, monospace); font-weight: 600; color: var(--accent, #2f6fde); overflow-wrap: anywhere; }
.tour-player .tour-controls { display: flex; gap: 6px; align-items: center; }
.tour-player .tour-keys { grid-column: 1 / -1; font-size: 12px; color: var(--fg-muted, #5c6578); }
.tour-player .tour-problems { grid-column: 1 / -1; color: var(--danger, #b3261e); font-size: 12px; margin: 0; }
`;
