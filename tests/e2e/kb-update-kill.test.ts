/**
 * Fault (Chromium): the service worker is stopped again and again, through the debugging protocol,
 * while it imports a new knowledge base over an old one (an extension update). The old KB must go
 * on answering throughout, and the new one must end up whole, in one slot, with the old slot empty.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { KbManifest } from '../../core/kb/types';
import { launchChromiumWithExtension } from './drivers';
import { stopWorkerRepeatedly } from './helpers';
import { CHROME_BUILD } from './paths';

type Chrome = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: any }> } };
const ask = (ext: Page, type: string, payload: unknown): Promise<{ ok: boolean; value?: any } | undefined> =>
  ext.evaluate(
    ([t, p]) => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ backstory: 1, type: t, payload: p }).catch((e: unknown) => ({ ok: false, value: String(e) })),
    [type, payload] as const,
  );

/** Records in each slot's stores, read straight from the extension's database. */
const slotCounts = (ext: Page) =>
  ext.evaluate(
    () =>
      new Promise<Record<string, number | string>>((resolve, reject) => {
        const open = indexedDB.open('backstory-kb');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = ['entries-a', 'entries-b', 'aliases-a', 'aliases-b', 'events-a', 'events-b'];
          const tx = db.transaction([...names, 'meta'], 'readonly');
          const out: Record<string, number | string> = {};
          for (const n of names) {
            const r = tx.objectStore(n).count();
            r.onsuccess = () => (out[n] = r.result);
          }
          const active = tx.objectStore('meta').get('active');
          active.onsuccess = () => {
            out.slot = active.result?.slot;
            out.hash = active.result?.hash;
          };
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
    null,
  );

async function statusOf(ext: Page) {
  const reply = await ask(ext, 'getStatus', {});
  return reply?.ok ? (reply.value.kb as { state: string; hash?: string; entries?: number }) : null;
}

async function waitReady(ext: Page, hash: string) {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const kb = await statusOf(ext);
    if (kb?.state === 'ready' && kb.hash === hash) return kb;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The KB ${hash.slice(0, 12)} never became ready`);
}

describe('a KB update while the service worker is stopped (chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-ext-'));
  const profile = mkdtempSync(join(tmpdir(), 'backstory-kbkill-'));
  let context: BrowserContext | undefined;
  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it('the old KB answers throughout, and the new one ends up whole in one slot', async () => {
    cpSync(CHROME_BUILD, dir, { recursive: true });
    const manifestPath = join(dir, 'kb/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as KbManifest;

    // First run: the shipped KB is installed.
    let id: string;
    ({ context, id } = await launchChromiumWithExtension(profile, dir));
    let ext = await context.newPage();
    await ext.goto(`chrome-extension://${id}/reading-list.html`);
    await waitReady(ext, manifest.hash);
    await context.close();

    // An update ships a KB with another hash (same content: an import all the same).
    const next = `${manifest.hash.slice(0, -8)}0badf00d`;
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, hash: next }));
    for (const file of manifest.files) {
      const path = join(dir, 'kb', file);
      writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), hash: next }));
    }

    ({ context, id } = await launchChromiumWithExtension(profile, dir));
    ext = await context.newPage();
    await ext.goto(`chrome-extension://${id}/reading-list.html`);
    const cdp = await context.newCDPSession(ext);
    const killer = stopWorkerRepeatedly(cdp, id, 300);
    // Meanwhile the reader's cards keep asking the KB.
    const answers = { entry: 0, missing: 0, noAnswer: 0 };
    const states = new Set<string>();
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      const reply = await ask(ext, 'getEntry', { id: 'yalta-conference' });
      if (!reply?.ok) answers.noAnswer++;
      else if (reply.value?.name === 'Yalta Conference') answers.entry++;
      else answers.missing++;
      const kb = await statusOf(ext);
      if (kb) states.add(`${kb.state}:${kb.hash?.slice(-8) ?? ''}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const kills = await killer.stop();
    const during = await slotCounts(ext);

    const ready = await waitReady(ext, next);
    const after = await slotCounts(ext);
    console.log(`[kb-kill] worker stopped ${kills} times during the update; KB answers: ${answers.entry} right, ${answers.missing} missing, ${answers.noAnswer} unanswered (worker stopped); states seen: ${[...states].join(', ')}; active during: ${String(during.hash).slice(-8)} in slot ${during.slot}`);

    expect(kills).toBeGreaterThan(5);
    // The old KB served every query that got an answer; none came back empty.
    expect(answers.missing).toBe(0);
    expect(answers.entry).toBeGreaterThan(0);
    // Until the new KB is complete, the old one stays active.
    if (during.hash !== next) expect(during.hash).toBe(manifest.hash);
    // The new KB is whole, in one slot; the other slot is empty.
    expect(ready.entries).toBe(manifest.entries);
    const live = after.slot as 'a' | 'b';
    const old = live === 'a' ? 'b' : 'a';
    expect(after[`entries-${live}`]).toBe(manifest.entries);
    expect(after[`events-${live}`]).toBe(manifest.events);
    expect([after[`entries-${old}`], after[`aliases-${old}`], after[`events-${old}`]]).toEqual([0, 0, 0]);
  });
});
