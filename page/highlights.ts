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
 * `sliceMs`, yielding to the page between them, and swaps the new highlights in at the end (on a
 * page with more than WINDOW_FROM marks, only those near the viewport are registered).
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
  const entity: Range[] = [];
  const date: Range[] = [];
  let until = performance.now() + sliceMs;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (marks.hidden.length && marks.hidden.includes(groupOf(m))) continue;
    const range = rangeFor(doc, segments, starts, m.start, m.end);
    if (range) (m.kind === 'entity' ? entity : date).push(range);
    if (i % 64 === 63 && performance.now() > until) {
      await yieldToPage();
      until = performance.now() + sliceMs;
    }
  }
  clearMentions(win);
  const names = marks.style === 'background' ? BACKGROUND_NAMES : HIGHLIGHT_NAMES;
  const entityHighlight = new win.Highlight();
  const dateHighlight = new win.Highlight();
  if (entity.length + date.length <= WINDOW_FROM) {
    for (const r of entity) entityHighlight.add(r);
    for (const r of date) dateHighlight.add(r);
  } else {
    paintNearViewport(win, [
      [entityHighlight, entity],
      [dateHighlight, date],
    ]);
  }
  win.CSS.highlights.set(names.entity, entityHighlight);
  win.CSS.highlights.set(names.date, dateHighlight);
  return { entities: entity.length, dates: date.length };
}

/** Above this many marks, only those near the viewport are registered (see paintNearViewport). */
const WINDOW_FROM = 1500;

let nearViewport: IntersectionObserver | null = null;

/**
 * On a long page, the browser repaints every registered highlight range whenever the set
 * changes, which on a page of tens of thousands of marks is a long task each time text arrives.
 * So only the marks of elements within a screen and a half of the viewport are registered; an
 * IntersectionObserver adds and removes the others as the reader scrolls. Every mark is still
 * found, counted and hoverable: hovering works from the mention offsets, not from this registry.
 */
function paintNearViewport(win: Window & typeof globalThis, sets: Array<[Highlight, Range[]]>): void {
  const byElement = new Map<Element, Array<[Highlight, Range]>>();
  for (const [highlight, ranges] of sets) {
    for (const range of ranges) {
      const node = range.startContainer;
      const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
      if (!el) continue;
      let list = byElement.get(el);
      if (!list) byElement.set(el, (list = []));
      list.push([highlight, range]);
    }
  }
  const observer = new win.IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        for (const [highlight, range] of byElement.get(e.target) ?? []) {
          if (e.isIntersecting) highlight.add(range);
          else highlight.delete(range);
        }
      }
    },
    { rootMargin: '150% 0px 150% 0px' },
  );
  for (const el of byElement.keys()) observer.observe(el);
  nearViewport = observer;
}

export function clearMentions(win: Window & typeof globalThis = window): void {
  nearViewport?.disconnect();
  nearViewport = null;
  if (!highlightApiAvailable(win)) return;
  for (const name of [...Object.values(HIGHLIGHT_NAMES), ...Object.values(BACKGROUND_NAMES)]) win.CSS.highlights.delete(name);
}
