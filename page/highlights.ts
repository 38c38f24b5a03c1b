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

type Kind = 'entity' | 'date';

/** Above this many marks, only those near the viewport are registered (see nearViewportWindow). */
const WINDOW_FROM = 1500;

interface Mark {
  start: number;
  end: number;
  kind: Kind;
  /** Null when hidden by the reader's choice or when its text changed under us. */
  range: Range | null;
}

/**
 * What is painted now. Kept between paints so that a page that grows (comments, infinite scroll)
 * costs only its new marks: the marks over the unchanged start of the page keep their ranges,
 * and the registered highlights change by difference, never rebuilt.
 */
interface Painter {
  win: Window & typeof globalThis;
  names: { entity: string; date: string };
  hidden: string;
  highlights: Record<Kind, Highlight>;
  segments: TextSegment[];
  marks: Mark[];
  /** Set on long pages: only the marks of elements near the viewport are registered. */
  window: {
    observer: IntersectionObserver;
    byElement: Map<Element, Mark[]>;
    near: Set<Element>;
  } | null;
}

let painter: Painter | null = null;
/** Paints run one after another: each works from what the previous one left. */
let painting: Promise<unknown> = Promise.resolve();

/**
 * Paints these mentions as Backstory's highlights, in place of what was painted before. Works out
 * new ranges in slices of at most `sliceMs`, yielding to the page between them, then changes the
 * registered highlights by difference in one step.
 */
export function paintMentions(
  doc: Document,
  segments: TextSegment[],
  starts: number[],
  mentions: Mention[],
  marks: MarkOptions = DEFAULT_MARKS,
  sliceMs = 8,
  yieldToPage: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0)),
): Promise<PaintResult> {
  const run = painting.then(() => paint(doc, segments, starts, mentions, marks, sliceMs, yieldToPage));
  painting = run.catch(() => undefined);
  return run;
}

async function paint(
  doc: Document,
  segments: TextSegment[],
  starts: number[],
  mentions: Mention[],
  options: MarkOptions,
  sliceMs: number,
  yieldToPage: () => Promise<void>,
): Promise<PaintResult> {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win || !highlightApiAvailable(win)) return { entities: 0, dates: 0 };
  if (options.style === 'none') {
    clearMentions(win);
    return { entities: 0, dates: 0 };
  }
  const names = options.style === 'background' ? BACKGROUND_NAMES : HIGHLIGHT_NAMES;
  const hidden = [...options.hidden].sort().join();
  if (painter && (painter.win !== win || painter.names !== names || painter.hidden !== hidden)) clearMentions(win);
  // The marks before the first text node that changed keep their ranges, in order, while the
  // mentions there are the same.
  const old = painter?.marks ?? [];
  const oldSegments = painter?.segments ?? [];
  let same = 0;
  while (same < segments.length && same < oldSegments.length && segments[same].node === oldSegments[same].node && segments[same].text === oldSegments[same].text && segments[same].block === oldSegments[same].block) same++;
  const unchangedUntil = same < segments.length ? starts[same] : Infinity;
  let kept = 0;
  while (kept < mentions.length && kept < old.length) {
    const m = mentions[kept];
    const o = old[kept];
    if (m.end > unchangedUntil || m.start !== o.start || m.end !== o.end || m.kind !== o.kind || (o.range !== null) !== !(hidden && options.hidden.includes(groupOf(m)))) break;
    kept++;
  }
  const next: Mark[] = old.slice(0, kept);
  let until = performance.now() + sliceMs;
  for (let i = kept; i < mentions.length; i++) {
    const m = mentions[i];
    const shown = !(hidden && options.hidden.includes(groupOf(m)));
    next.push({ start: m.start, end: m.end, kind: m.kind, range: shown ? rangeFor(doc, segments, starts, m.start, m.end) : null });
    if (i % 64 === 63 && performance.now() > until) {
      await yieldToPage();
      until = performance.now() + sliceMs;
    }
  }
  const counts = { entity: 0, date: 0 };
  for (const m of next) if (m.range) counts[m.kind]++;
  const windowed = counts.entity + counts.date > WINDOW_FROM;
  // A new page, another mark style or set of hidden kinds, or a page crossing the long-page
  // line: register everything afresh.
  if (!painter || !!painter.window !== windowed) {
    clearMentions(win);
    painter = {
      win,
      names,
      hidden,
      highlights: { entity: new win.Highlight(), date: new win.Highlight() },
      segments: [],
      marks: [],
      window: windowed ? nearViewportWindow(win) : null,
    };
    win.CSS.highlights.set(names.entity, painter.highlights.entity);
    win.CSS.highlights.set(names.date, painter.highlights.date);
    kept = 0;
  }
  applyDifference(painter, painter.marks.slice(kept), next.slice(kept));
  painter.marks = next;
  painter.segments = segments;
  return { entities: counts.entity, dates: counts.date };
}

