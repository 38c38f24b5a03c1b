/**
 * The extension reloaded (an update) while a news page is open (Chromium): the old content
 * script must notice, take its marks and card off the page, and raise no "Extension context
 * invalidated". (An extension loaded from the command line does not come back after
 * runtime.reload() in headless Chromium, so the new copy is not part of this test; a new copy
 * removes any host an old one left, see page/content-main.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromiumWithExtension } from './drivers';

describe('extension reloaded under an open page (chromium)', () => {
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'backstory-reload-'));
    ({ context } = await launchChromiumWithExtension(profile));
  });
  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('the old copy takes its marks and card off the page, quietly', async () => {
    const url = `${inject('fixtureOrigin')}/seed-news-article.html`;
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url);
    const marks = () => page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights;
      return (h.get('backstory-entity')?.size ?? 0) + (h.get('backstory-date')?.size ?? 0);
    });
    await page.waitForFunction(() => ((CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-entity')?.size ?? 0) > 0);
    // Open a card so that the host element exists.
    const box = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf('Kwantung Army');
        if (at < 0) continue;
        n.parentElement!.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.setStart(n, at);
        r.setEnd(n, at + 5);
        const b = r.getBoundingClientRect();
        return { x: b.left + 3, y: b.top + b.height / 2 };
      }
      return null;
    });
    await page.mouse.move(box!.x, box!.y, { steps: 3 });
    await page.waitForFunction(() => !!document.querySelector('[data-backstory-host]')?.matches(':popover-open'));

    // The update: the extension reloads; Chrome does not put the new copy into open pages.
    const [worker] = context.serviceWorkers();
    await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
    await page.waitForTimeout(1000);
    // The page changes; the old copy wakes up, finds itself orphaned, and cleans up.
    await page.evaluate(() => document.querySelector('article')!.append(Object.assign(document.createElement('p'), { textContent: 'A late update about the Yalta Conference.' })));
    await page.waitForFunction(() => !document.querySelector('[data-backstory-host]'), null, { timeout: 10_000 });
    expect(await marks()).toBe(0);
    expect(errors.filter((e) => /context invalidated/i.test(e))).toEqual([]);

    expect(errors, errors.join(" | ")).toEqual([]);
  });
});
