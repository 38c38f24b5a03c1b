// @vitest-environment happy-dom
/**
 * Script-injection payloads in every place a reader or a page can put text — KB fields, notes,
 * tags, quotes, titles, imported files — shown in the card, the save form, the popup and the
 * reading list, and written to exports. Each must appear as text and never run or add markup.
 */
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Card } from '../../components/Card';
import { PopupApp, type PopupDeps } from '../../components/PopupApp';
import { ReadingListApp } from '../../components/ReadingListApp';
import { SaveForm } from '../../components/SaveForm';
import { parseWebAnnotations, toMarkdown, toWebAnnotations } from '../../core/annotations/exchange';
import type { Highlight } from '../../core/annotations/types';
import type { KbEntry } from '../../core/kb/types';
import { USER_DB_NAME, UserStore } from '../../db/user-store';
import { defaultSettings } from '../../settings';

/** Each payload, if it ever ran or became markup, sets a flag or adds an element the test sees. */
export const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload="window.__xss=1">',
  "'><iframe src=\"javascript:window.__xss=1\"></iframe>",
  '<a href="javascript:window.__xss=1">click</a>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<style>*{display:none}</style>',
  '<details open ontoggle="window.__xss=1">',
  '`${window.__xss=1}`',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
];

/** Elements none of these views render themselves; a payload turned into markup would add one. */
const INJECTED = 'img, script, svg, iframe, a[href^="javascript"], style, math, mglyph, details[ontoggle], table';
let tried = 0;

function expectInert(container: ParentNode, shown: string) {
  tried++;
  expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  expect(container.querySelector(INJECTED)).toBeNull();
  // No element anywhere carries an event-handler attribute.
  expect([...container.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on')))).toEqual([]);
  expect(document.body.textContent).toContain(shown);
}

afterEach(() => {
  cleanup();
  delete (window as unknown as { __xss?: number }).__xss;
});

const entry = (p: string): KbEntry => ({
  id: 'yalta-conference',
  type: 'conference',
  name: p,
  aliases: {},
  summary: p,
  wikipedia: p,
  start: '1945-02-04',
  layer: 'curated',
  sources: [{ layer: 'curated', ref: 'x.yaml', licence: p }],
});

const highlight = (p: string, i: number): Highlight => ({
  id: `h${i}`,
  url: `https://news.example.com/${i}`,
  title: p,
  quote: { type: 'TextQuoteSelector', exact: `quote ${p}`, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: 0 },
  note: `note ${p}`,
  tags: [p.slice(0, 100)],
  entities: [{ id: 'x', name: `name ${p}` }],
  dates: [],
  createdAt: 1000 + i,
  updatedAt: 1000 + i,
});

describe.each(PAYLOADS)('payload %s', (p) => {
  it('stays text in a card, in every KB field, related chips and other meanings', () => {
    const noop = vi.fn();
    const { container } = render(
      <Card
        model={{ kind: 'entity', entry: entry(p), title: p, related: [entry(p)], alternatives: [{ id: 'a', name: p, type: 'person' }] }}
        onClose={noop}
        onOpen={noop}
        onPick={noop}
      />,
    );
    expectInert(container, p);
    const link = container.querySelector('a[href]') as HTMLAnchorElement;
    expect(link.href.startsWith('https://en.wikipedia.org/wiki/')).toBe(true);
  });

  it('stays text in the save form', () => {
    const { container } = render(<SaveForm model={{ kind: 'save', quote: p, found: [p] }} onSave={async () => undefined} onClose={() => undefined} />);
    expectInert(container, p);
  });

  it('stays text in the popup (recent notes, page index)', async () => {
    const deps: PopupDeps = {
      targetTab: async () => ({ id: 7, url: 'https://news.example.com/a', title: p }),
      send: (async (type: string) => (type === 'getStatus' ? { version: '1', kb: { state: 'none' } } : null)) as PopupDeps['send'],
      loadSettings: async () => defaultSettings(),
      updateSettings: async () => defaultSettings(),
      onSettingsChanged: () => () => undefined,
      pageIndex: async () => ({ read: true, mode: 'on', groups: [{ group: 'people', label: 'People', count: 1, entries: [{ key: 'x', label: p, count: 1, first: 0 }] }] }),
      readPage: async () => null,
      showMention: () => undefined,
      openReadingList: () => undefined,
      openOptions: () => undefined,
      recentNotes: async () => [highlight(p, 1)],
      savePage: async () => undefined,
      isPageSaved: async () => false,
      openHighlight: () => undefined,
    };
    const { container } = render(<PopupApp deps={deps} />);
    await screen.findByTestId('recent-notes');
    await screen.findByTestId('index-people');
    expectInert(container, `note ${p}`);
    expectInert(container, p);
  });

  it('stays text in the reading list, also when it arrives in an imported file', async () => {
    const store = await UserStore.open();
    try {
      const file = JSON.stringify(toWebAnnotations([highlight(p, 1)], [{ url: 'https://news.example.com/page', title: p, savedAt: 1, updatedAt: 1, read: false }], new Date(0)));
      const parsed = parseWebAnnotations(file);
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      await store.importAll(parsed.highlights, parsed.pages);
      const { container } = render(
        <ReadingListApp
          deps={{ store, openHighlight: async () => undefined, openPage: () => undefined, download: () => undefined, now: () => new Date(0), onMaybeChanged: () => () => undefined }}
        />,
      );
      await waitFor(() => expect(screen.getAllByTestId('highlight')).toHaveLength(1));
      expectInert(container, `quote ${p}`);
      expectInert(container, `note ${p}`);
      expectInert(container, `name ${p}`);
    } finally {
      cleanup();
      store.close();
      await new Promise((r) => (indexedDB.deleteDatabase(USER_DB_NAME).onsuccess = r));
    }
  });

  it('stays inert in the Markdown export: quoted, and front matter that parses to the same text', () => {
    tried++;
    const [file] = toMarkdown([highlight(p, 1)], [], new Date(0));
    const front = file.content.split('\n---\n')[0].replace(/^---\n/, '');
    expect(parseYaml(front).title).toBe(p);
    for (const line of file.content.split('\n').filter((l) => l.includes('quote '))) expect(line.startsWith('> ')).toBe(true);
    expect(file.filename).not.toMatch(/[<>"/\\]/);
  });
});

describe('payload count', () => {
  it('tried every payload in every place', () => {
    console.log(`[xss] ${PAYLOADS.length} payloads, ${tried} placements checked, 0 executed`);
    expect(tried).toBe(PAYLOADS.length * 8);
  });

  it('the check itself catches markup: a view that used innerHTML would fail it', () => {
    const { container } = render(<div dangerouslySetInnerHTML={{ __html: PAYLOADS[0] }} />);
    expect(() => expectInert(container, PAYLOADS[0])).toThrow();
    tried--;
  });
});
