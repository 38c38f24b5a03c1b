/**
 * What a reader keeps: highlights (a quote on a page, with a note and tags) and saved pages.
 * Selectors follow the W3C Web Annotation model. Offsets in a TextPositionSelector are UTF-16
 * code units into the page's visible text as the content script joins it (core/detect/document.ts:
 * text nodes of one block run together, blocks are separated by a blank line).
 */

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  /** Up to 32 characters of text before the quote. */
  prefix: string;
  /** Up to 32 characters of text after the quote. */
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  /** UTF-16 code units into the joined visible text. */
  start: number;
  end: number;
}

export interface HighlightEntity {
  /** KB id. */
  id: string;
  /** The entry's name when saved, so search finds it without the KB. */
  name: string;
}

export interface HighlightDate {
  edtf: string;
  text: string;
}

/** Where a highlight was found when its page was last read. */
export interface AnchorState {
  state: 'found' | 'orphan';
  /** How it was found: its saved position, the exact quote elsewhere, or a close match. */
  method?: 'position' | 'exact' | 'fuzzy';
  at: number;
}

export interface Highlight {
  /** A UUID made where the highlight was first saved; saving again with it never duplicates. */
  id: string;
  /** Normalised (see core/annotations/url.ts). */
  url: string;
  title: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  note: string;
  tags: string[];
  entities: HighlightEntity[];
  dates: HighlightDate[];
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  anchor?: AnchorState;
}

export interface SavedPage {
  /** Normalised (see core/annotations/url.ts). */
  url: string;
  title: string;
  savedAt: number;
  updatedAt: number;
  read: boolean;
  readAt?: number;
}

/** Limits on what one highlight may hold: past them a save or an import is refused with a reason. */
export const LIMITS = {
  quote: 10_000,
  note: 20_000,
  tags: 50,
  tag: 100,
  title: 1_000,
  url: 4_000,
  entities: 200,
  dates: 200,
  id: 200,
} as const;

export const CONTEXT_LENGTH = 32;
