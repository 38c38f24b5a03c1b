import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '../background/handlers';
import { KbService } from '../background/kb-service';
import { Detector } from '../core/detect/detector';
import { unpackMatcher } from '../core/detect/matcher-data';
import type { KbManifest } from '../core/kb/types';
import { KbStore } from '../db/kb-store';
import { UserStore } from '../db/user-store';
import { normaliseUrl } from '../core/annotations/url';
import { badgeFor } from '../background/badge';
import { routeMessage, type SenderInfo } from '../messaging';
import { decideForUrl, settingsArea, siteKeyOf, updateSettings, withSiteMode } from '../settings';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  let store: Promise<KbStore> | null = null;
  const kbStore = () => (store ??= KbStore.open());
  async function fetchPacked(path: string): Promise<Response> {
    const res = await fetch(browser.runtime.getURL(`/${path}` as '/'));
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res;
  }
  const fetchJson = async <T>(path: string): Promise<T> => (await (await fetchPacked(path)).json()) as T;
  const kb = new KbService({ store: kbStore, fetchJson, log: (m) => console.info(m) });
  // Detection runs here, once for all tabs (see README, "Where detection runs").
  let detector: Promise<Detector> | null = null;
  const loadDetector = () =>
    (detector ??= fetchJson<KbManifest>('kb/manifest.json')
      .then((m) => fetchPacked(`kb/${m.matcher}`))
      .then(async (res) => new Detector(unpackMatcher(await res.arrayBuffer())))
      .catch((err) => {
        detector = null;
        throw err;
      }));
  let users: Promise<UserStore> | null = null;
  const userStore = () =>
    (users ??= UserStore.open().catch((err) => {
      users = null;
      throw err;
    }));
  const handlers = createHandlers({
    userStore,
    openTab: async (url) => (await browser.tabs.create({ url })).id,
    badge: (tabId, report) => {
      const b = badgeFor(report);
      // A tab closed meanwhile is not an error worth reporting.
      void Promise.all([
        browser.action.setBadgeText({ tabId, text: b.text }),
        browser.action.setBadgeBackgroundColor({ tabId, color: b.color }),
        browser.action.setTitle({ tabId, title: b.title }),
      ]).catch(() => undefined);
    },
    version: browser.runtime.getManifest().version,
    session: browser.storage.session,
    kbStatus: () => kb.status(),
    kbStore,
    kbReady: () => kb.whenReady(),
    detector: loadDetector,
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: SenderInfo) =>
    routeMessage(message, sender, self, handlers),
  );
  browser.tabs.onRemoved.addListener((tabId) => void handlers.forgetTab(tabId));
  // Keyboard shortcuts: the content script of the active tab opens the card or the save form.
  browser.commands.onCommand.addListener(async (command) => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (command === 'toggle-site') {
      // Switch the active tab's site off if Backstory runs there, on if not; open tabs follow live.
      const site = tab?.url ? siteKeyOf(tab.url) : null;
      if (!site || !tab?.url) return;
      const { area } = await settingsArea(browser.storage);
      // The site's own mode decides, whatever the global pause says (the pause stays as it is).
      await updateSettings(area, (s) => withSiteMode(s, site, decideForUrl({ ...s, paused: false }, tab.url!).active ? 'off' : 'on'));
      return;
    }
    if (command !== 'open-card' && command !== 'save-highlight') return;
    if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, { backstory: 1, command }).catch(() => undefined);
  });
  // The context menu: save the selection (the page's content script opens the save form, so the
  // reader can add a note) or save the page to read later.
  void browser.contextMenus
    .removeAll()
    .then(() => {
      const pages = ['http://*/*', 'https://*/*'];
      browser.contextMenus.create({ id: 'save-highlight', title: 'Save highlight to Backstory', contexts: ['selection'], documentUrlPatterns: pages });
      browser.contextMenus.create({ id: 'save-page', title: 'Save page to Backstory reading list', contexts: ['page'], documentUrlPatterns: pages });
    })
    .catch((err) => console.warn('Backstory could not add its context menu:', err));
  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    if (tab?.id === undefined) return;
    if (info.menuItemId === 'save-highlight') {
      await browser.tabs.sendMessage(tab.id, { backstory: 1, command: 'save-highlight' }, { frameId: info.frameId ?? 0 }).catch(() => undefined);
    } else if (info.menuItemId === 'save-page') {
      const url = normaliseUrl(tab.url ?? info.pageUrl ?? '');
      if (url) await (await userStore()).savePage(url, tab.title ?? url);
    }
  });
  // Every start checks the hash; an import happens only on install, update or a lost database.
  void kb.ensure();
  // A worker usually starts because a page is about to ask for detection: have the index ready.
  void loadDetector().catch((err) => console.warn('Backstory could not load its detection index:', err));
});
