/**
 * Knowledge-base figures: compiled sizes, import time into IndexedDB in Chromium (against a bare
 * IndexedDB write of the same number of records in the same browser), and query latency through
 * the extension's messages, cold (first query after the service worker is stopped) and warm.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { KbManifest } from '../../core/kb/types';
import { ensureBrowsers } from '../../tests/e2e/browsers';
import { launchChromiumWithExtension } from '../../tests/e2e/drivers';
import { CHROME_BUILD } from '../../tests/e2e/paths';
import { SEED_TEXT } from './corpus';
import { ALIAS_BUCKETS } from '../../db/kb-store';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

export async function benchKb(): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(CHROME_BUILD, 'kb/manifest.json'), 'utf8')) as KbManifest;
  const raw = Buffer.concat(manifest.files.map((f) => readFileSync(join(CHROME_BUILD, 'kb', f))));
  const gz = gzipSync(raw, { level: 9 });
  console.log(`\n## Knowledge base`);
  console.log(`compiled: ${manifest.entries} entries, ${manifest.aliases} aliases, ${manifest.events} dated facts`);
  console.log(`size: ${(raw.length / 1e6).toFixed(2)} MB raw, ${(gz.length / 1e6).toFixed(2)} MB gzip, in ${manifest.files.length} parts; detection index ${(readFileSync(join(CHROME_BUILD, 'kb', manifest.matcher)).length / 1e6).toFixed(2)} MB`);

  ensureBrowsers();
  const profile = mkdtempSync(join(tmpdir(), 'backstory-bench-'));
  const launched = performance.now();
  const { context, id } = await launchChromiumWithExtension(profile);
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/reading-list.html`);
    const send = (type: string, payload: unknown) =>
      page.evaluate(([t, p]) => (globalThis as any).chrome.runtime.sendMessage({ backstory: 1, type: t, payload: p }), [type, payload] as const) as Promise<{ ok: boolean; value: any }>;
    let status: any;
    for (;;) {
      status = (await send('getStatus', {})).value;
      if (status?.kb?.state === 'ready' || status?.kb?.state === 'error') break;
      await page.waitForTimeout(50);
    }
    const readyAfter = performance.now() - launched;
    if (status.kb.state !== 'ready') throw new Error(`KB import failed: ${status.kb.message}`);
    const importMs = status.kbDetails.importMs as number;
    // Entries, alias buckets and dated facts: the records the import writes.
    const records = manifest.entries + Math.min(ALIAS_BUCKETS, manifest.aliases) + manifest.events;
    const baseline = await page.evaluate(async (n) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('bench-baseline', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('s', { keyPath: 'id' });
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const t = performance.now();
      const tx = db.transaction('s', 'readwrite');
      for (let i = 0; i < n; i++) tx.objectStore('s').put({ id: `record-${i}`, name: `Record ${i}`, n: i });
      await new Promise((r) => (tx.oncomplete = r));
      const took = performance.now() - t;
      db.close();
      indexedDB.deleteDatabase('bench-baseline');
      return took;
    }, records);
    console.log(`import into IndexedDB (Chromium): ${ms(importMs)} for ${records} records (entries, alias buckets, dated facts); ready ${ms(readyAfter)} after browser launch`);
    console.log(`baseline, bare IndexedDB put of ${records} small records in one transaction: ${ms(baseline)} → import/baseline ${(importMs / baseline).toFixed(2)}×`);

    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await page.waitForTimeout(200);
      const t = performance.now();
      const r = await send('getEntry', { id: 'yalta-conference' });
      cold.push(performance.now() - t);
      if (!r.ok || !r.value) throw new Error('cold query returned nothing');
    }
    const warm = { getEntry: [] as number[], findByAlias: [] as number[], onThisDay: [] as number[], getStatus: [] as number[] };
    const queries: Array<[keyof typeof warm, unknown]> = [
      ['getEntry', { id: 'kwantung-army' }],
      ['findByAlias', { name: 'Halkhin Gol' }],
      ['onThisDay', { month: 8, day: 9 }],
      ['getStatus', {}],
    ];
    for (let i = 0; i < 60; i++) {
      for (const [type, payload] of queries) {
        const t = performance.now();
        await send(type, payload);
        warm[type].push(performance.now() - t);
      }
    }
    console.log(`cold query (service worker stopped, then getEntry): median ${ms(median(cold))}, max ${ms(Math.max(...cold))}`);
    for (const [type, xs] of Object.entries(warm)) {
      console.log(`warm ${type.padEnd(11)} median ${ms(median(xs))}, p95 ${ms(p95(xs))}${type === 'getStatus' ? '  (baseline: message round trip)' : ` → ${(median(xs) / median(warm.getStatus)).toFixed(2)}× baseline`}`);
    }

    // Detection in the background, as the content script asks for it: cold (worker stopped) and warm.
    const seedText = readFileSync(SEED_TEXT, 'utf8');
    const segments = seedText.split('\n').filter((l) => l.trim()).map((text, block) => ({ text, block }));
    const payloadKB = Buffer.byteLength(JSON.stringify({ segments })) / 1e3;
    // Timed inside the page, so that handing the answer to the benchmark is not counted.
    const timedDetect = () =>
      page.evaluate(async (segs) => {
        const t = performance.now();
        const r = await (globalThis as any).chrome.runtime.sendMessage({ backstory: 1, type: 'detect', payload: { segments: segs } });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        return { total: performance.now() - t, inWorker: r.value.ms as number, mentions: r.value.mentions.length as number };
      }, segments);
    const detectCold: number[] = [];
    for (let i = 0; i < 3; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await page.waitForTimeout(200);
      detectCold.push((await timedDetect()).total);
    }
    const detectWarm: number[] = [];
    let inWorker: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await timedDetect();
      detectWarm.push(r.total);
      inWorker.push(r.inWorker);
    }
    console.log(`\n## Detection in the background (Chromium, seed article, ${payloadKB.toFixed(0)} kB of segments per request)`);
    console.log(`cold (worker stopped; includes loading the matcher): median ${ms(median(detectCold))}`);
    console.log(`warm round trip: median ${ms(median(detectWarm))} (detection itself ${ms(median(inWorker))}, messaging ${ms(median(detectWarm) - median(inWorker))})`);
    inWorker = [];

    // A browser restart with the same profile must not import again.
    await context.close();
    const { context: again } = await launchChromiumWithExtension(profile);
    const p2 = await again.newPage();
    await p2.goto(`chrome-extension://${id}/reading-list.html`);
    const s2 = (await p2.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ backstory: 1, type: 'getStatus', payload: {} }))) as any;
    console.log(`after restart: imported at the same time as before: ${s2.value.kbDetails?.importedAt === status.kbDetails.importedAt ? 'yes (no re-import)' : 'NO (re-imported)'}`);
    await again.close();
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