function applyDifference(p: Painter, gone: Mark[], added: Mark[]): void {
  for (const m of gone) if (m.range) p.highlights[m.kind].delete(m.range);
  if (!p.window) {
    for (const m of added) if (m.range) p.highlights[m.kind].add(m.range);
    return;
  }
  const { observer, byElement, near } = p.window;
  const goneByElement = new Map<Element, Set<Mark>>();
  for (const m of gone) {
    const el = m.range && elementOf(m.range);
    if (!el) continue;
    let set = goneByElement.get(el);
    if (!set) goneByElement.set(el, (set = new Set()));
    set.add(m);
  }
  for (const [el, set] of goneByElement) {
    const left = (byElement.get(el) ?? []).filter((m) => !set.has(m));
    if (left.length) byElement.set(el, left);
    else {
      byElement.delete(el);
      near.delete(el);
      observer.unobserve(el);
    }
  }
  for (const m of added) {
    const el = m.range && elementOf(m.range);
    if (!el) continue;
    const list = byElement.get(el);
    if (list) {
      list.push(m);
      if (near.has(el)) p.highlights[m.kind].add(m.range!);
    } else {
      byElement.set(el, [m]);
      // The observer then reports the element, near or not, and registers its marks if near.
      observer.observe(el);
    }
  }
}

function elementOf(range: Range): Element | null {
  const node = range.startContainer;
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/**
 * On a long page, the browser repaints every registered highlight range whenever the set
 * changes, which on a page of tens of thousands of marks is a long task each time text arrives.
 * So only the marks of elements within a screen and a half of the viewport are registered; an
 * IntersectionObserver adds and removes the others as the reader scrolls. Every mark is still
 * found, counted and hoverable: hovering works from the mention offsets, not from this registry.
 */
function nearViewportWindow(win: Window & typeof globalThis): NonNullable<Painter['window']> {
  const byElement = new Map<Element, Mark[]>();
  const near = new Set<Element>();
  const observer = new win.IntersectionObserver(
    (entries) => {
      if (!painter?.window || painter.window.observer !== observer) return;
      const { highlights } = painter;
      for (const e of entries) {
        const marks = byElement.get(e.target);
        if (!marks) continue;
        if (e.isIntersecting) near.add(e.target);
        else near.delete(e.target);
        for (const m of marks) {
          if (!m.range) continue;
          if (e.isIntersecting) highlights[m.kind].add(m.range);
          else highlights[m.kind].delete(m.range);
        }
      }
    },
    { rootMargin: '150% 0px 150% 0px' },
  );
  return { observer, byElement, near };
}

export function clearMentions(win: Window & typeof globalThis = window): void {
  painter?.window?.observer.disconnect();
  painter = null;
  if (!highlightApiAvailable(win)) return;
  for (const name of [...Object.values(HIGHLIGHT_NAMES), ...Object.values(BACKGROUND_NAMES)]) win.CSS.highlights.delete(name);
}
