import type { Highlight } from '../../core/annotations/types';
import type { TabReport } from '../../messaging';
import type { CDPSession } from 'playwright-core';
import type { TestPage } from './drivers';

/** Sends a Backstory message from an extension page, exactly as the popup does. */
export function sendFromExtensionPage(page: TestPage, type: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    ([t, p]) => {
      const g = globalThis as unknown as { browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } }; chrome?: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
      const runtime = (g.browser ?? g.chrome)!.runtime;
      return runtime.sendMessage({ backstory: 1, type: t, payload: p }) as Promise<never>;
    },
    [type, payload] as const,
  );
}

export async function poll<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** All tab ids the extension page can see (tab ids need no permission). */
async function tabIds(page: TestPage): Promise<number[]> {
  return page.evaluate(async () => {
    const g = globalThis as unknown as { browser?: any; chrome?: any };
    const tabs = await (g.browser ?? g.chrome).tabs.query({});
    return tabs.map((t: { id: number }) => t.id);
  }, null);
}

/** Waits until the content script in the tab showing `url` has reported, and returns the report. */
export async function waitForReport(
  extPage: TestPage,
  url: string,
  accept: (r: TabReport) => boolean = () => true,
  after = 0,
): Promise<TabReport> {
  return poll(`a page report for ${url}`, async () => {
    for (const tabId of await tabIds(extPage)) {
      const reply = await sendFromExtensionPage(extPage, 'getTabReport', { tabId });
      const report = reply.ok ? (reply.value as TabReport | null) : null;
      if (report && report.url === url && report.at > after && accept(report)) return report;
    }
    return null;
  });
}

/**
 * Waits until the seed fixture's late comment (added 1.5 s after load) is marked, then returns the
 * number of marks painted: counts taken before that moment change under the test's feet.
 */
export async function settledSeedMarks(page: Pick<TestPage, 'evaluate'>): Promise<number> {
  return poll('the late comment to be marked', () =>
    page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      const entities = [...(h.get('backstory-entity') ?? [])];
      const late = entities.some((r) => r.toString() === 'Khalkhin Gol' && !!r.startContainer.parentElement?.closest('.comment'));
      return late ? entities.length + (h.get('backstory-date')?.size ?? 0) : 0;
    }, null),
  );
}

/** The highlights stored in the extension, read from an extension page without creating the database. */
export function storedHighlights(ext: Pick<TestPage, 'evaluate'>): Promise<Highlight[]> {
  return ext.evaluate(async () => {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === 'backstory-user')) return [];
    return new Promise<Highlight[]>((resolve, reject) => {
      const open = indexedDB.open('backstory-user');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const get = db.transaction('highlights').objectStore('highlights').getAll();
        get.onsuccess = () => {
          db.close();
          resolve(get.result as Highlight[]);
        };
        get.onerror = () => reject(get.error);
      };
    });
  }, null);
}


/** Selects `text` in the article the way a reader would end a selection: one range, then nothing. */
export function selectInArticle(page: Pick<TestPage, 'evaluate'>, text: string): Promise<boolean> {
  return page.evaluate((t) => {
    const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const at = n.data.indexOf(t);
      if (at < 0) continue;
      n.parentElement!.scrollIntoView({ block: 'center' });
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + t.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
      return true;
    }
    return false;
  }, text);
}

/**
 * Stops the extension's service worker (Chromium, through the debugging protocol's
 * Target.closeTarget) every `everyMs` until `stop()`, which resolves with how many times it did.
 */
export function stopWorkerRepeatedly(cdp: CDPSession, extensionId: string, everyMs: number): { stop(): Promise<number> } {
  let killing = true;
  let kills = 0;
  const loop = (async () => {
    while (killing) {
      const { targetInfos } = (await cdp.send('Target.getTargets').catch(() => ({ targetInfos: [] }))) as { targetInfos: { targetId: string; type: string; url: string }[] };
      for (const t of targetInfos) {
        if (t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`)) {
          await cdp.send('Target.closeTarget', { targetId: t.targetId }).catch(() => undefined);
          kills++;
        }
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      killing = false;
      await loop;
      return kills;
    },
  };
}
