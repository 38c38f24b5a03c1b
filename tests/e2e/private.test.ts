/**
 * Firefox private windows: an add-on runs there only if the reader allows it (about:addons →
 * Backstory → Run in Private Windows). Until then Backstory must leave private pages entirely
 * alone: no host element, no marks, no errors. (When allowed, the save form says that a highlight
 * saved there stays in the reading list after the window closes: see the SaveForm unit test.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchFirefox, type BrowserDriver, type TestPage } from './drivers';

describe('firefox private browsing (Backstory not allowed in private windows, the default)', () => {
  let driver: BrowserDriver;
  let page: TestPage;
  const url = () => `${inject('fixtureOrigin')}/seed-news-article.html`;
  beforeAll(async () => {
    driver = await launchFirefox({ firefoxPrefs: { 'browser.privatebrowsing.autostart': true } });
    page = await driver.newPage();
    await page.goto(url());
  });
  afterAll(async () => driver?.close());

  it('leaves a private page alone: no host element, no marks, no errors', async () => {
    // Long enough for a first read and for the fixture's late comment (1.5 s) to be read too.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 3000)), null);
    const seen = await page.evaluate(
      () => ({
        comment: document.body.textContent?.includes('Khalkhin Gol in 1939') ?? false,
        host: !!document.querySelector('[data-backstory-host]'),
        highlights: [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()],
      }),
      null,
    );
    expect(seen).toEqual({ comment: true, host: false, highlights: [] });
    expect(page.errors()).toEqual([]);
  });
});
