import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { render } from 'preact';
import '../../assets/theme.css';
import { OptionsApp, type OptionsDeps } from '../../components/OptionsApp';
import { applyTheme } from '../../components/theme';
import { isSettingsChange, loadSettings, settingsArea, updateSettings } from '../../settings';
import './style.css';

const where = settingsArea(browser.storage);

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
  openReadingList() {
    void browser.tabs.create({ url: browser.runtime.getURL('/reading-list.html') });
  },
};

render(<OptionsApp deps={deps} />, document.getElementById('app')!);
