/**
 * The save form as the card shows it: an extension frame, so that the page cannot listen to the
 * keys the reader types into the note. See core/note-frame-protocol.ts.
 */
import { browser } from '@wxt-dev/webextension-polyfill/browser';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SaveFormModel } from '../components/SaveForm';
import { newId } from '../core/annotations/id';
import { NOTE_FRAME_PATH, type FromFrame, type NoteFrameInit, type ToFrame } from '../core/note-frame-protocol';

export function SaveFrame({
  model,
  theme,
  onSave,
  onClose,
}: {
  model: SaveFormModel;
  theme: 'auto' | 'light' | 'dark';
  onSave: (note: string, tags: string[]) => Promise<void>;
  onClose: () => void;
}): JSX.Element {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(280);
  // One nonce per form: only a message carrying it opens the frame's port.
  const [nonce] = useState(() => newId());
  const src = `${browser.runtime.getURL(NOTE_FRAME_PATH as '/')}#${nonce}`;
  const latest = useRef({ onSave, onClose });
  latest.current = { onSave, onClose };

  // The channel exists before the frame: its load can come before any effect runs.
  const [channel] = useState(() => new MessageChannel());

  useEffect(() => {
    const port = channel.port1;
    port.onmessage = async (e: MessageEvent<FromFrame>) => {
      const m = e.data;
      if (m.type === 'height' && Number.isFinite(m.height)) setHeight(Math.min(Math.max(m.height, 120), 600));
      else if (m.type === 'close') latest.current.onClose();
      else if (m.type === 'save') {
        let reply: ToFrame;
        try {
          if (!frame.current || !reallyShown(frame.current)) throw new Error('the page covers this form, so the click may not have been yours.');
          await latest.current.onSave(String(m.note), Array.isArray(m.tags) ? m.tags.map(String) : []);
          reply = { type: 'saved' };
        } catch (err) {
          reply = { type: 'error', message: err instanceof Error ? err.message : String(err) };
        }
        port.postMessage(reply);
      }
    };
    return () => port.close();
  }, [channel]);

  const onLoad = () => {
    const el = frame.current;
    if (!el) return;
    const init: NoteFrameInit = { backstory: 'note-frame', nonce, model, theme };
    // Only the extension's own frame can receive this (the target origin says so).
    el.contentWindow?.postMessage(init, new URL(src).origin, [channel.port2]);
    el.focus();
  };

  return <iframe ref={frame} class="note-frame" src={src} title="Save highlight" style={{ height: `${height}px` }} onLoad={onLoad} data-autofocus />;
}

/**
 * Whether the form's frame is on top where it is drawn: the page's topmost element at its centre
 * and corners must be Backstory's own host (a closed shadow root answers for its host).
 */
export function reallyShown(el: HTMLElement): boolean {
  const root = el.getRootNode();
  const host = root instanceof ShadowRoot ? root.host : el;
  if (!host.isConnected) return false;
  try {
    if (!host.matches(':popover-open')) return false;
  } catch {
    // No popovers in this browser: the hit test below still decides.
  }
  const r = el.getBoundingClientRect();
  if (r.width < 4 || r.height < 4) return false;
  const doc = el.ownerDocument;
  const points: Array<[number, number]> = [
    [r.left + r.width / 2, r.top + r.height / 2],
    [r.left + 2, r.top + 2],
    [r.right - 2, r.top + 2],
    [r.left + 2, r.bottom - 2],
    [r.right - 2, r.bottom - 2],
  ];
  const vw = doc.documentElement.clientWidth || innerWidth;
  const vh = doc.documentElement.clientHeight || innerHeight;
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x > vw || y > vh) continue; // off-screen corners say nothing
    if (doc.elementFromPoint(x, y) !== host) return false;
  }
  return true;
}
