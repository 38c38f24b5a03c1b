/**
 * Paints detected mentions as CSS Custom Highlights. Builds Ranges over the page's own text
 * nodes; adds no element, attribute or style to the page.
 */
import type { Mention } from '../core/detect/detector';
import { groupOf } from '../core/cards/page-index';
import { firstIndex } from '../core/spans';
import type { MarkGroup, MarkStyle } from '../settings';
import type { TextSegment } from './text-segments';

export const HIGHLIGHT_NAMES = { entity: 'backstory-entity', date: 'backstory-date' } as const;
/** The same marks as a soft background (marks.css styles both sets). */
export const BACKGROUND_NAMES = { entity: 'backstory-entity-bg', date: 'backstory-date-bg' } as const;

export interface MarkOptions {
  style: MarkStyle;
  /** Kinds of mention the reader chose not to mark. */
  hidden: readonly MarkGroup[];
}

export const DEFAULT_MARKS: MarkOptions = { style: 'underline', hidden: [] };

export function highlightApiAvailable(win: Window = window): boolean {
  const css = (win as Window & { CSS?: { highlights?: unknown } }).CSS;
  return typeof css?.highlights === 'object' && typeof (win as Window & { Highlight?: unknown }).Highlight === 'function';
}

/**
 * Turns document offsets (segments joined as core/detect/document.ts joins them) back into a
 * DOM Range. Returns null when the text changed under us (the node no longer holds the text).
 */
export function rangeFor(doc: Document, segments: TextSegment[], starts: number[], start: number, end: number): Range | null {
  const a = firstIndex(starts.length, (i) => starts[i] > start) - 1;
  const b = firstIndex(starts.length, (i) => starts[i] >= end) - 1;
  if (a < 0 || b < 0) return null;
  const sa = segments[a];
  const sb = segments[b];
  const offA = start - starts[a];
  const offB = end - starts[b];
  if (offA > sa.text.length || offB > sb.text.length || sa.node.data !== sa.text || sb.node.data !== sb.text) return null;
  const range = doc.createRange();
  range.setStart(sa.node, offA);
  range.setEnd(sb.node, offB);
  return range;
}

export interface PaintResult {
  entities: number;
  dates: number;
}

/**
 * Replaces Backstory's highlights with these mentions. Builds the ranges in slices of at most
 * `sliceMs`, yielding to the page between them, and swaps the new highlights in at the end.
 */
export async function paintMentions(
  doc: Document,
  segments: TextSegment[],
  starts: number[],
  mentions: Mention[],
  marks: MarkOptions = DEFAULT_MARKS,
  sliceMs = 8,
  yieldToPage: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0)),
): Promise<PaintResult> {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win || !highlightApiAvailable(win)) return { entities: 0, dates: 0 };
  if (marks.style === 'none') {
    clearMentions(win);
    return { entities: 0, dates: 0 };
  }
  const entity = new win.Highlight();
  const date = new win.Highlight();
  let until = performance.now() + sliceMs;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (marks.hidden.length && marks.hidden.includes(groupOf(m))) continue;
    const range = rangeFor(doc, segments, starts, m.start, m.end);
    if (range) (m.kind === 'entity' ? entity : date).add(range);
    if (i % 64 === 63 && performance.now() > until) {
      await yieldToPage();
      until = performance.now() + sliceMs;
    }
  }
  clearMentions(win);
  const names = marks.style === 'background' ? BACKGROUND_NAMES : HIGHLIGHT_NAMES;
  win.CSS.highlights.set(names.entity, entity);
  win.CSS.highlights.set(names.date, date);
  return { entities: entity.size, dates: date.size };
}

export function clearMentions(win: Window & typeof globalThis = window): void {
  if (!highlightApiAvailable(win)) return;
  for (const name of [...Object.values(HIGHLIGHT_NAMES), ...Object.values(BACKGROUND_NAMES)]) win.CSS.highlights.delete(name);
}
