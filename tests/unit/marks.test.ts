// @vitest-environment happy-dom
/**
 * Painting marks on a page that grows: ranges over unchanged text are reused, the registered
 * highlights change by difference, and on long pages only elements near the viewport carry marks.
 * happy-dom has no Highlight API or IntersectionObserver, so both are stood in for here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../core/detect/detector';
import { documentFromSegments } from '../../core/detect/document';
import { clearMentions, HIGHLIGHT_NAMES, BACKGROUND_NAMES, paintMentions } from '../../page/highlights';
import { MentionIndex } from '../../page/mention-index';
import { collectTextSegments } from '../../page/text-segments';

class FakeHighlight extends Set<Range> {}

/** Stands in for IntersectionObserver: the test says which elements are near the viewport. */
class FakeObserver {
  static last: FakeObserver | null = null;
  observed = new Set<Element>();
  constructor(private readonly callback: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void) {
    FakeObserver.last = this;
  }
  observe(el: Element) {
    this.observed.add(el);
    this.callback([{ target: el, isIntersecting: near.has(el) }]);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
  }
  scroll() {
    this.callback([...this.observed].map((target) => ({ target, isIntersecting: near.has(target) })));
  }
}

let near = new Set<Element>();
const registry = () => (window as unknown as { CSS: { highlights: Map<string, FakeHighlight> } }).CSS.highlights;
const painted = (name: string = HIGHLIGHT_NAMES.entity) => [...(registry().get(name) ?? [])].map((r) => r.toString());
const noPause = async () => undefined;

beforeEach(() => {
  const w = window as unknown as Record<string, unknown>;
  w.Highlight = FakeHighlight;
  w.IntersectionObserver = FakeObserver;
  Object.defineProperty(window, 'CSS', { value: { highlights: new Map() }, configurable: true });
  near = new Set();
  document.body.innerHTML = '';
});

afterEach(() => clearMentions(window as never));

/** Every occurrence of `name` in the page's text, as an entity mention. */
function read(name = 'Stalin') {
  const segments = collectTextSegments(document.body);
  const { text, segmentStarts } = documentFromSegments(segments);
  const mentions: Mention[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    mentions.push({ kind: 'entity', start: at, end: at + name.length, text: name, id: 'q', title: name, type: 'person', score: 1, candidates: [] });
  }
  return { segments, starts: segmentStarts, mentions };
}

const paint = (r: ReturnType<typeof read>, style: 'underline' | 'background' = 'underline', hidden: Array<'people'> = []) =>
  paintMentions(document, r.segments, r.starts, r.mentions, { style, hidden }, 8, noPause);

