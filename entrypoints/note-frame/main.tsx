import { render } from 'preact';
import { SaveForm } from '../../components/SaveForm';
import { isNoteFrameInit, type FromFrame, type ToFrame } from '../../core/note-frame-protocol';
import { CARD_CSS, rootClass } from '../../page/card-styles';

// The frame's whole job: show the note form and hand what the reader typed to the content script
// that opened it, over the port it was given (and only to it: the init message must carry the
// nonce from this frame's own address).
const nonce = location.hash.slice(1);
const sheet = new CSSStyleSheet();
sheet.replaceSync(`${CARD_CSS}\nhtml, body { margin: 0; overflow: hidden; } body { background: transparent; }
.card { width: 100%; max-width: none; max-height: none; border: 0; border-radius: 0; box-shadow: none; }`);
document.adoptedStyleSheets = [sheet];
const app = document.getElementById('app')!;

/**
 * Whether the reader can really see this form. Where the browser can tell (IntersectionObserver
 * with visibility tracking, Chromium), a form covered by anything the page draws over it, even a
 * transparent layer that lets clicks through, or faded or transformed by the page, is not visible,
 * and a save from it is refused: a page must not trick the reader into a click on Save.
 */
let visible: boolean | undefined;
try {
  const io = new IntersectionObserver(
    (entries) => {
      for (const e of entries) if ('isVisible' in e) visible = (e as IntersectionObserverEntry & { isVisible: boolean }).isVisible;
    },
    { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  io.observe(document.documentElement);
} catch {
  // No visibility tracking here: the content script's own check still applies.
}
const COVERED = 'the page draws something over this form, so the click may not have been yours.';

let started = false;
window.addEventListener('message', (event) => {
  if (started || event.source !== window.parent || !isNoteFrameInit(event.data, nonce) || !event.ports[0]) return;
  started = true;
  const port = event.ports[0];
  const send = (m: FromFrame) => port.postMessage(m);
  let pending: { resolve: () => void; reject: (e: Error) => void } | null = null;
  port.onmessage = (e: MessageEvent<ToFrame>) => {
    const p = pending;
    pending = null;
    if (e.data.type === 'saved') p?.resolve();
    else p?.reject(new Error(e.data.message));
  };
  const save = (note: string, tags: string[]) =>
    new Promise<void>((resolve, reject) => {
      if (visible === false) return reject(new Error(COVERED));
      pending = { resolve, reject };
      send({ type: 'save', note, tags });
    });
  app.className = rootClass(event.data.theme);
  render(<SaveForm model={event.data.model} onSave={save} onClose={() => send({ type: 'close' })} />, app);
  document.addEventListener('keydown', (e) => e.key === 'Escape' && send({ type: 'close' }));
  new ResizeObserver(() => send({ type: 'height', height: Math.ceil(document.documentElement.scrollHeight) })).observe(document.body);
  (document.querySelector('[data-autofocus]') as HTMLElement | null)?.focus();
});
