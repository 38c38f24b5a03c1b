/** The card's styles: inside its own shadow root, in px, light and dark. */
export const CARD_CSS = `
:host { all: initial; }
.card { box-sizing: border-box; width: 340px; max-width: calc(100vw - 16px); max-height: min(420px, calc(100vh - 16px));
  overflow: auto; padding: 12px 14px; border-radius: 10px; border: 1px solid #d9d2c5; background: #fffdf9; color: #1f1d1a;
  box-shadow: 0 8px 28px rgba(0,0,0,.18); font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; text-align: left; }
.card-head { display: flex; align-items: flex-start; justify-content: space-between; gap: 8px; }
.card-title { margin: 0; font: 600 17px/1.3 Georgia, 'Times New Roman', serif; }
.card-close { all: unset; cursor: pointer; font-size: 18px; line-height: 18px; padding: 2px 6px; border-radius: 6px; color: #5f5a52; }
.card-close:focus-visible { outline: 2px solid #1b5fbf; }
.card-type { margin: 2px 0 6px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #8a4b12; }
.card-dates, .card-resolution { margin: 4px 0; }
.card-summary { margin: 6px 0; }
.card-sub { margin: 10px 0 4px; font-size: 13px; }
.card-list { margin: 0; padding-left: 18px; }
.card-source { margin: 8px 0 0; font-size: 12px; }
.chips { list-style: none; margin: 8px 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.chip { all: unset; cursor: pointer; font-size: 12px; padding: 2px 8px; border-radius: 999px; border: 1px solid #d9d2c5; }
.chip:hover, .chip:focus-visible { border-color: #8a4b12; outline: none; }
.link-button { all: unset; cursor: pointer; color: #8a4b12; text-decoration: underline; font-size: 13px; }
.link-button:focus-visible, .chip:focus-visible { outline: 2px solid #1b5fbf; outline-offset: 1px; }
.card-alt { margin-top: 6px; }
.muted { color: #6b655c; }
.error { color: #a1241b; }
a { color: #8a4b12; }
.card-actions { margin-top: 8px; display: flex; gap: 8px; align-items: center; }
.save-quote { margin: 8px 0; padding: 4px 10px; border-left: 3px solid #e0b84a; font-style: italic; white-space: pre-wrap; overflow-wrap: anywhere; }
.save-found { margin: 4px 0; font-size: 12px; }
.field { display: flex; flex-direction: column; gap: 3px; margin: 8px 0; font-size: 13px; }
.field textarea, .field input { all: unset; box-sizing: border-box; width: 100%; padding: 6px 8px; border: 1px solid #cfc7b9; border-radius: 6px;
  background: #ffffff; color: #1f1d1a; font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; white-space: pre-wrap; }
.field textarea { min-height: 60px; resize: vertical; }
.field textarea:focus-visible, .field input:focus-visible { outline: 2px solid #1b5fbf; outline-offset: 0; }
.save-actions { display: flex; gap: 8px; align-items: center; margin-top: 8px; }
.save-hint { font-size: 12px; margin-left: auto; }
.button { all: unset; cursor: pointer; font-size: 13px; padding: 5px 12px; border-radius: 6px; border: 1px solid #cfc7b9; background: #ffffff; color: #1f1d1a; }
.button.primary { background: #8a4b12; border-color: #8a4b12; color: #ffffff; }
.button:focus-visible, .save-button:focus-visible { outline: 2px solid #1b5fbf; outline-offset: 1px; }
.button[disabled] { opacity: .6; cursor: default; }
.save-done { margin: 8px 0 0; color: #2d6a2d; }
.save-button { all: unset; box-sizing: border-box; cursor: pointer; padding: 4px 10px; border-radius: 999px; background: #1f1d1a; color: #fffdf9;
  font: 600 12px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
@media (prefers-color-scheme: dark) {
  .card { background: #262421; color: #ece8e1; border-color: #45413b; box-shadow: 0 8px 28px rgba(0,0,0,.5); }
  .card-close, .muted { color: #b1aa9f; }
  .card-type, a, .link-button { color: #f0a65a; }
  .chip { border-color: #45413b; }
  .error { color: #ff8a80; }
  .field textarea, .field input, .button { background: #1c1b19; color: #ece8e1; border-color: #5a554d; }
  .button.primary { background: #f0a65a; border-color: #f0a65a; color: #1c1b19; }
  .save-done { color: #9fd89f; }
  .save-button { background: #ece8e1; color: #1c1b19; }
}
`;
