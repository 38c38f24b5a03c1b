import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '../background/handlers';
import { KbService } from '../background/kb-service';
import { KbStore } from '../db/kb-store';
import { routeMessage, type SenderInfo } from '../messaging';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  let store: Promise<KbStore> | null = null;
  const kbStore = () => (store ??= KbStore.open());
  const kb = new KbService({
    store: kbStore,
    async fetchJson(path) {
      const res = await fetch(browser.runtime.getURL(`/${path}` as '/'));
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return res.json();
    },
    log: (m) => console.info(m),
  });
  const handlers = createHandlers({
    version: browser.runtime.getManifest().version,
    session: browser.storage.session,
    kbStatus: () => kb.status(),
    kbStore,
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: SenderInfo) =>
    routeMessage(message, sender, self, handlers),
  );
  browser.tabs.onRemoved.addListener((tabId) => void handlers.forgetTab(tabId));
  // Every start checks the hash; an import happens only on install, update or a lost database.
  void kb.ensure();
});
