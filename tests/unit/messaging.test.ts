import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../background/handlers';
import {
  MESSAGES,
  ProtocolError,
  classifySender,
  routeMessage,
  sendMessage,
  type Envelope,
  type Handlers,
  type SenderInfo,
} from '../../messaging';

const SELF = { id: 'backstory-id', origin: 'chrome-extension://backstory-id/' };
const POPUP: SenderInfo = { id: SELF.id, url: 'chrome-extension://backstory-id/popup.html' };
const READING_LIST_TAB: SenderInfo = { id: SELF.id, url: 'chrome-extension://backstory-id/reading-list.html', tab: { id: 9 } };
const CONTENT: SenderInfo = { id: SELF.id, url: 'https://news.example.com/story', tab: { id: 4 }, frameId: 0 };

const msg = (type: string, payload: unknown = {}) => ({ backstory: 1, type, payload });

function handlers(): Handlers {
  return {
    getStatus: vi.fn(() => ({ version: '1.2.3', kb: { state: 'none' as const } })),
    reportPage: vi.fn(() => ({ received: true as const })),
    getTabReport: vi.fn(() => null),
    getEntry: vi.fn(() => null),
    findByAlias: vi.fn(() => []),
    getRelated: vi.fn(() => []),
    onThisDay: vi.fn(() => []),
    inYears: vi.fn(() => []),
    detect: vi.fn(() => ({ mentions: [], keep: 0, revision: 0, total: 0, ms: 0 })),
    detectMore: vi.fn(() => ({ stale: true as const })),
    saveHighlight: vi.fn(() => {
      throw new Error('not in these tests');
    }),
    pageHighlights: vi.fn(() => ({ highlights: [], scrollTo: null })),
    reportAnchors: vi.fn(() => ({ changed: 0 })),
    openHighlight: vi.fn(() => ({ opened: false })),
  };
}

describe('classifySender', () => {
  it('knows extension pages by their URL inside our origin, in a popup or a tab', () => {
    expect(classifySender(POPUP, SELF)).toBe('page');
    expect(classifySender(READING_LIST_TAB, SELF)).toBe('page');
    expect(classifySender(POPUP, { ...SELF, origin: 'chrome-extension://backstory-id' })).toBe('page');
  });

  it('knows content scripts by their tab and web URL', () => {
    expect(classifySender(CONTENT, SELF)).toBe('content');
  });

  it('refuses other extensions, missing ids, and senders that fit neither shape', () => {
    expect(classifySender({ ...POPUP, id: 'evil-extension' }, SELF)).toBe('foreign');
    expect(classifySender({ url: POPUP.url }, SELF)).toBe('foreign');
    expect(classifySender({ id: SELF.id, url: 'https://example.com/' }, SELF)).toBe('foreign'); // no tab
    expect(classifySender({ id: SELF.id, url: 'chrome-extension://other-id/x.html', tab: { id: 1 } }, SELF)).toBe('foreign');
    expect(classifySender({ id: SELF.id, url: 'chrome-extension://backstory-id.evil/x', tab: { id: 1 } }, SELF)).toBe('foreign');
    expect(classifySender({ id: SELF.id, url: 'file:///etc/passwd', tab: { id: 1 } }, SELF)).toBe('foreign');
  });
});

