/**
 * The card's styles: inside its own shadow root, in px. Colours come in light and dark pairs
 * (`light-dark()`); the root follows the system unless the reader chose a theme.
 */
export const CARD_CSS = `
:host { all: initial; }
.root { color-scheme: light dark;
  --bg: light-dark(#fffdf9, #262421); --text: light-dark(#1f1d1a, #ece8e1); --muted: light-dark(#5f5a52, #b1aa9f);
  --border: light-dark(#d9d2c5, #45413b); --field: light-dark(#ffffff, #1c1b19); --field-border: light-dark(#a39a8b, #6b655c);
  --accent: light-dark(#8a4b12, #f0a65a); --accent-text: light-dark(#ffffff, #1c1b19); --focus: light-dark(#1b5fbf, #8cb8ff);
  --error: light-dark(#a1241b, #ff8a80); --ok: light-dark(#2d6a2d, #9fd89f); --shadow: light-dark(rgba(0,0,0,.18), rgba(0,0,0,.5)); }
.root.light { color-scheme: light; }
.root.dark { color-scheme: dark; }
.card { box-sizing: border-box; width: 340px; max-width: calc(100vw - 16px); max-height: min(420px, calc(100vh - 16px));
  overflow: auto; padding: 12px 14px; border-radius: 10px; border: 1px solid var(--border); background: var(--bg); color: var(--text);
  box-shadow: 0 8px 28px var(--shadow); font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; text-align: left; }
.card-head { display: flex; align-items: flex-start; justify-content: space-between; gap: 8px; }
.card-title { margin: 0; font: 600 17px/1.3 Georgia, 'Times New Roman', serif; }
.card-close { all: unset; cursor: pointer; font-size: 18px; line-height: 18px; padding: 2px 6px; border-radius: 6px; color: var(--muted); }
.card-close:focus-visible { outline: 2px solid var(--focus); }
.card-type { margin: 2px 0 6px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--accent); }
.card-dates, .card-resolution { margin: 4px 0; }
.card-summary { margin: 6px 0; }
.card-sub { margin: 10px 0 4px; font-size: 13px; }
.card-list { margin: 0; padding-left: 18px; }
.card-source { margin: 8px 0 0; font-size: 12px; }
.chips { list-style: none; margin: 8px 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.chip { all: unset; cursor: pointer; font-size: 12px; padding: 2px 8px; border-radius: 999px; border: 1px solid var(--border); }
.chip:hover { border-color: var(--accent); }
.link-button { all: unset; cursor: pointer; color: var(--accent); text-decoration: underline; font-size: 13px; }
.link-button:focus-visible, .chip:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.card-alt { margin-top: 6px; }
.muted { color: var(--muted); }
.error { color: var(--error); }
a { color: var(--accent); }
.card-actions { margin-top: 8px; display: flex; gap: 8px; align-items: center; }
.save-quote { margin: 8px 0; padding: 4px 10px; border-left: 3px solid #e0b84a; font-style: italic; white-space: pre-wrap; overflow-wrap: anywhere; }
.save-found { margin: 4px 0; font-size: 12px; }
.save-private { margin: 6px 0; padding: 6px 8px; font-size: 12px; border-radius: 6px; border: 1px solid var(--border); }
.field { display: flex; flex-direction: column; gap: 3px; margin: 8px 0; font-size: 13px; }
.field textarea, .field input { all: unset; box-sizing: border-box; width: 100%; padding: 6px 8px; border: 1px solid var(--field-border); border-radius: 6px;
  background: var(--field); color: var(--text); font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; white-space: pre-wrap; }
.field textarea { min-height: 60px; resize: vertical; }
.field textarea:focus-visible, .field input:focus-visible { outline: 2px solid var(--focus); outline-offset: 0; }
.save-actions { display: flex; gap: 8px; align-items: center; margin-top: 8px; }
.save-hint { font-size: 12px; margin-left: auto; }
.button { all: unset; cursor: pointer; font-size: 13px; padding: 5px 12px; border-radius: 6px; border: 1px solid var(--field-border); background: var(--field); color: var(--text); }
.button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
.button:focus-visible, .save-button:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.button[disabled] { opacity: .6; cursor: default; }
.save-done { margin: 8px 0 0; color: var(--ok); }
.save-button { all: unset; box-sizing: border-box; cursor: pointer; padding: 4px 10px; border-radius: 999px; background: var(--text); color: var(--bg);
  font: 600 12px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
/* The note form lives in an extension frame (the page cannot hear what the reader types there). */
.note-frame { display: block; box-sizing: border-box; width: 340px; max-width: calc(100vw - 16px); border: 1px solid var(--border);
  border-radius: 10px; background: var(--bg); box-shadow: 0 8px 28px var(--shadow); color-scheme: inherit; }
`;

/** The class of the element that holds a card or form: `root` plus the theme when one is chosen. */
export function rootClass(theme: 'auto' | 'light' | 'dark'): string {
  return theme === 'auto' ? 'root' : `root ${theme}`;
}
