import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchers, type BrowserDriver, type TestPage } from './drivers';
import { poll, selectInArticle, settledSeedMarks, waitForReport } from './helpers';
import { ARTIFACTS, ROOT } from './paths';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page, as readable lines (empty when there are none). */
async function axeViolations(page: TestPage): Promise<string[]> {
  await page.addScript(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, null);
}

const registry = (page: TestPage) =>
  page.evaluate(() => {
    const h = (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights;
    return Object.fromEntries([...h.keys()].map((k) => [k, h.get(k)!.size]));
  }, null);

const badge = (ext: TestPage, tabId: number) =>
  ext.evaluate(async (id) => {
    const g = globalThis as unknown as { browser?: any; chrome?: any };
    return (await (g.browser ?? g.chrome).action.getBadgeText({ tabId: id })) as string;
  }, tabId);

/** Picks an option of a select as a reader would (the change event fires). */
const choose = (page: TestPage, testId: string, value: string) =>
  page.evaluate(
    ([id, v]) => {
      const select = document.querySelector(`[data-testid="${id}"]`) as HTMLSelectElement;
      select.value = v;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [testId, value] as const,
  );

async function setTheme(page: TestPage, theme: 'light' | 'dark') {
  await choose(page, 'theme', theme);
  await poll(`the ${theme} theme`, () => page.evaluate((t) => document.documentElement.dataset.theme === t, theme), 5_000);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)), null);
}

