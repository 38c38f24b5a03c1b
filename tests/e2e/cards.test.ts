import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchers, type BrowserDriver, type TestPage } from './drivers';
import { poll, sendFromExtensionPage, waitForReport } from './helpers';
import { ARTIFACTS } from './paths';

/** Scrolls the first occurrence of `text` after `after` into view and returns its centre. */
function locate(page: TestPage, text: string, after = ''): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    ([t, a]) => {
      const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
      let seenAfter = !a;
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        let from = 0;
        if (!seenAfter) {
          const i = n.data.indexOf(a);
          if (i < 0) continue;
          seenAfter = true;
          from = i + a.length;
        }
        const at = n.data.indexOf(t, from);
        if (at < 0) continue;
        n.parentElement!.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + t.length);
        const r = range.getClientRects()[0];
        return { x: r.left + Math.min(r.width / 2, 20), y: r.top + r.height / 2 };
      }
      return null;
    },
    [text, after] as const,
  );
}

const cardState = (page: TestPage) =>
  page.evaluate(() => {
    const host = document.querySelector('[data-backstory-host]') as HTMLElement | null;
    return { exists: !!host, open: !!host?.matches(':popover-open'), shadowVisibleToPage: host?.shadowRoot !== null && !!host, text: host?.innerText ?? '' };
  }, null);

describe.each(launchers())('hover cards in %s', (name, launch) => {
  let driver: BrowserDriver;
  let page: TestPage;

  beforeAll(async () => {
    driver = await launch();
    const ext = await driver.newPage();
    await ext.goto(driver.extensionUrl('/reading-list.html'));
    page = await driver.newPage();
    const url = `${inject('fixtureOrigin')}/seed-news-article.html`;
    await page.goto(url);
    await waitForReport(ext, url, (r) => (r.marks ?? 0) > 0);
    // Cards read the KB; let the first import finish so the screenshots show real cards.
    await poll('the KB import', async () => ((await sendFromExtensionPage(ext, 'getStatus', {})).value as { kb: { state: string } }).kb.state === 'ready' || null, 60_000);
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => driver?.close());

  it.each([
    ['Yalta Conference', '', ['Yalta Conference', 'Conference', '4–11 February 1945', 'Read on Wikipedia']],
    ['Kwantung Army', '', ['Kwantung Army', 'Military unit', '1919–1945']],
    ['Halkhin Gol', '', ['Battles of Khalkhin Gol', '11 May – 16 September 1939']],
    ['Stalin', 'One way or another, at the Tehran Conference in late 1943, ', ['Joseph Stalin', '18 December 1878 – 5 March 1953']],
    ['August 9', 'would be at war from ', ['Thursday, 9 August 1945', 'Year from context: 1945']],
  ])(`[${name}] hovering "%s" opens the right card, which the page cannot read`, async (text, after, expected) => {
    await page.hover(5, 5);
    await poll('the previous card to close', async () => !(await cardState(page)).open || null, 5_000).catch(() => undefined);
    const point = await locate(page, text, after);
    expect(point, `"${text}" is on the page`).not.toBeNull();
    await page.hover(point!.x, point!.y);
    const state = await poll(`a card for "${text}"`, async () => ((await cardState(page)).open ? cardState(page) : null), 5_000);
    expect(state.exists).toBe(true);
    expect(state.shadowVisibleToPage).toBe(false);
    expect(state.text).toBe('');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 600)), null);
    if (page.cardText) {
      const card = await poll('the card content', async () => {
        const t = await page.cardText!();
        return t.includes('…') ? null : t;
      }, 5_000);
      for (const piece of expected as string[]) expect(card.toLowerCase()).toContain(piece.toLowerCase());
    }
    await page.screenshot(join(ARTIFACTS, `${name}-card-${text.replace(/\W+/g, '-').toLowerCase()}.png`));
  });

  it(`[${name}] the keyboard command opens the card for the selection, and Esc closes it`, async () => {
    await page.hover(5, 5);
    await poll('no card', async () => !(await cardState(page)).open || null, 5_000).catch(() => undefined);
    await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf('Potsdam Conference');
        if (at < 0) continue;
        n.parentElement!.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.setStart(n, at + 2);
        r.collapse(true);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(r);
        return;
      }
    }, null);
    // What the manifest command does: the background tells the active tab's content script.
    const ext = await driver.newPage();
    await ext.goto(driver.extensionUrl('/reading-list.html'));
    await ext.evaluate(async () => {
      const g = globalThis as unknown as { browser?: any; chrome?: any };
      const api = g.browser ?? g.chrome;
      const tabs = await api.tabs.query({});
      for (const t of tabs) await api.tabs.sendMessage(t.id, { backstory: 1, command: 'open-card' }).catch(() => undefined);
    }, null);
    await ext.close();
    await poll('a card opened from the keyboard', async () => (await cardState(page)).open || null, 5_000);
    await page.screenshot(join(ARTIFACTS, `${name}-card-keyboard.png`));
    await page.evaluate(() => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })), null);
    await poll('the card to close', async () => !(await cardState(page)).open || null, 5_000);
  });

  it(`[${name}] a date given for an event the KB dates otherwise shows both`, async () => {
    const url = `${inject('fixtureOrigin')}/dated-differently.html`;
    const other = await driver.newPage();
    await other.goto(url);
    await poll('marks on the page', async () => ((await other.evaluate(() => (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-date')?.size ?? 0, null)) > 0) || null, 15_000);
    const point = await locate(other, 'February 14, 1945');
    await other.hover(point!.x, point!.y);
    await poll('a card', async () => (await cardState(other)).open || null, 5_000);
    await other.evaluate(() => new Promise((r) => setTimeout(r, 600)), null);
    if (other.cardText) {
      const card = await poll('the card content', async () => {
        const t = await other.cardText!();
        return t.includes('Dated differently') ? t : null;
      }, 5_000);
      // (The protocol's text joins the card's text nodes with spaces.)
      expect(card).toMatch(/Dated differently in the knowledge base Yalta Conference ?: 4–11 February 1945/);
      expect(card).toMatch(/The article gives 14 February 1945 ?; both are shown/);
    }
    await other.screenshot(join(ARTIFACTS, `${name}-card-dated-differently.png`));
    // A date that fits its event adds nothing.
    await other.hover(5, 5);
    await poll('no card', async () => !(await cardState(other)).open || null, 5_000).catch(() => undefined);
    const fits = await locate(other, 'July 1945');
    await other.hover(fits!.x, fits!.y);
    await poll('a card', async () => (await cardState(other)).open || null, 5_000);
    await other.evaluate(() => new Promise((r) => setTimeout(r, 600)), null);
    if (other.cardText) expect(await other.cardText()).not.toContain('Dated differently');
    await other.close();
  });

  it(`[${name}] Esc closes the card`, async () => {
    const point = await locate(page, 'Kwantung Army');
    await page.hover(point!.x, point!.y);
    await poll('a card', async () => (await cardState(page)).open || null, 5_000);
    await page.evaluate(() => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })), null);
    await poll('the card to close', async () => !(await cardState(page)).open || null, 5_000);
  });
});
