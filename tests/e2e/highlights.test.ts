import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchers, type BrowserDriver, type TestPage } from './drivers';
import { poll, selectInArticle, storedHighlights, waitForReport } from './helpers';
import { ARTIFACTS } from './paths';

const QUOTE = 'Stalin promised Churchill and Roosevelt that he would be able to join the war against Japan after the victory over Germany.';
const NOTE = 'Tehran promise kept three months after VE Day';

/** What the page itself can see of the saved highlights: their texts (the registry is the page's). */
const paintedSaved = (page: TestPage) =>
  page.evaluate(() => {
    const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('backstory-saved');
    return h ? [...h].map((r) => r.toString()) : [];
  }, null);

const hostOpen = (page: TestPage) => page.evaluate(() => !!document.querySelector('[data-backstory-host]')?.matches(':popover-open'), null);

describe.each(launchers())('highlights in %s', (name, launch) => {
  let driver: BrowserDriver;
  let page: TestPage;
  let ext: TestPage;
  let exported = '';
  const url = () => `${inject('fixtureOrigin')}/seed-news-article.html`;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    driver = await launch();
    ext = await driver.newPage();
    await ext.goto(driver.extensionUrl('/reading-list.html'));
    page = await driver.newPage();
    await page.goto(url());
    await waitForReport(ext, url(), (r) => (r.marks ?? 0) > 0);
  });
  afterAll(async () => driver?.close());

  it(`[${name}] select → save with a note → reload: the highlight is painted and listed`, async () => {
    // A page script listening to every key, in the capture phase, on window and document.
    await page.evaluate(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      for (const target of [window, document])
        for (const type of ['keydown', 'keypress', 'keyup', 'input', 'beforeinput'])
          target.addEventListener(type, (e) => heard.push((e as KeyboardEvent).key ?? (e as InputEvent).data ?? type), true);
    }, null);
    expect(await selectInArticle(page, QUOTE)).toBe(true);
    // The button appears by the finished selection; it is the whole of the host.
    await poll('the save button', async () => (await hostOpen(page)) || null, 5_000);
    await page.screenshot(join(ARTIFACTS, `${name}-save-button.png`));
    await page.click('[data-backstory-host]');
    // The form opens with the note field focused: the reader just types.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)), null);
    await page.type(NOTE);
    await page.screenshot(join(ARTIFACTS, `${name}-save-form.png`));
    await page.press('Control+Enter');
    // The note was typed in Backstory's frame: the page heard none of it.
    const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard, null);
    expect(heard.filter((k) => k.length === 1)).toEqual([]);
    const saved = await poll('the highlight to be stored', async () => {
      const all = await storedHighlights(ext);
      return all.length ? all : null;
    });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ note: NOTE, url: url(), quote: { type: 'TextQuoteSelector', exact: QUOTE } });
    expect(saved[0].quote.prefix.length).toBe(32);
    expect(saved[0].entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Joseph Stalin', 'Winston Churchill']));
    // Painted at once, and again after a reload, on exactly the quote.
    expect(await poll('the new highlight painted', async () => ((await paintedSaved(page)).length ? paintedSaved(page) : null), 5_000)).toEqual([QUOTE]);

    await page.reload();
    await poll('the highlight painted after a reload', async () => ((await paintedSaved(page)).length ? paintedSaved(page) : null));
    expect(await paintedSaved(page)).toEqual([QUOTE]);
    await page.evaluate(() => getSelection()?.removeAllRanges(), null);
    await page.screenshot(join(ARTIFACTS, `${name}-saved-highlight.png`));
    expect((await storedHighlights(ext))[0].anchor).toMatchObject({ state: 'found', method: 'position' });

    await ext.reload();
    await ext.waitForSelector('[data-testid="highlight"]');
    const listed = await ext.evaluate(() => [...document.querySelectorAll('[data-testid="highlight"]')].map((e) => (e as HTMLElement).innerText), null);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toContain(QUOTE);
    expect(listed[0]).toContain(NOTE);
    await ext.screenshot(join(ARTIFACTS, `${name}-reading-list.png`));
  });

  it(`[${name}] the reading list finds it by note text and by a name inside the quote`, async () => {
    const results = async (query: string) => {
      await ext.evaluate((q) => {
        const input = document.querySelector('[data-testid="search"]') as HTMLInputElement;
        input.focus();
        input.select();
      }, query);
      await ext.type(query);
      await ext.evaluate(() => new Promise((r) => setTimeout(r, 200)), null);
      return ext.evaluate(() => document.querySelectorAll('[data-testid="highlight"]').length, null);
    };
    expect(await results('three months')).toBe(1); // the note
    expect(await results('Winston')).toBe(1); // "Churchill" in the quote is Winston Churchill
    expect(await results('Hokkaido')).toBe(0);
    expect(await ext.evaluate(() => !!document.querySelector('[data-testid="no-results"]'), null)).toBe(true);
  });

  it(`[${name}] export, then import into a fresh profile, restores it`, async () => {
    await ext.reload();
    await ext.waitForSelector('[data-testid="export-json"]');
    // Catch the download the export starts: the blob it links to.
    await ext.evaluate(() => {
      const w = window as unknown as { exported?: Promise<string> };
      const click = HTMLAnchorElement.prototype.click;
      w.exported = new Promise((resolve) => {
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          if (this.download) void fetch(this.href).then((r) => r.text()).then(resolve);
          else click.call(this);
        };
      });
    }, null);
    await ext.click('[data-testid="export-json"]');
    exported = await ext.evaluate(() => (window as unknown as { exported: Promise<string> }).exported, null);
    const doc = JSON.parse(exported);
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.first.items[0].target.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: QUOTE });
    const dir = mkdtempSync(join(tmpdir(), 'backstory-export-'));
    const file = join(dir, 'highlights.jsonld');
    writeFileSync(file, exported);

    const fresh = await launch();
    try {
      const list = await fresh.newPage();
      await list.goto(fresh.extensionUrl('/reading-list.html'));
      await list.waitForSelector('[data-testid="reading-list-empty"]');
      const upload = async () => {
        await list.upload('[data-testid="import-file"]', file);
        await list.waitForSelector('[data-testid="import-notice"]');
        return list.evaluate(() => (document.querySelector('[data-testid="import-notice"]') as HTMLElement).innerText, null);
      };
      expect(await upload()).toMatch(/1 new, 0 updated, 0 already here/);
      await list.waitForSelector('[data-testid="highlight"]');
      const restored = await storedHighlights(list);
      expect(restored).toHaveLength(1);
      const original = (await storedHighlights(ext))[0];
      expect(restored[0]).toEqual(original);
      // Importing the same file again adds nothing.
      await list.evaluate(() => document.querySelector('[data-testid="import-notice"]')?.remove(), null);
      expect(await upload()).toMatch(/0 new, 0 updated, 1 already here/);
      expect(await storedHighlights(list)).toHaveLength(1);
      // And the restored highlight is painted on its page.
      const tab = await fresh.newPage();
      await tab.goto(url());
      await poll('the imported highlight painted', async () => ((await paintedSaved(tab)).length ? paintedSaved(tab) : null));
      expect(await paintedSaved(tab)).toEqual([QUOTE]);
    } finally {
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
