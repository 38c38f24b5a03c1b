/**
 * Hostile and odd pages, in both browsers. Each page is read with Backstory on and again with the
 * site switched off; Backstory must leave the page's DOM (outside its one host) and layout as they
 * were, add no console errors, and still mark the names it should (and none it should not).
 * Event-loop gaps (a long-task measure both browsers have) are printed as figures, not asserted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatcherData } from '../../core/detect/matcher-data';
import { requireShippedMatcher } from '../../scripts/kb/shipped';
import { Detector } from '../../core/detect/detector';
import { documentFromSegments } from '../../core/detect/document';
import { generatePage } from '../../scripts/bench/corpus';
import { launchers, type BrowserDriver, type TestPage } from './drivers';
import { startFixtureServer } from './fixture-server';
import { poll, waitForReport } from './helpers';
import { CHROME_BUILD, OWN_FIXTURES } from './paths';

interface PageCase {
  file: string;
  /** Names that must be marked. */
  marked: string[];
  /** Elements whose text must never be marked. */
  untouched?: string[];
  /** A name to hover: its card must open, visible and on top. */
  card?: string;
  /** The page changes itself over time: compare what was added, not the whole DOM. */
  dynamic?: boolean;
  settleMs?: number;
}

const CASES: PageCase[] = [
  { file: 'big-text.html', marked: ['Yalta Conference'], settleMs: 4000 },
  { file: 'infinite.html', marked: ['Yalta Conference'], dynamic: true, settleMs: 6000 },
  { file: 'hydrate.html', marked: ['Molotov', 'Kwantung Army'], settleMs: 2500 },
  { file: 'editors.html', marked: ['Yalta Conference', 'Kwantung Army'], untouched: ['#editable', '#rich', '#plain'], card: 'Kwantung Army' },
  { file: 'iframes.html', marked: ['Yalta Conference', 'Stalin'] },
  { file: 'shadow.html', marked: ['Yalta Conference', 'Stalin'] },
  { file: 'rtl.html', marked: ['Yalta Conference', 'Kwantung Army'] },
  { file: 'unicode.html', marked: ['Kwantung Army', 'Stalin'] },
  { file: 'hostile-css.html', marked: ['Yalta Conference', 'Kwantung Army'], card: 'Kwantung Army' },
  { file: 'csp.html', marked: ['Yalta Conference', 'Kwantung Army'], card: 'Kwantung Army' },
  { file: 'no-body.html', marked: ['Yalta Conference', 'Kwantung Army'] },
  { file: 'plain.txt', marked: ['Yalta Conference', 'Kwantung Army'] },
  { file: 'doc.svg', marked: [] },
];

interface Observed {
  dom: string;
  height: number;
  marked: string[];
  inUntouched: number;
  monitor: { errors: string[]; maxGapMs: number; layoutShift: number; attributes: string[]; added: string[] } | null;
  errors: string[];
}

async function observe(page: TestPage, c: PageCase): Promise<Observed> {
  const seen = await page.evaluate((untouched) => {
    const root = document.documentElement;
    const clone = root.cloneNode(true) as Element;
    clone.querySelectorAll('[data-backstory-host]').forEach((h) => h.remove());
    const reg = (globalThis as unknown as { CSS?: { highlights?: Map<string, Set<Range>> } }).CSS?.highlights;
    const ranges = [...(reg?.get('backstory-entity') ?? [])];
    const inside = untouched.flatMap((sel) => [...document.querySelectorAll(sel)]);
    return {
      dom: clone.outerHTML,
      height: root.scrollHeight,
      marked: [...new Set(ranges.map((r) => r.toString().replace(/\s+/g, ' ')))],
      inUntouched: ranges.filter((r) => inside.some((el) => el.contains(r.commonAncestorContainer))).length,
      monitor: (window as unknown as { __monitor?: Observed['monitor'] }).__monitor ?? null,
    };
  }, c.untouched ?? []);
  return { ...seen, monitor: seen.monitor && JSON.parse(JSON.stringify(seen.monitor)), errors: page.errors() };
}

