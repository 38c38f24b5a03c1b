import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { LIMITS } from '../core/annotations/types';

export interface SaveFormModel {
  kind: 'save';
  quote: string;
  /** Names and dates Backstory found inside the quote, shown so the reader knows they are kept. */
  found: string[];
  /** Opened in a private window: what is saved here stays after the window closes. */
  privateWindow?: boolean;
}

/** Tags as the reader types them: comma-separated, trimmed, without duplicates or a leading '#'. */
export function parseTags(raw: string): string[] {
  const out: string[] = [];
  for (const piece of raw.split(',')) {
    const tag = piece.trim().replace(/^#+/, '').slice(0, LIMITS.tag);
    if (tag && !out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  }
  return out.slice(0, LIMITS.tags);
}

const PREVIEW = 280;

/**
 * The note form for a new highlight. Saving can fail (a full disk, a stopped background): the
 * form then stays open with the note as typed and says what went wrong.
 */
export function SaveForm({
  model,
  onSave,
  onClose,
}: {
  model: SaveFormModel;
  onSave: (note: string, tags: string[]) => Promise<void>;
  onClose: () => void;
}): JSX.Element {
  const [note, setNote] = useState('');
  const [tags, setTags] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const busy = useRef(false);
  const quote = model.quote.length > PREVIEW ? `${model.quote.slice(0, PREVIEW)}…` : model.quote;

  const save = async () => {
    if (busy.current) return;
    busy.current = true;
    setState({ kind: 'saving' });
    try {
      await onSave(note, parseTags(tags));
      setState({ kind: 'saved' });
    } catch (err) {
      setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    } finally {
      busy.current = false;
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  return (
    <div class="card save-form" role="dialog" aria-label="Save highlight" aria-modal="false">
      <header class="card-head">
        <h2 class="card-title">Save highlight</h2>
        <button type="button" class="card-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <blockquote class="save-quote">{quote}</blockquote>
      {model.found.length > 0 && <p class="muted save-found">Mentions: {model.found.join(', ')}</p>}
      {model.privateWindow && (
        <p class="save-private" role="note">
          Private window: a highlight you save goes to your reading list and stays there after this window closes.
        </p>
      )}
      {state.kind === 'saved' ? (
        <p class="save-done" role="status">
          Saved to your reading list.
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label class="field">
            <span>Note (optional)</span>
            <textarea data-autofocus rows={3} maxLength={LIMITS.note} value={note} onInput={(e) => setNote(e.currentTarget.value)} onKeyDown={onKeyDown} />
          </label>
          <label class="field">
            <span>Tags, separated by commas</span>
            <input type="text" value={tags} onInput={(e) => setTags(e.currentTarget.value)} onKeyDown={onKeyDown} />
          </label>
          {state.kind === 'error' && (
            <p class="error" role="alert">
              Not saved: {state.message} Your note is still here; try again.
            </p>
          )}
          <div class="save-actions">
            <button type="submit" class="button primary" disabled={state.kind === 'saving'}>
              {state.kind === 'saving' ? 'Saving…' : 'Save'}
            </button>
            <button type="button" class="button" onClick={onClose}>
              Cancel
            </button>
            <span class="muted save-hint">Ctrl+Enter saves</span>
          </div>
        </form>
      )}
    </div>
  );
}

/** The small button by a finished selection. */
export function SaveButton({ onClick, shortcut }: { onClick: () => void; shortcut?: string }): JSX.Element {
  return (
    <button type="button" class="save-button" data-autofocus title={shortcut ? `Save highlight (${shortcut})` : 'Save highlight'} onClick={onClick}>
      Save highlight
    </button>
  );
}