describe.each(launchers())('popup and site rules in %s', (name, launch) => {
  let driver: BrowserDriver;
  let ext: TestPage;
  let page: TestPage;
  let tabId: number;
  const profile = mkdtempSync(join(tmpdir(), `backstory-${name}-profile-`));
  const url = () => `${inject('fixtureOrigin')}/seed-news-article.html`;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    driver = await launch({ profileDir: profile });
    ext = await driver.newPage();
    await ext.goto(driver.extensionUrl('/reading-list.html'));
    page = await driver.newPage();
    await page.goto(url());
    tabId = (await waitForReport(ext, url(), (r) => (r.marks ?? 0) > 0)).tabId;
  });
  afterAll(async () => {
    await driver?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it(`[${name}] the page index lists the article's people, and an entry opens its card in the page`, async () => {
    const popup = await driver.newPage();
    await popup.goto(driver.extensionUrl(`/popup.html?tab=${tabId}`));
    await popup.waitForSelector('[data-testid="index-people"]');
    const people = await popup.evaluate(() => (document.querySelector('[data-testid="index-people"]') as HTMLElement).textContent ?? '', null);
    for (const who of ['Joseph Stalin', 'Winston Churchill', 'Franklin D. Roosevelt', 'Vyacheslav Molotov']) expect(people).toContain(who);
    const groups = await popup.evaluate(() => [...document.querySelectorAll('[data-testid^="index-"]')].map((e) => e.getAttribute('data-testid')), null);
    expect(groups).toEqual(expect.arrayContaining(['index-people', 'index-places', 'index-dates']));
    await popup.screenshot(join(ARTIFACTS, `${name}-popup-index.png`));
    await popup.evaluate(() => {
      const button = [...document.querySelectorAll('.popup-entry')].find((b) => b.textContent?.startsWith('Vyacheslav Molotov')) as HTMLButtonElement;
      button.click();
    }, null);
    await poll('the card opened from the index', () => page.evaluate(() => !!document.querySelector('[data-backstory-host]')?.matches(':popover-open'), null), 5_000);
    if (page.cardText) expect(await poll('the card text', async () => ((await page.cardText!()).includes('Molotov') ? page.cardText!() : null), 5_000)).toContain('Vyacheslav Molotov');
    await page.press('Escape');
    await popup.close();
  });

  it(`[${name}] the badge shows the number of marks painted, and "off" when the site is off`, async () => {
    const marks = await settledSeedMarks(page);
    expect(marks).toBeGreaterThan(100);
    expect(await poll('the badge', async () => ((await badge(ext, tabId)) === String(marks) ? badge(ext, tabId) : null), 5_000)).toBe(String(marks));
  });

  it(`[${name}] mark style and kinds apply live to the open tab`, async () => {
    const options = await driver.newPage();
    await options.goto(driver.extensionUrl('/options.html'));
    await options.waitForSelector('[data-testid="mark-style"]');
    await choose(options, 'mark-style', 'background');
    await poll('background marks', async () => ((await registry(page))['backstory-entity-bg'] ?? 0) > 0, 5_000);
    expect((await registry(page))['backstory-entity']).toBeUndefined();
    await page.screenshot(join(ARTIFACTS, `${name}-marks-background.png`));
    await options.click('[data-testid="kind-dates"]');
    await poll('no date marks', async () => ((await registry(page))['backstory-date-bg'] ?? 0) === 0, 5_000);
    // Back to the defaults for the tests that follow.
    await options.click('[data-testid="kind-dates"]');
    await choose(options, 'mark-style', 'underline');
    await poll('underlines again', async () => ((await registry(page))['backstory-date'] ?? 0) > 0, 5_000);
    await options.close();
  });

  it(`[${name}] "only when I ask" removes the marks, and the shortcut still opens a card`, async () => {
    const popup = await driver.newPage();
    await popup.goto(driver.extensionUrl(`/popup.html?tab=${tabId}`));
    await popup.waitForSelector('[data-testid="site-ask"]');
    await popup.click('[data-testid="site-ask"]');
    await poll('the marks to go', async () => ((await registry(page))['backstory-entity'] ?? 0) === 0, 5_000);
    await poll('an "ask" badge', async () => (await badge(ext, tabId)) === 'ask', 5_000);
    expect(await selectInArticle(page, 'Potsdam Conference')).toBe(true);
    // The shortcut, as the background delivers it to the tab.
    await popup.evaluate(async (id) => {
      const g = globalThis as unknown as { browser?: any; chrome?: any };
      await (g.browser ?? g.chrome).tabs.sendMessage(id, { backstory: 1, command: 'open-card' });
    }, tabId);
    await poll('a card on request', () => page.evaluate(() => !!document.querySelector('[data-backstory-host]')?.matches(':popover-open'), null), 5_000);
    await page.press('Escape');
    await popup.click('[data-testid="site-on"]');
    await poll('the marks back', async () => ((await registry(page))['backstory-entity'] ?? 0) > 0, 5_000);
    await popup.close();
  });

  it(`[${name}] popup, options and reading list pass axe-core in light and dark, with a card; screenshots`, async () => {
    const options = await driver.newPage();
    await options.goto(driver.extensionUrl('/options.html'));
    await options.waitForSelector('[data-testid="card-preview"]');
    // axe really checks: a picture without a text alternative is reported.
    await options.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', id: 'axe-probe' })), null);
    expect((await axeViolations(options)).join('\n')).toContain('image-alt');
    await options.evaluate(() => document.getElementById('axe-probe')?.remove(), null);
    const popup = await driver.newPage();
    const list = await driver.newPage();
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(options, theme);
      await popup.goto(driver.extensionUrl(`/popup.html?tab=${tabId}`));
      await popup.waitForSelector('[data-testid="index-people"]');
      await list.goto(driver.extensionUrl('/reading-list.html'));
      await list.waitForSelector('h1');
      for (const [what, p] of [['options', options], ['popup', popup], ['reading-list', list]] as const) {
        await p.screenshot(join(ARTIFACTS, `${name}-${what}-${theme}.png`));
        expect(await axeViolations(p), `${what} in ${theme}`).toEqual([]);
      }
    }
    await setTheme(options, 'light');
    await Promise.all([options.close(), popup.close(), list.close()]);
  });

  it(`[${name}] a site rule added on the options page applies at once and survives a browser restart`, async () => {
    const options = await driver.newPage();
    await options.goto(driver.extensionUrl('/options.html'));
    await options.waitForSelector('[data-testid="rule-host"]');
    await options.click('[data-testid="rule-host"]');
    await options.type('127.0.0.1');
    await options.click('[data-testid="rule-add"]');
    await options.waitForSelector('[data-testid="rule"]');
    await poll('the marks to go', async () => Object.keys(await registry(page)).length === 0, 5_000);
    await poll('an "off" badge', async () => (await badge(ext, tabId)) === 'off', 5_000);
    await options.screenshot(join(ARTIFACTS, `${name}-options-rule.png`));

    await driver.close();
    driver = await launch({ profileDir: profile });
    ext = await driver.newPage();
    await ext.goto(driver.extensionUrl('/options.html'));
    await ext.waitForSelector('[data-testid="rule"]');
    expect(await ext.evaluate(() => (document.querySelector('[data-testid="rule"]') as HTMLElement).innerText, null)).toContain('127.0.0.1');
    page = await driver.newPage();
    await page.goto(url());
    const report = await waitForReport(ext, url(), () => true);
    expect(report).toMatchObject({ active: false, reason: 'site-off' });
    expect(Object.keys(await registry(page))).toEqual([]);
  });
});
