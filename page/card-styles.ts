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
@media (prefers-color-scheme: dark) {
  .card { background: #262421; color: #ece8e1; border-color: #45413b; box-shadow: 0 8px 28px rgba(0,0,0,.5); }
  .card-close, .muted { color: #b1aa9f; }
  .card-type, a, .link-button { color: #f0a65a; }
  .chip { border-color: #45413b; }
  .error { color: #ff8a80; }
}
`;