/** Moves the pointer onto `text` and waits for the card: open, displayed, and what is on top there. */
async function cardOpensOn(page: TestPage, text: string): Promise<boolean> {
  const point = await page.evaluate((t) => {
    const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const at = n.data.indexOf(t);
      if (at < 0 || n.parentElement?.closest('[contenteditable], textarea')) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + t.length);
      const box = r.getClientRects()[0];
      return { x: box.left + 5, y: box.top + box.height / 2 };
    }
    return null;
  }, text);
  if (!point) return false;
  await page.hover(point.x, point.y);
  return poll(
    `a visible card for "${text}"`,
    () =>
      page.evaluate(() => {
        const host = document.querySelector('[data-backstory-host]') as HTMLElement | null;
        if (!host || !host.matches(':popover-open') || getComputedStyle(host).display === 'none') return false;
        const box = host.getBoundingClientRect();
        return box.width > 100 && document.elementFromPoint(box.left + box.width / 2, box.top + 20) === host;
      }, null),
    6_000,
  );
}

const setSiteOff = (ext: TestPage, off: boolean) =>
  ext.evaluate(async (o) => {
    const g = globalThis as unknown as { browser?: any; chrome?: any };
    const sync = (g.browser ?? g.chrome).storage.sync;
    if (o) await sync.set({ settings: { version: 3, siteChunks: 1 }, 'sites.0': '127.0.0.1=off' });
    else await sync.remove(['settings', 'sites.0']);
  }, off);

