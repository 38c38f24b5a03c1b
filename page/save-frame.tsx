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
