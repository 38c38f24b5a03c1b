import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '../background/handlers';
import { routeMessage, type SenderInfo } from '../messaging';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const handlers = createHandlers({
    version: browser.runtime.getManifest().version,
    session: browser.storage.session,
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: SenderInfo) =>
    routeMessage(message, sender, self, handlers),
  );
  browser.tabs.onRemoved.addListener((tabId) => void handlers.forgetTab(tabId));
});
