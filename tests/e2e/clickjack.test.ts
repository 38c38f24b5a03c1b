/**
 * Attacks on the note form: a page that draws over Backstory's form to steal a Save. The page puts
 * its own layer into the top layer after the card opens (the only way to get above it). Backstory
 * refuses to save from a covered form, says why, keeps the note, and saves once the cover is gone.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchers, type BrowserDriver, type TestPage } from './drivers';
import { poll, selectInArticle, storedHighlights, waitForReport } from './helpers';

const QUOTE = 'the USSR and Japan signed a neutrality pact';

/** The page covers the whole window with a transparent top-layer element. */
const cover = (page: TestPage, clickThrough: boolean) =>
  page.evaluate((through) => {
    const layer = document.createElement('div');
    layer.id = 'cover';
    layer.setAttribute('popover', 'manual');
    layer.style.cssText = `position:fixed;inset:0;width:100vw;height:100vh;margin:0;border:0;padding:0;background:transparent;${through ? 'pointer-events:none;' : ''}`;
    document.body.append(layer);
    layer.showPopover();
  }, clickThrough);
const uncover = (page: TestPage) => page.evaluate(() => document.getElementById('cover')?.remove(), null);

describe.each(launchers())('a page covering the note form in %s', (name, launch) => {
  let driver: BrowserDriver;
  let page: TestPage;
  let ext: TestPage;
  const url = () => `${inject('fixtureOrigin')}/seed-news-article.html`;

  beforeAll(async () => {
    driver = await launch();
    ext = await driver.newPage();
    await ext.goto(driver.extensionUrl('/reading-list.html'));
    page = await driver.newPage();
    await page.goto(url());
    await waitForReport(ext, url(), (r) => (r.marks ?? 0) > 0);
  });
  afterAll(async () => driver?.close());

  /** Opens the form on the quote with the shortcut's command and types the note. */
  async function openForm(note: string) {
    expect(await selectInArticle(page, QUOTE)).toBe(true);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 600)), null); // the selection button settles
    await page.click('[data-backstory-host]');
    await poll('the note form', async () => (await page.frameText('/note-frame.html')).includes('Save highlight') || null, 5_000);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)), null);
    await page.type(note);
  }

  const variants = [
    // A layer that takes the clicks: the hit test on the page finds it (both browsers).
    { what: 'an invisible layer over the whole window', clickThrough: false, browsers: ['chromium', 'firefox'] },
    // A layer that lets clicks through to the form: only visibility tracking sees it (Chromium).
    { what: 'an invisible layer that lets clicks through', clickThrough: true, browsers: ['chromium'] },
  ];
  for (const v of variants) {
    it(`[${name}] ${v.what}: the save is refused with a reason, the note is kept, and saves once uncovered`, async () => {
      if (!v.browsers.includes(name)) {
        console.log(`[clickjack] ${name}: not checked — ${v.what} is not detectable here (no IntersectionObserver visibility tracking); see README "Reliability"`);
        return;
      }
      const note = `covered note ${v.clickThrough ? 'b' : 'a'}`;
      const before = (await storedHighlights(ext)).length;
      await openForm(note);
      await cover(page, v.clickThrough);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 400)), null); // visibility tracking reports after 100 ms
      await page.press('Control+Enter');
      const refusal = await poll('the refusal', async () => {
        const text = await page.frameText('/note-frame.html');
        return text.includes('Not saved') ? text : null;
      }, 5_000);
      expect(refusal).toContain('so the click may not have been yours');
      expect(refusal).toContain('Your note is still here');
      expect(await storedHighlights(ext)).toHaveLength(before);

      await uncover(page);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 400)), null);
      await page.press('Control+Enter');
      await poll('the save', async () => (await page.frameText('/note-frame.html')).includes('Saved to your reading list') || null, 5_000);
      const stored = await storedHighlights(ext);
      expect(stored.filter((h) => h.note === note)).toHaveLength(1);
      await page.press('Escape');
    });
  }
});
