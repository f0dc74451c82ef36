// The steps view's stylesheet (theme variables from the app).

export const STEPS_CSS = `
.steps-view { display: flex; flex-direction: column; gap: 8px; padding: 6px 8px; min-height: 0; overflow: auto; height: 100%; box-sizing: border-box; }
.steps-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; position: sticky; top: 0; background: var(--bg, #fff); padding: 4px 0; z-index: 1; border-bottom: 1px solid var(--border, #d7dbe3); }
.steps-bar button { min-width: 2.2em; }
.steps-bar .steps-pos { margin-left: auto; color: var(--fg-muted, #5c6578); font-variant-numeric: tabular-nums; }
.steps-main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(180px, 0.55fr); gap: 10px; align-items: start; }
.step-annotation h3 { margin: 2px 0 6px; font-size: 15px; }
.step-annotation p { margin: 0 0 8px; line-height: 1.5; }
.step-why { font-size: 12px; color: var(--fg-muted, #5c6578); display: flex; flex-wrap: wrap; gap: 2px 8px; min-width: 0; }
.step-why a { color: var(--accent, #2f6fde); white-space: nowrap; }
.step-facts { font-size: 12px; }
.step-facts .facts-caption { display: block; font-weight: 600; margin-bottom: 2px; }
.step-facts dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 0 14px; margin: 0 0 6px; }
.step-facts dl > div { display: flex; justify-content: space-between; gap: 8px; border-bottom: 1px dotted var(--border, #d7dbe3); padding: 1px 0; min-width: 0; }
.step-facts dt { flex: 1 1 0; color: var(--fg-muted, #5c6578); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.step-facts dd { flex: 0 0 auto; max-width: 75%; margin: 0; font-family: var(--mono, monospace); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.step-facts dl.step dt { color: var(--fg, #1d2330); font-weight: 600; }
.step-facts dl.step { padding-bottom: 4px; border-bottom: 1px solid var(--border, #d7dbe3); }
.socket-lane { border-left: 3px solid var(--border, #d7dbe3); padding-left: 8px; font-size: 12px; }
.socket-lane h4 { margin: 2px 0 6px; }
.socket-side { margin-bottom: 8px; }
.socket-who { font-weight: 600; }
.socket-side ol { margin: 2px 0; padding-left: 1.2em; }
.socket-side code { font-weight: 700; }
.socket-side .inferred { font-size: 10px; border: 1px dashed var(--fg-muted, #5c6578); border-radius: 3px; padding: 0 3px; color: var(--fg-muted, #5c6578); }
.socket-note { color: var(--fg-muted, #5c6578); }
.socket-none { color: var(--fg-muted, #5c6578); margin: 2px 0; }
.steps-diagrams { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 10px; }
.state-diagram { margin: 0; border: 1px solid var(--border, #d7dbe3); border-radius: 6px; padding: 4px; background: var(--bg, #fff); }
.state-diagram figcaption { font-weight: 600; font-size: 12px; padding: 2px 4px; }
.state-diagram svg { width: 100%; height: auto; display: block; }
/* Quiz mode */
.steps-bar button[aria-pressed="true"] { background: var(--accent, #2f6fde); color: #fff; border-color: var(--accent, #2f6fde); }
.quiz-panel { border: 1px solid var(--accent, #2f6fde); border-radius: 6px; padding: 6px 10px; font-size: 13px; }
.quiz-panel h3 { margin: 2px 0 6px; font-size: 14px; }
.quiz-score { float: right; margin: 2px 0 4px 12px; font-weight: 600; font-variant-numeric: tabular-nums; }
.quiz-hint { margin: 0 0 6px; color: var(--fg-muted, #5c6578); }
.quiz-form fieldset { display: inline-flex; flex-wrap: wrap; gap: 4px 12px; border: 1px solid var(--border, #d7dbe3); border-radius: 4px; margin: 0 8px 6px 0; padding: 2px 8px 4px; vertical-align: top; }
.quiz-form legend { font-weight: 600; padding: 0 4px; }
.quiz-form label { white-space: nowrap; }
.quiz-endpoint { color: var(--fg-muted, #5c6578); font-family: var(--mono, monospace); font-size: 11px; }
.quiz-ack, .quiz-carry { display: inline-block; margin: 0 12px 6px 0; }
.quiz-ack input { width: 9em; }
.quiz-buttons { display: flex; gap: 6px; margin-top: 2px; }
.quiz-buttons button[type="submit"] { font-weight: 600; }
.quiz-feedback:focus { outline: 2px solid var(--accent, #2f6fde); outline-offset: 2px; }
.quiz-feedback ul { list-style: none; margin: 0; padding: 0; }
.quiz-feedback li { padding: 3px 0; border-bottom: 1px dotted var(--border, #d7dbe3); }
.quiz-feedback li.right .quiz-mark { color: #2e9d5b; font-weight: 700; }
.quiz-feedback li.wrong .quiz-mark { color: #d6456b; font-weight: 700; }
.quiz-feedback li.skipped { color: var(--fg-muted, #5c6578); }
.quiz-truth { font-family: var(--mono, monospace); }
.quiz-why { color: var(--fg-muted, #5c6578); font-size: 12px; }
`;
