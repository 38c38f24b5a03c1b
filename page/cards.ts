/** Wires hover to cards: hit-test, dwell, fetch the card's data from the background, show it. */
import { browser } from '@wxt-dev/webextension-polyfill/browser';
import type { CardModel } from '../components/Card';
import { newId } from '../core/annotations/id';
import { dateBelongsTo, datesDisagree } from '../core/cards/format-dates';
import type { Mention } from '../core/detect/detector';
import { sendMessage, type DatedHitView, type Envelope } from '../messaging';
import { CardHost } from './card-host';
import { rangeFor } from './highlights';
import type { MentionIndex } from './mention-index';
import { caretAt, followPointer, type HoverTarget } from './pointer';
import { selectionSpan } from './selection-offsets';
import { watchSelection } from './selection-watch';
import type { TextSegment } from './text-segments';

/** A span of the page text the reader wants to keep. */
export interface Span {
  start: number;
  end: number;
  /** The page text the offsets index, as it was when the reader selected. */
  text: string;
  /** The new highlight's id, made once so that saving again never stores it twice. */
  id: string;
  /** The names and dates detection found inside the span. */
  mentions: Mention[];
}

/** Stores a highlight for a span of page text; rejects with a message for the reader. */
export type Saver = (span: Span, note: string, tags: string[]) => Promise<void>;

/** How long "Saved" stays on screen before the form closes by itself. */
const SAVED_LINGER_MS = 1200;

const transport = (message: Envelope) => browser.runtime.sendMessage(message);

