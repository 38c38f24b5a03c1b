import 'fake-indexeddb/auto';
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../background/handlers';
import { describeRange } from '../../core/annotations/anchor';
import { parseWebAnnotations, toWebAnnotations } from '../../core/annotations/exchange';
import type { Highlight } from '../../core/annotations/types';
import { normaliseUrl } from '../../core/annotations/url';
import { KB_DB_NAME, KbStore } from '../../db/kb-store';
import { USER_DB_NAME, UserStore } from '../../db/user-store';
import { isHighlightInput, MESSAGES, routeMessage, type HighlightInput, type SenderInfo } from '../../messaging';

const PAGE = 'https://news.example.com/2025/soviet-japanese-war';
const TEXT =
  'On August 9, 1945, the Red Army crossed into Manchuria. The Kwantung Army, once the pride of Japan, collapsed within days. ' +
  'Stalin had promised at the Yalta Conference to enter the war three months after Germany surrendered.';

function input(id: string, exact: string, note = ''): HighlightInput {
  const start = TEXT.indexOf(exact);
  const { quote, position } = describeRange(TEXT, start, start + exact.length);
  return { id, title: 'How the war in the East ended', quote, position, note, tags: [], entities: [], dates: [] };
}

function highlight(id: string, exact: string, extra: Partial<Highlight> = {}): Highlight {
  return { ...input(id, exact), url: PAGE, createdAt: 1000, updatedAt: 1000, ...extra };
}

