import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbManifest } from '../../core/kb/types';
import type { Status } from '../../messaging';
import { launchChromium, launchers, type BrowserDriver, type TestPage } from './drivers';
import { poll, sendFromExtensionPage } from './helpers';
import { CHROME_BUILD, FIREFOX_BUILD } from './paths';

const shipped = (dir: string) => JSON.parse(readFileSync(join(dir, 'kb/manifest.json'), 'utf8')) as KbManifest;

async function readyStatus(page: TestPage): Promise<Status> {
  return poll(
    'the knowledge base import',
    async () => {
      const reply = await sendFromExtensionPage(page, 'getStatus', {});
      const status = reply.value as Status;
      if (status?.kb.state === 'error') throw new Error(status.kb.message);
      return status?.kb.state === 'ready' ? status : null;
    },
    60_000,
  );
}

describe.each(launchers())('knowledge base in %s', (name, launch) => {
  let driver: BrowserDriver;
  let ext: TestPage;

  beforeAll(async () => {
    driver = await launch();
    ext = await driver.newPage();
    await ext.goto(driver.extensionUrl('/reading-list.html'));
  });
  afterAll(async () => driver?.close());

  it(`[${name}] imports the shipped KB on install and reports its hash and size`, async () => {
    const manifest = shipped(name === 'chromium' ? CHROME_BUILD : FIREFOX_BUILD);
    const status = await readyStatus(ext);
    expect(status.kb).toEqual({ state: 'ready', hash: manifest.hash, entries: manifest.entries });
    expect(manifest.entries).toBeGreaterThanOrEqual(20_000);
    expect(status.kbDetails).toMatchObject({ aliases: manifest.aliases, events: manifest.events });
  });

  it(`[${name}] answers KB queries from IndexedDB`, async () => {
    const byAlias = await sendFromExtensionPage(ext, 'findByAlias', { name: 'Halkhin Gol' });
    expect((byAlias.value as Array<{ id: string }>).map((e) => e.id)).toContain('battles-of-khalkhin-gol');
    const entry = await sendFromExtensionPage(ext, 'getEntry', { id: 'yalta-conference' });
    expect(entry.value).toMatchObject({ name: 'Yalta Conference', start: '1945-02-04', end: '1945-02-11' });
    const day = await sendFromExtensionPage(ext, 'onThisDay', { month: 8, day: 9 });
    expect((day.value as Array<{ entry: { id: string } }>).map((h) => h.entry.id)).toContain('soviet-japanese-war');
    const related = await sendFromExtensionPage(ext, 'getRelated', { id: 'yalta-conference' });
    expect((related.value as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('knowledge base across a browser restart', () => {
  it('[chromium] is not imported again when the browser restarts with the same profile', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'backstory-restart-'));
    try {
      let driver: BrowserDriver = await launchChromium({ profileDir });
      let page = await driver.newPage();
      await page.goto(driver.extensionUrl('/reading-list.html'));
      const first = await readyStatus(page);
      await driver.close();

      driver = await launchChromium({ profileDir });
      page = await driver.newPage();
      await page.goto(driver.extensionUrl('/reading-list.html'));
      const second = await readyStatus(page);
      expect(second.kb).toEqual(first.kb);
      expect(second.kbDetails?.importedAt).toBe(first.kbDetails?.importedAt);
      await driver.close();
    } finally {
      rmSync(profileDir, { recursive: true, force: true });
    }
  });
});
