import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { render } from 'preact';
import '../../assets/theme.css';
import { ReadingListApp, type ReadingListDeps } from '../../components/ReadingListApp';
import { UserStore } from '../../db/user-store';
import { applyTheme } from '../../components/theme';
import { isSettingsChange, loadSettings, settingsArea } from '../../settings';
import { sendMessage, type Envelope } from '../../messaging';
import './style.css';

const transport = (message: Envelope) => browser.runtime.sendMessage(message);

/** The reader's theme, now and whenever it changes. */
async function followTheme() {
  const { area, name } = await settingsArea(browser.storage);
  const apply = async () => applyTheme(document, await loadSettings(area));
  browser.storage.onChanged.addListener((changes: Record<string, unknown>, changed: string) => {
    if (changed === name && isSettingsChange(changes)) void apply();
  });
  await apply();
}

async function main() {
  const app = document.getElementById('app')!;
  void followTheme().catch(() => undefined);
  let store: UserStore;
  try {
    store = await UserStore.open();
  } catch (err) {
    const p = document.createElement('p');
    p.className = 'bs-error';
    p.textContent = `Backstory could not open your reading list: ${err instanceof Error ? err.message : String(err)}`;
    app.replaceChildren(p);
    return;
  }
  const deps: ReadingListDeps = {
    store,
    async openHighlight(id) {
      const { opened } = await sendMessage(transport, 'openHighlight', { id });
      if (!opened) throw new Error('this highlight is no longer stored.');
    },
    openPage(url) {
      void browser.tabs.create({ url });
    },
    download(filename, data) {
      const url = URL.createObjectURL(data);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    now: () => new Date(),
    onMaybeChanged(callback) {
      // Highlights are saved from other tabs: look again whenever the reader comes back here.
      const onVisible = () => document.visibilityState === 'visible' && callback();
      document.addEventListener('visibilitychange', onVisible);
      window.addEventListener('focus', callback);
      return () => {
        document.removeEventListener('visibilitychange', onVisible);
        window.removeEventListener('focus', callback);
      };
    },
  };
  render(<ReadingListApp deps={deps} />, app);
}

void main();