async function wipe(name: string) {
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

let store: UserStore;
beforeEach(async () => {
  store = await UserStore.open();
});
afterEach(async () => {
  store.close();
  await wipe(USER_DB_NAME);
});

describe('normaliseUrl', () => {
  it('drops tracking parameters and the fragment, keeps the meaningful query', () => {
    expect(normaliseUrl('https://News.Example.com:443/a/b?id=7&utm_source=x&utm_medium=y&fbclid=abc&gclid=1&page=2#comments')).toBe(
      'https://news.example.com/a/b?id=7&page=2',
    );
    expect(normaliseUrl('http://example.com/story?utm_campaign=z')).toBe('http://example.com/story');
    expect(normaliseUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseUrl('not a url')).toBeNull();
  });
});

describe('UserStore', () => {
  it('saves a highlight once however often the same save arrives', async () => {
    const h = highlight('a1', 'The Kwantung Army');
    await store.saveHighlight(h);
    await store.saveHighlight(h);
    await store.saveHighlight({ ...h, createdAt: 5000, updatedAt: 5000 });
    const all = await store.allHighlights();
    expect(all).toHaveLength(1);
    // A retry keeps the first save's time.
    expect(all[0].createdAt).toBe(1000);
  });

  it('never lets an older copy overwrite a newer edit', async () => {
    await store.saveHighlight(highlight('a1', 'The Kwantung Army', { note: 'new', updatedAt: 3000 }));
    await store.saveHighlight(highlight('a1', 'The Kwantung Army', { note: 'old', updatedAt: 2000 }));
    expect((await store.getHighlight('a1'))?.note).toBe('new');
  });

  it('edits notes and tags, deletes with undo, and lists recent notes newest first', async () => {
    await store.saveHighlight(highlight('a1', 'The Kwantung Army', { note: 'first' }));
    await store.saveHighlight(highlight('a2', 'Yalta Conference', { createdAt: 2000, updatedAt: 2000 }));
    await store.saveHighlight(highlight('a3', 'Manchuria', { note: 'third', createdAt: 3000, updatedAt: 3000 }));
    const edited = await store.updateHighlight('a1', { note: 'edited', tags: ['manchuria'] }, 9000);
    expect(edited).toMatchObject({ note: 'edited', tags: ['manchuria'], updatedAt: 9000, createdAt: 1000 });
    expect((await store.recentNotes(5)).map((h) => h.id)).toEqual(['a1', 'a3']);
    expect((await store.allHighlights()).map((h) => h.id)).toEqual(['a3', 'a2', 'a1']);
    const gone = await store.deleteHighlight('a3');
    expect((await store.allHighlights()).map((h) => h.id)).toEqual(['a2', 'a1']);
    await store.restoreHighlight(gone!);
    expect(await store.getHighlight('a3')).toEqual(gone);
    await expect(store.updateHighlight('missing', { note: 'x' })).rejects.toThrow(/no longer exists/);
  });

  it('records anchor states only for the page asked about, writing only changes', async () => {
    await store.saveHighlight(highlight('a1', 'The Kwantung Army'));
    await store.saveHighlight(highlight('b1', 'Manchuria', { url: 'https://other.example/' }));
    expect(await store.setAnchorStates(PAGE, [{ id: 'a1', state: 'orphan' }, { id: 'b1', state: 'orphan' }], 50)).toBe(1);
    expect(await store.setAnchorStates(PAGE, [{ id: 'a1', state: 'orphan' }], 60)).toBe(0);
    expect((await store.getHighlight('a1'))?.anchor).toEqual({ state: 'orphan', at: 50 });
    expect((await store.getHighlight('b1'))?.anchor).toBeUndefined();
  });

  it('keeps saved pages with their read state', async () => {
    await store.savePage(PAGE, 'War in the East', 100);
    await store.savePage(PAGE, '', 200);
    expect(await store.allPages()).toEqual([{ url: PAGE, title: 'War in the East', savedAt: 100, updatedAt: 100, read: false }]);
    expect(await store.setPageRead(PAGE, true, 300)).toMatchObject({ read: true, readAt: 300 });
    expect(await store.setPageRead(PAGE, false, 400)).not.toHaveProperty('readAt');
  });

  it('export → wipe → import gives back equal data; importing twice adds nothing', async () => {
    await store.saveHighlight(highlight('a1', 'The Kwantung Army', { note: 'Manchuria 🇨🇳 — «Квантунська армія»', tags: ['war', 'east'] }));
    await store.saveHighlight(highlight('a2', 'Yalta Conference', { createdAt: 2000, updatedAt: 2500, entities: [{ id: 'yalta-conference', name: 'Yalta Conference' }] }));
    await store.setAnchorStates(PAGE, [{ id: 'a2', state: 'found', method: 'exact' }], 70);
    await store.savePage(PAGE, 'War in the East', 100);
    const before = { highlights: await store.allHighlights(), pages: await store.allPages() };
    const file = JSON.stringify(toWebAnnotations(before.highlights, before.pages, new Date(0)));

    store.close();
    await wipe(USER_DB_NAME);
    store = await UserStore.open();
    expect(await store.counts()).toEqual({ highlights: 0, pages: 0 });

    const parsed = parseWebAnnotations(file);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(await store.importAll(parsed.highlights, parsed.pages)).toEqual({ added: 3, updated: 0, unchanged: 0 });
    expect({ highlights: await store.allHighlights(), pages: await store.allPages() }).toEqual(before);
    expect(await store.importAll(parsed.highlights, parsed.pages)).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(await store.counts()).toEqual({ highlights: 2, pages: 1 });
  });

  it('imports all or nothing: a failure midway leaves the store as it was', async () => {
    await store.saveHighlight(highlight('a1', 'The Kwantung Army'));
    const good = highlight('n1', 'Manchuria');
    // IndexedDB refuses a record it cannot clone; the first record of the batch must not stay.
    const bad = { ...highlight('n2', 'Yalta Conference'), note: (() => undefined) as unknown as string };
    await expect(store.importAll([good, bad], [])).rejects.toThrow();
    expect((await store.allHighlights()).map((h) => h.id)).toEqual(['a1']);
  });

  it('a malformed import file changes nothing', async () => {
    await store.saveHighlight(highlight('a1', 'The Kwantung Army'));
    for (const file of ['{', '[{"type":"Annotation"}]', JSON.stringify({ type: 'AnnotationCollection', first: { items: [{ target: { source: 'javascript:alert(1)' } }] } })]) {
      const parsed = parseWebAnnotations(file);
      expect(parsed.ok).toBe(false);
    }
    expect(await store.counts()).toEqual({ highlights: 1, pages: 0 });
  });

  it('is a separate database that a KB import never touches', async () => {
    await store.saveHighlight(highlight('a1', 'The Kwantung Army'));
    const kb = await KbStore.open();
    kb.close();
    await wipe(KB_DB_NAME);
    expect(await store.counts()).toEqual({ highlights: 1, pages: 0 });
  });
});

describe('highlight messages', () => {
  const SELF = { id: 'backstory-id', origin: 'chrome-extension://backstory-id/' };
  const CONTENT: SenderInfo = { id: SELF.id, url: `${PAGE}?utm_source=newsletter#top`, tab: { id: 4 }, frameId: 0 };
  const OTHER: SenderInfo = { ...CONTENT, url: 'https://elsewhere.example/' };
  beforeEach(() => fakeBrowser.reset());

  const handlers = () => {
    let t = 10_000;
    const opened: string[] = [];
    const h = createHandlers({
      version: '0',
      session: fakeBrowser.storage.session,
      userStore: async () => store,
      now: () => ++t,
      openTab: async (url) => {
        opened.push(url);
        return 77;
      },
    });
    return { h, opened };
  };

  it('files a save under the sender page (normalised), never an address from the message', async () => {
    const { h } = handlers();
    const saved = await h.saveHighlight(input('x1', 'Yalta Conference', 'promise'), CONTENT);
    expect(saved.url).toBe(PAGE);
    expect((await h.pageHighlights({}, CONTENT)).highlights.map((x) => x.id)).toEqual(['x1']);
    expect((await h.pageHighlights({}, OTHER)).highlights).toEqual([]);
    // The same id from another page is refused rather than moved.
    await expect(h.saveHighlight(input('x1', 'Yalta Conference'), OTHER)).rejects.toThrow(/another page/);
  });

  it('a save sent twice (a retry after a stopped worker) is stored once', async () => {
    const { h } = handlers();
    await h.saveHighlight(input('x1', 'Yalta Conference', 'n'), CONTENT);
    await h.saveHighlight(input('x1', 'Yalta Conference', 'n'), CONTENT);
    expect(await store.counts()).toEqual({ highlights: 1, pages: 0 });
  });

  it('opens a highlight in a tab and tells that tab once where to scroll', async () => {
    const { h, opened } = handlers();
    await h.saveHighlight(input('x1', 'Yalta Conference'), CONTENT);
    expect(await h.openHighlight({ id: 'x1' }, { id: SELF.id, url: `${SELF.origin}reading-list.html` })).toEqual({ opened: true });
    expect(opened).toEqual([PAGE]);
    const tab77 = { ...CONTENT, tab: { id: 77 } };
    expect((await h.pageHighlights({}, tab77)).scrollTo).toBe('x1');
    expect((await h.pageHighlights({}, tab77)).scrollTo).toBeNull();
    expect(await h.openHighlight({ id: 'gone' }, CONTENT)).toEqual({ opened: false });
  });

  it('a full disk gives the reader a clear reason, and nothing half-written', async () => {
    const full = {
      getHighlight: async () => null,
      saveHighlight: async () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    } as unknown as UserStore;
    const h = createHandlers({ version: '0', session: fakeBrowser.storage.session, userStore: async () => full });
    const SELF = { id: 'backstory-id', origin: 'chrome-extension://backstory-id/' };
    const reply = await routeMessage({ backstory: 1, type: 'saveHighlight', payload: input('q1', 'Yalta Conference', 'keep me') }, CONTENT, SELF, h);
    expect(reply).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringMatching(/no room left.*storage quota is full/) } });
  });

  it('validates saves strictly', () => {
    const ok = input('x1', 'Yalta Conference');
    expect(isHighlightInput(ok)).toBe(true);
    expect(MESSAGES.saveHighlight.from).toEqual(['content']);
    const bad: unknown[] = [
      { ...ok, url: 'https://evil.example/' },
      { ...ok, quote: { ...ok.quote, exact: '' } },
      { ...ok, quote: { ...ok.quote, exact: '   ' } },
      { ...ok, quote: { ...ok.quote, prefix: 'x'.repeat(33) } },
      { ...ok, position: { ...ok.position, start: -1 } },
      { ...ok, tags: [''] },
      { ...ok, tags: Array(51).fill('t') },
      { ...ok, note: 'x'.repeat(20_001) },
      { ...ok, entities: [{ id: 'a', name: 'b', extra: 1 }] },
      { ...ok, id: '' },
    ];
    for (const b of bad) expect(isHighlightInput(b)).toBe(false);
  });
});
