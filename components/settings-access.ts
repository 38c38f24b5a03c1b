/**
 * Settings as extension pages (popup, options) read and change them: from the area settings live
 * in (sync, or local where sync is missing), with the reader's theme applied on every read.
 */
import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { isSettingsChange, loadSettings, settingsArea, updateSettings, type Settings } from '../settings';
import { applyTheme } from './theme';

export function settingsAccess(doc: Document) {
  const where = settingsArea(browser.storage);
  return {
    where,
    async loadSettings(): Promise<Settings> {
      const settings = await loadSettings((await where).area);
      applyTheme(doc, settings);
      return settings;
    },
    async updateSettings(fn: (s: Settings) => Settings): Promise<Settings> {
      const settings = await updateSettings((await where).area, fn);
      applyTheme(doc, settings);
      return settings;
    },
    onSettingsChanged(callback: () => void): () => void {
      const listener = (changes: Record<string, unknown>, area: string) => {
        void where.then((w) => area === w.name && isSettingsChange(changes) && callback());
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}
