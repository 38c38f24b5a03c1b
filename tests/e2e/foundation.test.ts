import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import type { Status, TabReport } from '../../messaging';
import { launchers, type BrowserDriver, type TestPage } from './drivers';
import { poll, sendFromExtensionPage, settledSeedMarks, waitForReport } from './helpers';
import { ARTIFACTS } from './paths';

const SEED = 'seed-news-article.html';

describe.each(launchers())('foundation in %s', (name, launch) => {
  let driver: BrowserDriver;
  let ext: TestPage;
  let origin: string;

  beforeAll(async () => {
    origin = inject('fixtureOrigin');
    driver = await launch();
    ext = await driver.newPage();
    await ext.goto(driver.extensionUrl('/reading-list.html'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await driver?.close();
  });

  async function setSite(page: TestPage, tabId: number, on: boolean) {
    await page.goto(driver.extensionUrl(`/popup.html?tab=${tabId}`));
    const want = on ? 'site-on' : 'site-off';
    await page.waitForSelector(`[data-testid="${want}"]`);
    await page.click(`[data-testid="${want}"]`);
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve) => {
          const tick = () => ((document.querySelector(`[data-testid="${id}"]`) as HTMLInputElement).checked ? resolve() : setTimeout(tick, 50));
          tick();
        }),
      want,
    );
  }

  /** Marks the page can see in its highlight registry (names and dates). */
  const marksOn = (page: TestPage) =>
    page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights;
      return (h.get('backstory-entity')?.size ?? 0) + (h.get('backstory-date')?.size ?? 0);
    }, null);

  it(`[${name}] getStatus answers with the version and the KB state`, async () => {
    const reply = await sendFromExtensionPage(ext, 'getStatus', {});
    expect(reply.ok).toBe(true);
    const status = reply.value as Status;
    expect(status.version).toBe(pkg.version);
    expect(['none', 'importing', 'ready']).toContain(status.kb.state);
  });

  it(`[${name}] refuses malformed and unknown messages with a clear error`, async () => {
    const unknown = await sendFromExtensionPage(ext, 'dropAllTables', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    const malformed = await sendFromExtensionPage(ext, 'getTabReport', { tabId: 'all' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    // A page may not pretend to be a content script.
    const forged = await sendFromExtensionPage(ext, 'reportPage', { active: true, segments: 1, characters: 1 });
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it(`[${name}] the content script reads the seed article and reports its visible text`, async () => {
    const page = await driver.newPage();
    const url = `${origin}/${SEED}`;
    await page.goto(url);
    const report: TabReport = await waitForReport(ext, url);
    expect(report.active).toBe(true);
    expect(report.site).toBe('127.0.0.1');
    // The article alone has 40+ paragraphs, headings and captions; the sidebar adds more.
    expect(report.segments).toBeGreaterThan(60);
    // 19.8k characters of article text, minus nothing hidden; form fields are not counted.
    expect(report.characters).toBeGreaterThan(18_000);
    expect(report.characters).toBeLessThan(30_000);
    // Detection ran in the background on what the content script sent.
    expect(report.entities).toBeGreaterThan(200);
    expect(report.dates).toBeGreaterThan(40);
    // …and painted them as highlights over the page's own text, every one of them.
    expect(report.highlightApi).toBe(true);
    expect(report.marks).toBe(report.entities! + report.dates!);
    // What is painted is what the latest report counts (the late comment may land between the two reads: then read again).
    const painted = await poll('the painted marks to match the latest report', async () => {
      const now = await page.evaluate(() => {
        const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
        const texts = (name: string) => [...(h.get(name) ?? [])].map((r) => r.toString());
        return { entities: texts('backstory-entity'), dates: texts('backstory-date') };
      }, null);
      const latest = await waitForReport(ext, url);
      return now.entities.length === latest.entities && now.dates.length === latest.dates ? now : null;
    });
    expect(painted.entities.length).toBeGreaterThanOrEqual(report.entities!);
    expect(painted.entities).toEqual(expect.arrayContaining(['Yalta Conference', 'Kwantung Army', 'Halkhin Gol', 'Stalin']));
    expect(painted.dates).toEqual(expect.arrayContaining(['August 9', 'April 13, 1941']));
    // The comment the page adds 1.5 s after load is read and marked too; the comment box is not.
    const late = await waitForReport(ext, url, (r) => (r.entities ?? 0) > report.entities!, report.at);
    expect(late.marks).toBe(late.entities! + late.dates!);
    const after = await page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      return [...(h.get('backstory-entity') ?? [])].map((r) => [r.toString(), (r.startContainer.parentElement?.closest('.comment, textarea') as Element | null)?.tagName ?? '']);
    }, null);
    expect(after).toContainEqual(['Khalkhin Gol', 'DIV']);
    expect(after.some(([, where]) => where === 'TEXTAREA')).toBe(false);
    await page.screenshot(join(ARTIFACTS, `${name}-seed-page.png`));
    await page.close();
  });

  it(`[${name}] switching the site off in the popup removes the marks from the open tab, and on restores them`, async () => {
    const page = await driver.newPage();
    const url = `${origin}/${SEED}`;
    await page.goto(url);
    // The fixture's late comment arrives after 1.5 s; let Backstory read it first.
    const settled = await settledSeedMarks(page);
    const first = await waitForReport(ext, url, (r) => r.active && r.marks === settled);
    const marks = await marksOn(page);
    expect(marks).toBe(first.marks);
    const popup = await driver.newPage();
    await setSite(popup, first.tabId, false);
    await popup.screenshot(join(ARTIFACTS, `${name}-popup-site-off.png`));
    // No reload: the open tab follows the switch.
    const off = await waitForReport(ext, url, (r) => !r.active, first.at);
    expect(off).toMatchObject({ active: false, reason: 'site-off', segments: 0, characters: 0 });
    expect(await marksOn(page)).toBe(0);

    await setSite(popup, first.tabId, true);
    const on = await waitForReport(ext, url, (r) => r.active && (r.marks ?? 0) > 0, off.at);
    expect(on.segments).toBe(first.segments);
    expect(await marksOn(page)).toBe(marks);
    await popup.screenshot(join(ARTIFACTS, `${name}-popup-site-on.png`));
    await popup.close();
    await page.close();
  });

  it(`[${name}] the page DOM is identical with Backstory on and off`, async () => {
    const page = await driver.newPage();
    const url = `${origin}/${SEED}`;
    const settle = () => page.evaluate(() => new Promise((r) => setTimeout(r, 2_000)), null);
    const html = () => page.evaluate(() => document.documentElement.outerHTML, null);

    await page.goto(url);
    const on = await waitForReport(ext, url, (r) => r.active);
    await settle();
    const withBackstory = await html();

    const popup = await driver.newPage();
    await setSite(popup, on.tabId, false);
    await page.reload();
    await waitForReport(ext, url, (r) => !r.active, on.at);
    await settle();
    const without = await html();
    await setSite(popup, on.tabId, true);
    await popup.close();

    expect(withBackstory).toContain('Khalkhin Gol in 1939'); // the late comment arrived in both
    expect(withBackstory).toBe(without);
    await page.close();
  });
});
