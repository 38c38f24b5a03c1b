import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as playwright, type BrowserContext, type Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as PptrBrowser, type ElementHandle, type KeyInput, type Page as PptrPage } from 'puppeteer-core';
import { GECKO_ID } from '../../wxt.config';
import { CHROMIUM, FIREFOX } from './browsers';
import { CHROME_BUILD, FIREFOX_BUILD, requireBuild } from './paths';

/** The few page operations the browser tests need, the same in both browsers. */
export interface TestPage {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Console errors and uncaught errors the browser reported for the page since it opened. */
  errors(): string[];
  /** Runs a script's source in the page (past its CSP, as a debugger would), e.g. to add axe-core. */
  addScript(source: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** Moves the mouse pointer to a point of the viewport. */
  hover(x: number, y: number): Promise<void>;
  waitForSelector(selector: string): Promise<void>;
  /** Types text with the keyboard into whatever has focus. */
  type(text: string): Promise<void>;
  /** Presses a key, with modifiers: 'Control+Enter'. */
  press(combo: string): Promise<void>;
  /** Chooses a file in a file input. */
  upload(selector: string, file: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
  /**
   * The text inside Backstory's closed shadow root, read through the browser's debugging protocol
   * (page scripts cannot). Chromium only: WebDriver BiDi has no way into a closed root.
   */
  cardText?(): Promise<string>;
  /** The visible text of the newest frame whose address contains `urlPart` ('' when there is none). */
  frameText(urlPart: string): Promise<string>;
}

export interface BrowserDriver {
  name: 'chromium' | 'firefox';
  newPage(): Promise<TestPage>;
  /** URL of a file inside the installed extension. */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a profile (e.g. to test a browser restart); a fresh one by default. */
  profileDir?: string;
  /** Extra Firefox preferences (e.g. every window private). */
  firefoxPrefs?: Record<string, unknown>;
}

/**
 * Debian's Chromium with the built extension loaded, headless, on a closed network; resolves once
 * the extension's service worker runs, with its id. Shared by the browser tests and the benchmarks.
 */
export async function launchChromiumWithExtension(profile: string, extDir = CHROME_BUILD): Promise<{ context: BrowserContext; id: string }> {
  const ext = requireBuild(extDir);
  const context = await playwright.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: chromiumArgs(ext),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return { context, id: new URL(worker.url()).host };
}

function chromiumArgs(ext: string): string[] {
  return [
    '--headless=new',
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export async function launchChromium(options: LaunchOptions = {}): Promise<BrowserDriver> {
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'backstory-chromium-'));
  const { context, id } = await launchChromiumWithExtension(profile);
  return {
    name: 'chromium',
    async newPage() {
      return wrapPlaywright(await context.newPage());
    },
    extensionUrl: (path) => `chrome-extension://${id}/${path.replace(/^\//, '')}`,
    async close() {
      await context.close();
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<BrowserDriver> {
  const ext = requireBuild(FIREFOX_BUILD);
  // A fixed internal UUID lets the tests open moz-extension:// pages.
  // The same profile keeps the same UUID, so a restart finds the add-on's origin (and data) again.
  const uuid = options.profileDir ? uuidFrom(options.profileDir) : randomUUID();
  const browser: PptrBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: options.profileDir,
    defaultViewport: { width: 1280, height: 900 },
    // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // A temporary add-on is removed when Firefox closes; keep its storage for restart tests.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      'xpinstall.signatures.required': false,
      ...options.firefoxPrefs,
    },
  });
  await browser.installExtension(ext);
  return {
    name: 'firefox',
    async newPage() {
      return wrapPuppeteer(await browser.newPage());
    },
    extensionUrl: (path) => `moz-extension://${uuid}/${path.replace(/^\//, '')}`,
    close: () => browser.close(),
  };
}

function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function launchers(): Array<[string, (o?: LaunchOptions) => Promise<BrowserDriver>]> {
  return [
    ['chromium', launchChromium],
    ['firefox', launchFirefox],
  ];
}

interface CdpNode {
  nodeType: number;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

function textOf(node: CdpNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  return [...(node.shadowRoots ?? []), ...(node.children ?? [])].map(textOf).join(' ');
}

function findHost(node: CdpNode): CdpNode | null {
  if (node.attributes?.includes('data-backstory-host')) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findHost(child);
    if (found) return found;
  }
  return null;
}

/** The newest frame still attached whose address contains `urlPart` (Playwright). */
export function newestFrame(page: PwPage, urlPart: string) {
  return page.frames().filter((f) => !f.isDetached() && f.url().includes(urlPart)).at(-1);
}

/** The visible text of that frame, whitespace folded ('' when there is none). */
export async function playwrightFrameText(page: PwPage, urlPart: string): Promise<string> {
  const frame = newestFrame(page, urlPart);
  return frame ? (await frame.evaluate(() => document.body.innerText).catch(() => '')).replace(/\s+/g, ' ') : '';
}

function wrapPlaywright(page: PwPage): TestPage {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    errors: () => [...errors],
    async cardText() {
      const cdp = await page.context().newCDPSession(page);
      try {
        const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
        const host = findHost(root);
        return host ? textOf(host).replace(/\s+/g, ' ').trim() : '';
      } finally {
        await cdp.detach();
      }
    },
    frameText: (urlPart) => playwrightFrameText(page, urlPart),
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    addScript: async (source) => void (await page.evaluate(source)),
    click: (selector) => page.click(selector),
    hover: (x, y) => page.mouse.move(x, y, { steps: 4 }),
    waitForSelector: async (selector) => void (await page.waitForSelector(selector)),
    type: (text) => page.keyboard.type(text, { delay: 5 }),
    press: (combo) => page.keyboard.press(combo),
    upload: (selector, file) => page.setInputFiles(selector, file),
    screenshot: async (path) => void (await page.screenshot({ path })),
    close: () => page.close(),
  };
}

function wrapPuppeteer(page: PptrPage): TestPage {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    errors: () => [...errors],
    async goto(url) {
      if (!url.startsWith('moz-extension:')) {
        await page.goto(url, { waitUntil: 'load' });
        return;
      }
      // Firefox loads extension pages but never reports the navigation as finished over BiDi,
      // so wait for the document itself.
      void page.goto(url, { timeout: 60_000 }).catch(() => undefined);
      const end = Date.now() + 30_000;
      while (Date.now() < end) {
        const ready = await page
          .evaluate((want) => location.href === want && document.readyState === 'complete', url)
          .catch(() => false);
        if (ready) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Firefox did not open ${url}`);
    },
    async reload() {
      // page.url() is stale for extension pages (their navigations never finish over BiDi).
      const href = await page.evaluate(() => location.href);
      if (!href.startsWith('moz-extension:')) {
        await page.reload({ waitUntil: 'load' });
        return;
      }
      // As for goto: wait for a new document rather than for BiDi to report the navigation.
      await page.evaluate(() => ((window as unknown as { oldDocument: boolean }).oldDocument = true));
      void page.reload({ timeout: 60_000 }).catch(() => undefined);
      const end = Date.now() + 30_000;
      while (Date.now() < end) {
        const ready = await page
          .evaluate(() => !(window as unknown as { oldDocument?: boolean }).oldDocument && document.readyState === 'complete')
          .catch(() => false);
        if (ready) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Firefox did not reload ${href}`);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async frameText(urlPart) {
      // Extension frames are reported as about:blank over BiDi: ask each frame where it is.
      for (const frame of page.frames().filter((f) => !f.detached && f !== page.mainFrame()).reverse()) {
        const seen = await frame.evaluate(() => [location.href, document.body?.innerText ?? ''] as const).catch(() => ['', ''] as const);
        if (seen[0].includes(urlPart)) return seen[1].replace(/\s+/g, ' ');
      }
      return '';
    },
    addScript: async (source) => void (await page.evaluate(source)),
    click: (selector) => page.click(selector),
    hover: (x, y) => page.mouse.move(x, y, { steps: 4 }),
    waitForSelector: async (selector) => void (await page.waitForSelector(selector)),
    type: (text) => page.keyboard.type(text, { delay: 5 }),
    async press(combo) {
      const keys = combo.split('+') as KeyInput[];
      const key = keys.pop()!;
      for (const k of keys) await page.keyboard.down(k);
      await page.keyboard.press(key);
      for (const k of keys.reverse()) await page.keyboard.up(k);
    },
    async upload(selector, file) {
      const input = await page.$(selector);
      if (!input) throw new Error(`No ${selector} on the page`);
      await (input as ElementHandle<HTMLInputElement>).uploadFile(file);
    },
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    close: () => page.close(),
  };
}
