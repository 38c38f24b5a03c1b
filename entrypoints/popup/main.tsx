import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { render } from 'preact';
import '../../assets/theme.css';
import { PopupApp, type PopupDeps } from '../../components/PopupApp';
import { sendMessage, type Envelope, type MessageType, type RequestOf } from '../../messaging';
import { SETTINGS_KEY } from '../../settings';
import { UserStore } from '../../db/user-store';
import './style.css';

const transport = (message: Envelope) => browser.runtime.sendMessage(message);

let users: Promise<UserStore> | null = null;
const userStore = () => (users ??= UserStore.open());

const deps: PopupDeps = {
  recentNotes: async (limit) => (await userStore()).recentNotes(limit),
  async savePage(url, title) {
    await (await userStore()).savePage(url, title);
  },
  isPageSaved: async (url) => !!(await (await userStore()).getPage(url)),
  openHighlight(id) {
    void sendMessage(transport, 'openHighlight', { id }).then(() => window.close());
  },
  async targetTab() {
    // Opened as a page (tests, keyboard users who pin it) the popup may name its tab: ?tab=ID.
    const named = Number(new URLSearchParams(location.search).get('tab'));
    if (Number.isSafeInteger(named) && named > 0) return browser.tabs.get(named).catch(() => ({ id: named }));
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab ?? null;
  },
  send: <T extends MessageType>(type: T, payload: RequestOf<T>) =>
    sendMessage(transport, type, ...([payload] as never)),
  storage: browser.storage.local,
  onSettingsChanged(callback) {
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SETTINGS_KEY in changes) callback();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
  openReadingList() {
    void browser.tabs.create({ url: browser.runtime.getURL('/reading-list.html') });
    window.close();
  },
};

render(<PopupApp deps={deps} />, document.getElementById('app')!);