describe('paintMentions on a growing page', () => {
  it('keeps the ranges it painted and adds only the new ones', async () => {
    document.body.innerHTML = '<p id="a">Stalin spoke.</p>';
    expect(await paint(read())).toEqual({ entities: 1, dates: 0 });
    const before = [...registry().get(HIGHLIGHT_NAMES.entity)!];
    document.body.insertAdjacentHTML('beforeend', '<p>Later, Stalin left. Stalin again.</p>');
    expect(await paint(read())).toEqual({ entities: 3, dates: 0 });
    const after = [...registry().get(HIGHLIGHT_NAMES.entity)!];
    expect(after).toHaveLength(3);
    expect(after).toContain(before[0]);
    expect(painted()).toEqual(['Stalin', 'Stalin', 'Stalin']);
  });

  it('takes away marks whose text went, and a kind the reader hid', async () => {
    document.body.innerHTML = '<p>Stalin spoke.</p><p id="gone">Stalin left.</p>';
    await paint(read());
    document.getElementById('gone')!.remove();
    expect(await paint(read())).toEqual({ entities: 1, dates: 0 });
    expect(registry().get(HIGHLIGHT_NAMES.entity)!.size).toBe(1);
    expect(await paint(read(), 'underline', ['people'])).toEqual({ entities: 0, dates: 0 });
    expect(registry().get(HIGHLIGHT_NAMES.entity)!.size).toBe(0);
  });

  it('moves the marks to the other style’s highlights when the style changes', async () => {
    document.body.innerHTML = '<p>Stalin spoke.</p>';
    await paint(read());
    await paint(read(), 'background');
    expect(registry().has(HIGHLIGHT_NAMES.entity)).toBe(false);
    expect(painted(BACKGROUND_NAMES.entity)).toEqual(['Stalin']);
  });

  it('on a long page registers only the marks near the viewport, watching a few elements per chunk, and follows scrolling', async () => {
    document.body.innerHTML = Array.from({ length: 800 }, (_, i) => `<p id="p${i}">Stalin and Stalin, ${i}.</p>`).join('');
    const p = (i: number) => document.getElementById(`p${i}`)!;
    const registered = () => [...registry().get(HIGHLIGHT_NAMES.entity)!];
    const inside = (el: Element) => registered().filter((r) => el.contains(r.startContainer)).length;
    near = new Set([p(0), p(1)]);
    expect(await paint(read())).toEqual({ entities: 1600, dates: 0 });
    // The first chunk (four paragraphs) is registered; the observer watches one element in four.
    expect(inside(p(0))).toBe(2);
    expect(inside(p(1))).toBe(2);
    expect(registered()).toHaveLength(8);
    expect(FakeObserver.last!.observed.size).toBe(200);
    // More text arrives: in a registered paragraph it is registered at once, far down it is not.
    (p(0).firstChild as Text).appendData(' Stalin');
    document.body.insertAdjacentHTML('beforeend', '<p id="far">Stalin once more.</p>');
    expect(await paint(read())).toEqual({ entities: 1602, dates: 0 });
    expect(inside(p(0))).toBe(3);
    expect(registered()).toHaveLength(9);
    // The reader scrolls to the end: the last chunks are registered, the first no longer.
    near = new Set([document.getElementById('far')!]);
    FakeObserver.last!.scroll();
    expect(inside(p(0))).toBe(0);
    expect(inside(document.getElementById('far')!)).toBe(1);
    // The chunk before the one that came into view is registered too: its end is near.
    expect(inside(p(799))).toBe(2);
    expect(registered().length).toBeLessThan(20);
  }, 30_000); // 800 paragraphs in jsdom: seconds on a loaded machine
});

describe('MentionIndex', () => {
  it('finds the mention under a caret, across inline elements, and nothing just past it', () => {
    document.body.innerHTML = '<p>The Battle of <i>Khalkhin</i> Gol, 1939.</p>';
    const segments = collectTextSegments(document.body);
    const { text, segmentStarts } = documentFromSegments(segments);
    const start = text.indexOf('Battle');
    const battle: Mention = { kind: 'entity', start, end: text.indexOf(',') , text: 'Battle of Khalkhin Gol', id: 'b', title: 'Battle of Khalkhin Gol', type: 'battle', score: 1, candidates: [] };
    const year: Mention = { kind: 'date', start: text.indexOf('1939'), end: text.indexOf('1939') + 4, text: '1939', edtf: '1939', precision: 'year', inferred: false } as Mention;
    const index = new MentionIndex(segments, segmentStarts, [battle, year]);
    const [first, italic, last] = segments.map((s) => s.node);
    expect(index.at(first, 0)).toBeNull(); // "The"
    expect(index.at(first, 4)).toBe(0); // "Battle"
    expect(index.at(italic, 3)).toBe(0); // inside "Khalkhin"
    expect(index.at(last, last.data.indexOf('Gol') + 2)).toBe(0);
    expect(index.at(last, last.data.indexOf(','))).toBeNull();
    expect(index.at(last, last.data.indexOf('1939') + 3)).toBe(1);
    expect(index.at(last, last.data.length)).toBeNull();
    expect(index.at(document.body, 0)).toBeNull();
  });
});