describe.each(launchers())('hostile pages in %s', (name, launch) => {
  let driver: BrowserDriver;
  let ext: TestPage;
  let server: { origin: string; close(): Promise<void> };
  let dir: string;
  let matcher: MatcherData;
  const on = new Map<string, Observed>();
  const off = new Map<string, Observed>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backstory-hostile-'));
    matcher = requireShippedMatcher(join(CHROME_BUILD, 'kb')).data;
    const story = 'At the Yalta Conference in February 1945, Stalin promised Churchill and Roosevelt to enter the war against Japan.';
    const paragraphs = generatePage(matcher, 2_000_000).split('\n\n').map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
    writeFileSync(join(dir, 'big-text.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>2 MB</title><script src="monitor.js"></script></head><body><article><p>${story}</p>${paragraphs.join('\n')}</article></body></html>`);
    server = await startFixtureServer([dir, join(OWN_FIXTURES, 'hostile')]);
    driver = await launch();
    ext = await driver.newPage();
    await ext.goto(driver.extensionUrl('/reading-list.html'));
    // Read every page with Backstory on, then every page with the site off.
    for (const [map, siteOff] of [[on, false], [off, true]] as const) {
      await setSiteOff(ext, siteOff);
      for (const c of CASES) {
        const page = await driver.newPage();
        const url = `${server.origin}/${c.file}`;
        await page.goto(url);
        if (!siteOff) await waitForReport(ext, url, (r) => r.active && r.entities !== undefined, 0).catch(() => undefined);
        await page.evaluate((ms) => new Promise((r) => setTimeout(r, ms)), c.settleMs ?? 1500);
        map.set(c.file, await observe(page, c));
        await page.close();
      }
    }
    await setSiteOff(ext, false);
  }, 600_000);

  afterAll(async () => {
    const rows = CASES.map((c) => {
      const a = on.get(c.file)?.monitor;
      const b = off.get(c.file)?.monitor;
      return `${c.file.padEnd(18)} longest gap ${a ? a.maxGapMs.toFixed(0) : '—'} ms (site off: ${b ? b.maxGapMs.toFixed(0) : '—'} ms)${a && a.layoutShift ? `, layout shift ${a.layoutShift.toFixed(3)}` : ''}`;
    });
    console.log(`[${name}] hostile pages:\n${rows.join('\n')}`);
    await driver?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES)(`[${name}] $file: marks what it should, no errors, DOM and layout as without Backstory`, async (c) => {
    const a = on.get(c.file)!;
    const b = off.get(c.file)!;
    for (const n of c.marked) expect(a.marked, `"${n}" marked`).toContain(n);
    expect(b.marked, 'nothing marked with the site off').toEqual([]);
    expect(a.inUntouched, 'marks inside editors').toBe(0);
    expect(a.errors, `browser console errors: ${a.errors.join(' | ')}`).toEqual(b.errors);
    if (a.monitor && b.monitor) {
      expect(a.monitor.errors, 'errors the page saw').toEqual(b.monitor.errors);
      expect(a.monitor.errors).toEqual([]);
      expect(a.monitor.attributes, 'attribute changes').toEqual(b.monitor.attributes);
      expect(a.monitor.added.filter((n) => n !== 'P'), 'elements added').toEqual(b.monitor.added.filter((n) => n !== 'P'));
    }
    if (!c.dynamic) {
      expect(a.dom, 'the page DOM outside the host').toBe(b.dom);
      expect(a.height, 'the page height').toBe(b.height);
    }
  });

  it(`[${name}] a page that grows is read by difference, and ends with what reading it whole finds`, async () => {
    const page = await driver.newPage();
    const url = `${server.origin}/infinite.html`;
    await page.goto(url);
    // 5,001 paragraphs arrive over five seconds; the page is read again and again as they do.
    await poll('the feed to stop growing', () => page.evaluate(() => (document.querySelectorAll('#feed p').length >= 5001 ? true : null), null), 20_000);
    const texts = await page.evaluate(() => [...document.querySelectorAll('#feed p')].map((p) => p.textContent ?? ''), null);
    const doc = documentFromSegments(texts.map((text, block) => ({ text, block })));
    const whole = new Detector(matcher).detect(doc);
    const entities = whole.filter((m) => m.kind === 'entity').length;
    const report = await waitForReport(ext, url, (r) => r.characters === doc.text.length && r.entities !== undefined);
    expect(entities).toBeGreaterThan(40_000);
    expect({ entities: report.entities, dates: report.dates }).toEqual({ entities, dates: whole.length - entities });
    await page.close();
  });

  it(`[${name}] on the 2 MB page, marks are registered near the viewport and follow the reader down`, async () => {
    const page = await driver.newPage();
    const url = `${server.origin}/big-text.html`;
    await page.goto(url);
    const report = await waitForReport(ext, url, (r) => (r.marks ?? 0) > 1500);
    // What the browser has registered, and how much of it lies within the window's height.
    const registered = () =>
      page.evaluate(() => {
        const ranges = [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('backstory-entity') ?? [])];
        const inView = ranges.filter((r) => {
          const b = r.getBoundingClientRect();
          return b.bottom > 0 && b.top < innerHeight;
        }).length;
        return { size: ranges.length, inView };
      }, null);
    const top = await poll('marks near the top', async () => ((await registered()).inView > 0 ? registered() : null), 10_000);
    // Every mark is found and counted, but only a window of them is registered with the browser.
    expect(top.size).toBeLessThan(report.entities! / 10);
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight * 0.8), null);
    const down = await poll('marks where the reader scrolled to', async () => ((await registered()).inView > 0 ? registered() : null), 10_000);
    expect(down.inView).toBeGreaterThan(0);
    expect(down.size).toBeLessThan(report.entities! / 10);
    await page.close();
  });

  it(`[${name}] cards open, visible and on top, on hostile CSS, a strict CSP and in an editor page`, async () => {
    for (const c of CASES.filter((x) => x.card)) {
      const page = await driver.newPage();
      const url = `${server.origin}/${c.file}`;
      await page.goto(url);
      await waitForReport(ext, url, (r) => (r.marks ?? 0) > 0);
      expect(await cardOpensOn(page, c.card!), c.file).toBe(true);
      expect(page.errors(), c.file).toEqual([]);
      await page.close();
    }
  });
});
