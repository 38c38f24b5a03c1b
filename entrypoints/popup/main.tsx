import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { render } from 'preact';
import '../../assets/theme.css';
import { PopupApp, type PopupDeps } from '../../components/PopupApp';
import { settingsAccess } from '../../components/settings-access';
import type { PageIndexReply } from '../../core/cards/page-index';
import { UserStore } from '../../db/user-store';
import { sendMessage, type Envelope, type MessageType, type RequestOf } from '../../messaging';
import './style.css';

const transport = (message: Envelope) => browser.runtime.sendMessage(message);

let users: Promise<UserStore> | null = null;
const userStore = () => (users ??= UserStore.open());
const settings = settingsAccess(document);

/** Asks the tab's content script; null when there is none (a browser page, a tab opened before install). */
async function askTab(tabId: number, command: string, extra: Record<string, unknown> = {}): Promise<PageIndexReply | null> {
  const reply = await browser.tabs.sendMessage(tabId, { backstory: 1, command, ...extra }).catch(() => null);
  return (reply as PageIndexReply | null) ?? null;
}

const deps: PopupDeps = {
  async targetTab() {
    // Opened as a page (tests, keyboard users who pin it) the popup may name its tab: ?tab=ID.
    const named = Number(new URLSearchParams(location.search).get('tab'));
    if (Number.isSafeInteger(named) && named > 0) return browser.tabs.get(named).catch(() => ({ id: named }));
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab ?? null;
  },
  send: <T extends MessageType>(type: T, payload: RequestOf<T>) => sendMessage(transport, type, ...([payload] as never)),
  loadSettings: settings.loadSettings,
  updateSettings: settings.updateSettings,
  onSettingsChanged: settings.onSettingsChanged,
  pageIndex: (tabId) => askTab(tabId, 'page-index'),
  readPage: (tabId) => askTab(tabId, 'read-page'),
  showMention(tabId, index) {
    void browser.tabs.sendMessage(tabId, { backstory: 1, command: 'show-mention', index }).catch(() => undefined);
    // A popup closes when focus moves to the page; opened as a tab (?tab=) it stays.
    if (!new URLSearchParams(location.search).has('tab')) window.close();
  },
  openReadingList() {
    void browser.tabs.create({ url: browser.runtime.getURL('/reading-list.html') });
    window.close();
  },
  openOptions() {
    void browser.runtime.openOptionsPage();
    window.close();
  },
  recentNotes: async (limit) => (await userStore()).recentNotes(limit),
  async savePage(url, title) {
    await (await userStore()).savePage(url, title);
  },
  isPageSaved: async (url) => !!(await (await userStore()).getPage(url)),
  openHighlight(id) {
    void sendMessage(transport, 'openHighlight', { id }).then(() => window.close());
  },
};

render(<PopupApp deps={deps} />, document.getElementById('app')!);
