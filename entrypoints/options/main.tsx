import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { render } from 'preact';
import '../../assets/theme.css';
import { OptionsApp, type OptionsDeps } from '../../components/OptionsApp';
import { settingsAccess } from '../../components/settings-access';
import { sendMessage, type Envelope } from '../../messaging';
import './style.css';

const settings = settingsAccess(document);
const transport = (message: Envelope) => browser.runtime.sendMessage(message);

const deps: OptionsDeps = {
  loadSettings: settings.loadSettings,
  updateSettings: settings.updateSettings,
  syncing: async () => (await settings.where).name === 'sync',
  onSettingsChanged: settings.onSettingsChanged,
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