export function startCards(doc: Document, delayMs: number, publishedAt: string | undefined, saver: Saver, theme: 'auto' | 'light' | 'dark' = 'auto') {
  let segments: TextSegment[] = [];
  let starts: number[] = [];
  let text = '';
  /** The span the selection button or the save form is about. */
  let saving: Span | null = null;
  /** A span of the text as it is now, with what it mentions. */
  const spanOf = (start: number, end: number): Span => ({
    start,
    end,
    text,
    id: newId(),
    mentions: (index?.mentions ?? []).filter((m) => m.start >= start && m.end <= end),
  });
  let index: MentionIndex | null = null;
  let openKey: string | null = null;
  let openRect: DOMRect | null = null;
  let openMention: Mention | null = null;
  /** "Not this one" choices, by the text of the name, for as long as the page is open. */
  const picked = new Map<string, string>();
  const controller = new AbortController();
  const host = new CardHost(doc, {
    onClose: () => close(),
    // A related entry's card is about that entry, not about the hovered name's other meanings.
    onOpen: (id) => showEntity(id, null),
    onPick: (id) => {
      if (openMention?.kind === 'entity') picked.set(openMention.text, id);
      showEntity(id, openMention);
    },
    onSave: () => saveMention(),
    onSaveButton: () => {
      if (saving && openRect) openSaveForm(saving, openRect);
    },
    onSubmitSave: async (note, tags) => {
      if (!saving) throw new Error('The selected text is no longer on the page.');
      await saver(saving, note, tags);
      const done = saving;
      setTimeout(() => {
        if (saving === done && host.kind === 'save') close();
      }, SAVED_LINGER_MS);
    },
  });

  host.setTheme(theme);

  // However a card closes (pointer leaving, Esc, its close button), the pointer forgets it too,
  // so hovering the same mark again reopens it.
  let pointer: { reset(): void; recheck(): void } | undefined;
  const close = () => {
    pointer?.reset();
    openKey = null;
    openRect = null;
    openMention = null;
    saving = null;
    host.hide();
  };
  /** The pointer left a hovered card: close it, but never a note the reader is writing. */
  const closeHover = () => {
    if (host.kind === 'save' || host.kind === 'save-button') {
      pointer?.reset();
      return;
    }
    close();
  };

  const openSaveForm = (span: Span, rect: DOMRect) => {
    saving = span;
    openRect = rect;
    const found = span.mentions.map((m) => (m.kind === 'entity' ? m.title : m.text)).filter((t, i, all) => all.indexOf(t) === i);
    // In a private window the reader should know a saved highlight outlives the window.
    const privateWindow = !!browser.extension?.inIncognitoContext;
    host.show({ kind: 'save', quote: span.text.slice(span.start, span.end), found, ...(privateWindow ? { privateWindow } : {}) }, rect, true);
  };

  /** The card's "Save highlight": the selection around the mention, or the mention itself. */
  const saveMention = () => {
    const m = openMention;
    const rect = openRect;
    if (!m || !rect) return;
    const sel = currentSelectionSpan();
    openSaveForm(sel && sel.start <= m.start && sel.end >= m.end ? sel : spanOf(m.start, m.end), rect);
  };

  const currentSelectionSpan = (): Span | null => {
    const sel = doc.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const got = selectionSpan(doc, segments, starts, text, sel.getRangeAt(0));
    return got && spanOf(got.start, got.end);
  };

  /** The end of a range, where the selection button goes. */
  const endRect = (range: Range): DOMRect => {
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
    const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
    return new DOMRect(last.right, last.top, 0, last.height);
  };

  /** The save shortcut or context menu: the form for the selection, or for the open card's name. */
  const saveSelection = (): boolean => {
    const sel = doc.getSelection();
    const span = currentSelectionSpan();
    if (span && sel) {
      openSaveForm(span, endRect(sel.getRangeAt(0)));
      return true;
    }
    if (openMention) {
      saveMention();
      return true;
    }
    return false;
  };

  const lookup = (x: number, y: number): HoverTarget | null => {
    if (!index) return null;
    const caret = caretAt(doc, x, y);
    if (!caret) return null;
    const i = index.at(caret.node, caret.offset);
    if (i === null) return null;
    const m = index.mentions[i];
    const range = rangeFor(doc, segments, starts, m.start, m.end);
    if (!range) return null;
    // The caret snaps to the nearest text: make sure the pointer is really on the words.
    const rect = [...range.getClientRects()].find((r) => x >= r.left - 2 && x <= r.right + 2 && y >= r.top - 2 && y <= r.bottom + 2);
    return rect ? { key: `${i}:${m.start}`, rect } : null;
  };

  const open = (target: HoverTarget, focus = false) => {
    // A note being written is never replaced by a card.
    if (host.kind === 'save') return;
    const i = Number(target.key.split(':')[0]);
    const m = index?.mentions[i];
    if (!m) return;
    openKey = target.key;
    openRect = target.rect;
    openMention = m;
    if (m.kind === 'entity') {
      showEntity(picked.get(m.text) ?? m.id, m, focus);
      return;
    }
    host.show({ kind: 'loading', title: m.text }, target.rect, focus);
    void loadDate(m).then((model) => {
      if (openKey === target.key) host.show(model, target.rect);
    });
  };

  /** Shows an entity's card where the open card is: for a hovered name, a related chip, or a pick. */
  const showEntity = (id: string, mention: Mention | null, focus = false) => {
    const key = openKey;
    const rect = openRect;
    if (!rect) return;
    host.show({ kind: 'loading', title: mention?.kind === 'entity' ? mention.title : '' }, rect, focus);
    void loadEntity(id, mention).then((model) => {
      if (openKey === key) host.show(model, rect);
    });
  };

  const failed = (title: string, err: unknown): CardModel => ({
    kind: 'error',
    title,
    message: `Backstory could not look this up: ${err instanceof Error ? err.message : String(err)}`,
  });

  const loadEntity = async (id: string, mention: Mention | null): Promise<CardModel> => {
    try {
      const [entry, related] = await Promise.all([sendMessage(transport, 'getEntry', { id }), sendMessage(transport, 'getRelated', { id })]);
      // The name's other meanings, when the card is for a hovered name.
      const others = mention?.kind === 'entity' ? [mention.id, ...mention.candidates.map((c) => c.id)].filter((c, i, all) => c !== id && all.indexOf(c) === i).slice(0, 4) : [];
      const alternatives = (await Promise.all(others.map((o) => sendMessage(transport, 'getEntry', { id: o }))))
        .filter((e): e is NonNullable<typeof e> => !!e)
        .map((e) => ({ id: e.id, name: e.name, type: e.type }));
      return { kind: 'entity', entry, title: entry?.name ?? id, publishedAt, related, alternatives };
    } catch (err) {
      return failed(id, err);
    }
  };

  const loadDate = async (m: Extract<Mention, { kind: 'date' }>): Promise<CardModel> => {
    try {
      const day = /^(\d{4}|XXXX)-(\d{2})-(\d{2})/.exec(m.edtf);
      const month = /^(\d{4})-(\d{2})(?![\d-]?\d)/.exec(m.edtf);
      const onThisDay = day ? await sendMessage(transport, 'onThisDay', { month: Number(day[2]), day: Number(day[3]) }) : [];
      let timeline: DatedHitView[] = [];
      if (day && day[1] !== 'XXXX') timeline = await around(Number(day[1]), `${day[1]}-${day[2]}-${day[3]}`, 14);
      else if (month) timeline = (await sendMessage(transport, 'inYears', { from: Number(month[1]), to: Number(month[1]) })).filter((h) => h.event.precision !== 'year');
      const namedElsewhere = await eventsDatedOtherwise(m);
      return { kind: 'date', mention: m, onThisDay, timeline, today: new Date().toISOString().slice(0, 10), publishedAt, ...(namedElsewhere.length ? { namedElsewhere } : {}) };
    } catch (err) {
      return failed(m.text, err);
    }
  };

  /** The event this date is given for, when the KB dates it otherwise ("the Yalta Conference on 14 February 1945"). */
  const eventsDatedOtherwise = async (m: Extract<Mention, { kind: 'date' }>) => {
    if (!index) return [];
    const ids = index.mentions
      .filter((o): o is Extract<Mention, { kind: 'entity' }> => o.kind === 'entity' && Math.abs(o.start - m.start) < 200 && dateBelongsTo(text, m, o))
      .map((o) => o.id)
      .filter((id, i, all) => all.indexOf(id) === i)
      .slice(0, 3);
    const entries = await Promise.all(ids.map((id) => sendMessage(transport, 'getEntry', { id })));
    return entries.filter((e): e is NonNullable<typeof e> => !!e && datesDisagree(m.edtf, e));
  };

  /** Dated facts within `days` of a day (the year before and after too, near New Year). */
  const around = async (year: number, iso: string, days: number) => {
    const hits = await sendMessage(transport, 'inYears', { from: year - 1, to: year + 1 });
    const at = Date.UTC(year, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
    return hits.filter((h) => {
      if (h.event.precision !== 'day' || !h.event.monthDay) return false;
      const t = Date.UTC(h.event.year, Number(h.event.monthDay.slice(0, 2)) - 1, Number(h.event.monthDay.slice(3, 5)));
      return Math.abs(t - at) <= days * 86_400_000;
    });
  };

  /** Opens the card for the mention at the caret or selection, with focus in the card (keyboard use). */
  const openAtSelection = () => {
    if (!index) return false;
    const sel = doc.getSelection();
    if (!sel || !sel.anchorNode) return false;
    const i = index.at(sel.anchorNode, sel.anchorOffset) ?? (sel.focusNode ? index.at(sel.focusNode, Math.max(0, sel.focusOffset - 1)) : null);
    if (i === null) return false;
    const m = index.mentions[i];
    const range = rangeFor(doc, segments, starts, m.start, m.end);
    if (!range) return false;
    open({ key: `${i}:${m.start}`, rect: range.getBoundingClientRect() }, true);
    return true;
  };

  pointer = followPointer(doc.defaultView!, {
    delayMs: () => delayMs,
    lookup,
    open,
    close: closeHover,
    overCard: (e) => host.contains(e),
    signal: controller.signal,
  });

  watchSelection(doc.defaultView!, {
    isOurs: (e) => host.contains(e),
    signal: controller.signal,
    onSelection: (range) => {
      // Only offer the button when nothing else is showing; a finished selection replaces it.
      if (host.kind !== 'none' && host.kind !== 'save-button') return;
      const got = range ? selectionSpan(doc, segments, starts, text, range) : null;
      if (!got || !range) {
        if (host.kind === 'save-button') close();
        return;
      }
      saving = spanOf(got.start, got.end);
      openRect = endRect(range);
      host.show({ kind: 'save-button' }, openRect);
    },
  });

  // Esc closes a card however it was opened.
  doc.defaultView!.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape' && host.isOpen()) close();
    },
    { capture: true, signal: controller.signal },
  );

  return {
    update(nextSegments: TextSegment[], nextStarts: number[], nextText: string, nextIndex: MentionIndex) {
      segments = nextSegments;
      starts = nextStarts;
      text = nextText;
      index = nextIndex;
      // A pointer already resting on a name that just got its mark opens its card too.
      pointer?.recheck();
    },
    openAtSelection,
    saveSelection,
    setTheme: (t: 'auto' | 'light' | 'dark') => host.setTheme(t),
    /** Opens the card of mention `i` by `rect`, with focus in it (the page index). */
    openMention(i: number, rect: DOMRect) {
      const m = index?.mentions[i];
      if (!m) return;
      open({ key: `${i}:${m.start}`, rect }, true);
    },
    /** The mentions detection found, for what a new highlight mentions. */
    mentions: () => index?.mentions ?? [],
    stop() {
      controller.abort();
      host.destroy();
    },
  };
}
