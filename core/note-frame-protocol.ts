/**
 * The note form runs in an extension frame inside the card, so the page cannot see what the
 * reader types (key events in a frame never reach the page's window). The content script and the
 * frame talk over a MessageChannel whose port is handed over once, with a nonce the page cannot
 * know (it is in the frame's address, inside a closed shadow root).
 */
import type { SaveFormModel } from '../components/SaveForm';

export const NOTE_FRAME_PATH = '/note-frame.html';

/** The content script's first message to the frame (with a MessagePort). */
export interface NoteFrameInit {
  backstory: 'note-frame';
  nonce: string;
  model: SaveFormModel;
  theme: 'auto' | 'light' | 'dark';
}

/** Frame → content script. */
export type FromFrame =
  | { type: 'height'; height: number }
  | { type: 'close' }
  | { type: 'save'; note: string; tags: string[] };

/** Content script → frame, answering a save. */
export type ToFrame = { type: 'saved' } | { type: 'error'; message: string };

export function isNoteFrameInit(data: unknown, nonce: string): data is NoteFrameInit {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  const m = d.model as Record<string, unknown> | undefined;
  return (
    d.backstory === 'note-frame' &&
    d.nonce === nonce &&
    typeof m === 'object' &&
    m !== null &&
    m.kind === 'save' &&
    typeof m.quote === 'string' &&
    Array.isArray(m.found) &&
    (m.found as unknown[]).every((f) => typeof f === 'string') &&
    (m.privateWindow === undefined || typeof m.privateWindow === 'boolean') &&
    (d.theme === 'auto' || d.theme === 'light' || d.theme === 'dark')
  );
}