describe('routeMessage', () => {
  it('answers getStatus for pages and content scripts', async () => {
    const h = handlers();
    for (const sender of [POPUP, CONTENT]) {
      await expect(routeMessage(msg('getStatus'), sender, SELF, h)).resolves.toEqual({
        ok: true,
        value: { version: '1.2.3', kb: { state: 'none' } },
      });
    }
  });

  it('refuses page-only messages from content scripts without running the handler', async () => {
    const h = handlers();
    const reply = await routeMessage(msg('getTabReport', { tabId: 1 }), CONTENT, SELF, h);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.getTabReport).not.toHaveBeenCalled();
  });

  it('refuses content-only messages from extension pages', async () => {
    const h = handlers();
    const reply = await routeMessage(msg('reportPage', { active: true, segments: 1, characters: 1 }), POPUP, SELF, h);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.reportPage).not.toHaveBeenCalled();
  });

  it('refuses everything from outside the extension', async () => {
    const h = handlers();
    const reply = await routeMessage(msg('getStatus'), { id: 'other', url: 'https://evil.example/' }, SELF, h);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.getStatus).not.toHaveBeenCalled();
  });

  it.each<[unknown, string]>([
    ['not an object', 'getStatus'],
    [{ type: 'getStatus' }, 'no envelope marker'],
    [{ backstory: 1, type: 42 }, 'numeric type'],
    [msg('getTabReport', { tabId: -1 }), 'negative tab id'],
    [msg('getTabReport', { tabId: 1.5 }), 'fractional tab id'],
    [msg('getTabReport', { tabId: 1, extra: true }), 'extra keys'],
    [msg('getStatus', { sneaky: 1 }), 'payload where none is expected'],
    [msg('getTabReport', Object.assign(Object.create({ polluted: true }), { tabId: 1 })), 'non-plain object'],
  ])('refuses malformed input (%s: %s)', async (raw) => {
    const h = handlers();
    const reply = await routeMessage(raw, POPUP, SELF, h);
    expect(reply.ok).toBe(false);
    expect(h.getTabReport).not.toHaveBeenCalled();
  });

  it('refuses unknown types, including inherited property names', async () => {
    for (const type of ['dropAllTables', 'constructor', '__proto__', 'toString']) {
      const reply = await routeMessage(msg(type), POPUP, SELF, handlers());
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    }
  });

  it('validates KB queries: real months and days, bounded year ranges, bounded ids', () => {
    expect(MESSAGES.onThisDay.validate({ month: 8, day: 9 })).toBe(true);
    expect(MESSAGES.onThisDay.validate({ month: 13, day: 9 })).toBe(false);
    expect(MESSAGES.onThisDay.validate({ month: 8, day: 0 })).toBe(false);
    expect(MESSAGES.inYears.validate({ from: 1941, to: 1945 })).toBe(true);
    expect(MESSAGES.inYears.validate({ from: 0, to: 9999 })).toBe(false);
    expect(MESSAGES.getEntry.validate({ id: 'x'.repeat(201) })).toBe(false);
    expect(MESSAGES.findByAlias.validate({ name: '' })).toBe(false);
  });

  it('validates detect requests and refuses oversized pages', () => {
    const v = MESSAGES.detect.validate;
    expect(v({ segments: [{ text: 'Stalin', block: 0 }], facts: { publishedAt: '2025-11-29' } })).toBe(true);
    expect(v({ segments: [{ text: 'x', block: 0, role: 'meta' }] })).toBe(true);
    expect(v({ segments: [{ text: 'x', block: -1 }] })).toBe(false);
    expect(v({ segments: [{ text: 'x', block: 0, role: 'admin' }] })).toBe(false);
    expect(v({ segments: [{ text: 'x', block: 0, html: '<b>' }] })).toBe(false);
    expect(v({ segments: 'Stalin' })).toBe(false);
    expect(v({ segments: [{ text: 'x'.repeat(5_000_001), block: 0 }] })).toBe(false);
    expect(v({ segments: [], facts: { publishedAt: 'x'.repeat(65) } })).toBe(false);
  });

  it('validates reportPage strictly', () => {
    const v = MESSAGES.reportPage.validate;
    expect(v({ active: true, segments: 3, characters: 40 })).toBe(true);
    expect(v({ active: false, reason: 'site-off', segments: 0, characters: 0 })).toBe(true);
    expect(v({ active: false, reason: 'because', segments: 0, characters: 0 })).toBe(false);
    expect(v({ active: 'yes', segments: 0, characters: 0 })).toBe(false);
    expect(v({ active: true, segments: Infinity, characters: 0 })).toBe(false);
  });

  it('turns a failing handler into an error reply', async () => {
    const h = handlers();
    h.getStatus = () => {
      throw new Error('database closed');
    };
    await expect(routeMessage(msg('getStatus'), POPUP, SELF, h)).resolves.toEqual({
      ok: false,
      error: { code: 'failed', message: 'database closed' },
    });
  });
});

describe('sendMessage', () => {
  it('wraps the request in the envelope and unwraps the answer', async () => {
    const sent: Envelope[] = [];
    const value = await sendMessage(async (m) => {
      sent.push(m);
      return { ok: true, value: { received: true } };
    }, 'reportPage', { active: true, segments: 2, characters: 10 });
    expect(value).toEqual({ received: true });
    expect(sent).toEqual([{ backstory: 1, type: 'reportPage', payload: { active: true, segments: 2, characters: 10 } }]);
  });

  it('throws the typed error the background sent', async () => {
    const err = await sendMessage(async () => ({ ok: false, error: { code: 'forbidden', message: 'no' } }), 'getStatus').catch((e) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({ code: 'forbidden', message: 'no' });
  });

  it('says so when nobody answers', async () => {
    await expect(sendMessage(async () => undefined, 'getStatus')).rejects.toThrow(/No answer/);
  });
});

describe('background handlers', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps the top frame report per tab, ignores sub-frames, and forgets closed tabs', async () => {
    const h = createHandlers({ version: '0.1.0', session: fakeBrowser.storage.session });
    await h.reportPage({ active: true, segments: 12, characters: 3400 }, CONTENT);
    await h.reportPage({ active: true, segments: 1, characters: 5 }, { ...CONTENT, frameId: 3, url: 'https://ads.example/' });
    expect(await h.getTabReport({ tabId: 4 }, POPUP)).toMatchObject({
      tabId: 4,
      url: 'https://news.example.com/story',
      site: 'news.example.com',
      active: true,
      segments: 12,
      characters: 3400,
    });
    expect(await h.getTabReport({ tabId: 5 }, POPUP)).toBeNull();
    await h.forgetTab(4);
    expect(await h.getTabReport({ tabId: 4 }, POPUP)).toBeNull();
  });

  it('reports the version and that no knowledge base is installed yet', async () => {
    const h = createHandlers({ version: '0.1.0', session: fakeBrowser.storage.session });
    await expect(h.getStatus({}, POPUP)).resolves.toEqual({ version: '0.1.0', kb: { state: 'none' }, kbDetails: null });
  });

  it('answers KB queries with nothing while no KB is installed', async () => {
    const h = createHandlers({ version: '0.1.0', session: fakeBrowser.storage.session });
    expect(await h.getEntry({ id: 'joseph-stalin' }, CONTENT)).toBeNull();
    expect(await h.findByAlias({ name: 'Stalin' }, CONTENT)).toEqual([]);
    expect(await h.onThisDay({ month: 8, day: 9 }, CONTENT)).toEqual([]);
  });
});
