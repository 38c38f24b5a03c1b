import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { render } from 'preact';
import '../../assets/theme.css';
import { OptionsApp, type OptionsDeps } from '../../components/OptionsApp';
import { applyTheme } from '../../components/theme';
import { sendMessage, type Envelope } from '../../messaging';
import { isSettingsChange, loadSettings, settingsArea, updateSettings } from '../../settings';
import './style.css';

const where = settingsArea(browser.storage);
const transport = (message: Envelope) => browser.runtime.sendMessage(message);

const deps: OptionsDeps = {
  async loadSettings() {
    const settings = await loadSettings((await where).area);
    applyTheme(document, settings);
    return settings;
  },
  async updateSettings(fn) {
    const settings = await updateSettings((await where).area, fn);
    applyTheme(document, settings);
    return settings;
  },
  syncing: async () => (await where).name === 'sync',
  onSettingsChanged(callback) {
    const listener = (changes: Record<string, unknown>, area: string) => {
      void where.then((w) => area === w.name && isSettingsChange(changes) && callback());
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
  async sampleCard() {
    const [entry, related] = await Promise.all([
      sendMessage(transport, 'getEntry', { id: 'yalta-conference' }),
      sendMessage(transport, 'getRelated', { id: 'yalta-conference' }),
    ]);
    return entry ? { kind: 'entity', entry, title: entry.name, related, alternatives: [] } : null;
  },
  openReadingList() {
    void browser.tabs.create({ url: browser.runtime.getURL('/reading-list.html') });
  },
};

render(<OptionsApp deps={deps} />, document.getElementById('app')!);
