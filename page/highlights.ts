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

/** Above this many marks, only those near the viewport are registered (see NearViewport). */
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
  /** Set on long pages: only the marks near the viewport are registered. */
  window: NearViewport | null;
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
  const shown = (m: Mention) => !(hidden && options.hidden.includes(groupOf(m)));
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
    if (m.end > unchangedUntil || m.start !== o.start || m.end !== o.end || m.kind !== o.kind || (o.range !== null) !== shown(m)) break;
    kept++;
  }
  const next: Mark[] = old.slice(0, kept);
  let until = performance.now() + sliceMs;
  for (let i = kept; i < mentions.length; i++) {
    const m = mentions[i];
    next.push({ start: m.start, end: m.end, kind: m.kind, range: shown(m) ? rangeFor(doc, segments, starts, m.start, m.end) : null });
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
      window: null,
    };
    if (windowed) painter.window = new NearViewport(win, painter.highlights);
    win.CSS.highlights.set(names.entity, painter.highlights.entity);
    win.CSS.highlights.set(names.date, painter.highlights.date);
    kept = 0;
  }
  applyDifference(painter, kept, next);
  painter.marks = next;
  painter.segments = segments;
  return { entities: counts.entity, dates: counts.date };
}

/** The marks before `kept` stay as painted; the painted ones after it go, and `next`'s come. */
function applyDifference(p: Painter, kept: number, next: Mark[]): void {
  for (let i = kept; i < p.marks.length; i++) {
    const m = p.marks[i];
    if (m.range) p.highlights[m.kind].delete(m.range);
  }
  if (p.window) p.window.update(p.marks, kept, next);
  else {
    for (let i = kept; i < next.length; i++) {
      const m = next[i];
      if (m.range) p.highlights[m.kind].add(m.range);
    }
  }
}

function elementOf(range: Range): Element | null {
  const node = range.startContainer;
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** A run of consecutive marks over a few elements; registered together. */
interface Chunk {
  /** The element of its first mark: the one the IntersectionObserver watches. */
  head: Element;
  /** Mark indexes [from, to). */
  from: number;
  to: number;
  /** Text offset of its first mark. */
  start: number;
  elements: number;
  last: Element;
  shown: boolean;
}

/** A chunk closes after this much text or this many elements, so that it is shorter than a screen. */
const CHUNK_CHARACTERS = 800;
const CHUNK_ELEMENTS = 4;

/**
 * On a long page only the marks near the viewport are registered with the browser: Chromium
 * rebuilds every registered mark whenever the page changes its DOM at all, so on a page that
 * keeps changing (infinite scroll, live tickers) each frame costs in proportion to the marks
 * registered. The marks are cut into chunks of a few consecutive elements, and one
 * IntersectionObserver watches each chunk's first element (the browser works out every watched
 * element's intersection on every frame, so fewer is cheaper): a chunk is registered while its
 * first element or the next chunk's is in view or within a tenth of a screen of it. Every mark
 * is still found, counted and hoverable: hovering works from the mention offsets, not from this
 * registry.
 */
class NearViewport {
  private readonly chunks: Chunk[] = [];
  private readonly byHead = new Map<Element, number>();
  private readonly near = new Set<Element>();
  private marks: Mark[] = [];
  readonly observer: IntersectionObserver;

  constructor(
    win: Window & typeof globalThis,
    private readonly highlights: Record<Kind, Highlight>,
  ) {
    this.observer = new win.IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const c = this.byHead.get(e.target);
          if (c === undefined) continue;
          if (e.isIntersecting) this.near.add(e.target);
          else this.near.delete(e.target);
          this.refresh(c);
          if (c > 0) this.refresh(c - 1);
        }
      },
      { rootMargin: '10% 0px 10% 0px' },
    );
  }

  /** `old`'s marks before `kept` are `next`'s too; those after were taken off already. */
  update(old: Mark[], kept: number, next: Mark[]): void {
    const { chunks } = this;
    // Chunks from `kept` on go; one that `kept` cuts keeps its start.
    for (let c = chunks[chunks.length - 1]; c && c.from >= kept; c = chunks[chunks.length - 1]) {
      chunks.pop();
      this.byHead.delete(c.head);
      this.near.delete(c.head);
      this.observer.unobserve(c.head);
    }
    const cut = chunks[chunks.length - 1];
    if (cut && cut.to > kept) {
      cut.to = kept;
      for (let i = kept - 1; i >= cut.from; i--) {
        const r = old[i].range;
        if (r) {
          cut.last = elementOf(r) ?? cut.last;
          break;
        }
      }
    }
    this.marks = next;
    for (let i = kept; i < this.marks.length; i++) {
      const m = this.marks[i];
      const el = m.range && elementOf(m.range);
      let c = chunks[chunks.length - 1];
      if (!el) {
        if (c) c.to = i + 1;
        continue;
      }
      if (c && (el === c.last || this.byHead.has(el) || (m.start - c.start < CHUNK_CHARACTERS && c.elements < CHUNK_ELEMENTS))) {
        if (el !== c.last) {
          c.elements++;
          c.last = el;
        }
        c.to = i + 1;
        if (c.shown) this.highlights[m.kind].add(m.range!);
      } else {
        c = { head: el, from: i, to: i + 1, start: m.start, elements: 1, last: el, shown: false };
        chunks.push(c);
        this.byHead.set(el, chunks.length - 1);
        // The observer then reports it, near or not, and the chunk is registered if near.
        this.observer.observe(el);
      }
    }
  }

  private refresh(c: number): void {
    const chunk = this.chunks[c];
    if (!chunk) return;
    const next = this.chunks[c + 1];
    const want = this.near.has(chunk.head) || (next !== undefined && this.near.has(next.head));
    if (want === chunk.shown) return;
    chunk.shown = want;
    for (let i = chunk.from; i < chunk.to; i++) {
      const m = this.marks[i];
      if (!m.range) continue;
      if (want) this.highlights[m.kind].add(m.range);
      else this.highlights[m.kind].delete(m.range);
    }
  }
}

export function clearMentions(win: Window & typeof globalThis = window): void {
  painter?.window?.observer.disconnect();
  painter = null;
  if (!highlightApiAvailable(win)) return;
  for (const name of [...Object.values(HIGHLIGHT_NAMES), ...Object.values(BACKGROUND_NAMES)]) win.CSS.highlights.delete(name);
}
