/**
 * Data safety (Chromium): the service worker is stopped again and again through the debugging
 * protocol (Target.closeTarget) while the reader saves a burst of highlights. Every save the UI
 * confirmed must be stored, and stored exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromiumWithExtension, newestFrame, playwrightFrameText } from './drivers';
import { selectInArticle, stopWorkerRepeatedly, storedHighlights } from './helpers';

const SENTENCES = [
  'Germany signed the surrender',
  'the Red Army was getting more time',
  'troops were gradually redeployed to the east',
  'Stalin flirted with the Japanese',
  'a declaration was issued demanding',
  'The document bore the signatures',
  'the USSR informed Japan',
  'this was an alarming signal',
  'the Bolsheviks assured the Japanese',
  'it was already obvious that Germany was doomed',
  'the leaders of the USSR, the United States, and Britain',
  'the renewal of the lease of Port Arthur',
];

const NOTE_FRAME = '/note-frame.html';

describe('saving while the service worker is stopped (chromium)', () => {
  let context: BrowserContext;
  let profile: string;
  let id: string;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'backstory-kill-'));
    ({ context, id } = await launchChromiumWithExtension(profile));
  });
  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('every confirmed save is stored exactly once', async () => {
    const url = `${inject('fixtureOrigin')}/seed-news-article.html`;
    const page = await context.newPage();
    await page.goto(url);
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${id}/reading-list.html`);
    type Chrome = { tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: unknown): Promise<unknown> } };
    const tabIds = await ext.evaluate(async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.tabs.query({})).map((t) => t.id!));
    const browserCdp = await context.newCDPSession(ext);
    // Wait for the content script to have read the page (marks painted).
    await page.waitForFunction(() => ((CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get('backstory-entity')?.size ?? 0) > 0);

    // Stop the worker every 150 ms for as long as the burst lasts.
    const killer = stopWorkerRepeatedly(browserCdp, id, 150);

    const confirmed: string[] = [];
    const refusals: string[] = [];
    for (const [i, phrase] of SENTENCES.entries()) {
      const note = `burst note ${i}`;
      const found = await selectInArticle({ evaluate: (fn, arg) => page.evaluate(fn as never, arg) }, phrase);
      expect(found, phrase).toBe(true);
      // The save shortcut, as the background delivers it (a stopped worker cannot, so the page does).
      await ext.evaluate(async (ids) => {
        const api = (globalThis as unknown as { chrome: Chrome }).chrome;
        for (const t of ids) await api.tabs.sendMessage(t, { backstory: 1, command: 'save-highlight' }).catch(() => undefined);
      }, tabIds);
      // Type once the form's frame is there with its note field focused.
      await expect
        .poll(async () => {
          const frame = newestFrame(page, NOTE_FRAME);
          return frame ? frame.evaluate(() => document.activeElement?.tagName).catch(() => '') : '';
        }, { timeout: 10_000 })
        .toBe('TEXTAREA');
      await page.keyboard.type(note);
      await page.keyboard.press('Control+Enter');
      // What the reader is told: saved, or not saved with the note kept — then they press Save again.
      const deadline = Date.now() + 30_000;
      let attempts = 1;
      for (;;) {
        const text = await playwrightFrameText(page, NOTE_FRAME);
        if (text.includes('Saved to your reading list')) {
          confirmed.push(note);
          break;
        }
        if (text.includes('Not saved')) {
          refusals.push(text.slice(text.indexOf('Not saved'), text.indexOf('try again') + 9));
          expect(text, 'the note is kept for another try').toContain('Your note is still here');
          if (attempts++ >= 4) break;
          await page.keyboard.press('Control+Enter');
          await page.waitForTimeout(100);
          continue;
        }
        if (Date.now() > deadline) throw new Error(`No answer to save ${i}: ${text}`);
        await page.waitForTimeout(50);
      }
      await page.keyboard.press('Escape');
    }
    const kills = await killer.stop();

    const stored = await storedHighlights({ evaluate: (fn, arg) => ext.evaluate(fn as never, arg) });
    console.log(`[kill] ${SENTENCES.length} saves, worker stopped ${kills} times: ${confirmed.length} confirmed, ${refusals.length} refusals shown with the note kept, ${stored.length} stored`);
    if (refusals.length) console.log(`[kill] refusals: ${[...new Set(refusals)].join(' | ')}`);
    expect(kills).toBeGreaterThan(SENTENCES.length / 2);
    for (const note of confirmed) expect(stored.filter((h) => h.note === note), note).toHaveLength(1);
    expect(new Set(stored.map((h) => h.note)).size).toBe(stored.length);
    // Trying again after a refusal always got through in the end.
    expect(confirmed).toHaveLength(SENTENCES.length);
  });
});
