/**
 * The reader's saved highlights on this page: found again on every read of the page (saved
 * position, then the exact quote, then a close match) and painted with their own highlight. One
 * that cannot be found is reported as an orphan and never painted on other text.
 */
import { anchor } from '../core/annotations/anchor';
import type { Highlight } from '../core/annotations/types';
import type { AnchorReport } from '../messaging';
import { highlightApiAvailable, rangeFor } from './highlights';
import type { TextSegment } from './text-segments';

export const SAVED_HIGHLIGHT = 'backstory-saved';

export interface Placed {
  highlight: Highlight;
  start: number;
  end: number;
}

/** Finds each highlight in the page text; returns those found and the report for all. */
export function placeHighlights(text: string, highlights: Highlight[]): { placed: Placed[]; reports: AnchorReport[] } {
  const placed: Placed[] = [];
  const reports: AnchorReport[] = [];
  for (const h of highlights) {
    const hit = anchor(text, h.quote, h.position);
    if (hit) {
      placed.push({ highlight: h, start: hit.start, end: hit.end });
      reports.push({ id: h.id, state: 'found', method: hit.method });
    } else reports.push({ id: h.id, state: 'orphan' });
  }
  return { placed, reports };
}

/** Paints the placed highlights (replacing earlier ones); returns how many were painted. */
export function paintSaved(doc: Document, segments: TextSegment[], starts: number[], placed: Placed[]): number {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win || !highlightApiAvailable(win)) return 0;
  const saved = new win.Highlight();
  // Above the entity and date marks where they overlap.
  saved.priority = 1;
  for (const p of placed) {
    const range = rangeFor(doc, segments, starts, p.start, p.end);
    if (range) saved.add(range);
  }
  win.CSS.highlights.set(SAVED_HIGHLIGHT, saved);
  return saved.size;
}

export function clearSaved(win: Window & typeof globalThis = window): void {
  if (highlightApiAvailable(win)) win.CSS.highlights.delete(SAVED_HIGHLIGHT);
}
