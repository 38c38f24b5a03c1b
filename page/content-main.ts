import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { sendMessage, type Envelope } from '../messaging';
import { decideForUrl, loadSettings } from '../settings';
import { collectTextSegments } from './text-segments';

/** Marks Backstory's own UI host, so the scanner never reads it. */
export const HOST_ATTRIBUTE = 'data-backstory-host';

const transport = (message: Envelope) => browser.runtime.sendMessage(message);

/**
 * Content-script entry: decide whether Backstory runs on this site, and if so collect the text
 * to scan. Reads the page; writes nothing to it.
 */
export async function runContent(): Promise<void> {
  const settings = await loadSettings(browser.storage.local);
  const decision = decideForUrl(settings, location.href);
  if (!decision.active) {
    await sendMessage(transport, 'reportPage', { active: false, reason: decision.reason, segments: 0, characters: 0 });
    return;
  }
  const segments = collectTextSegments(document.body ?? document.documentElement, {
    exclude: (el) => el.hasAttribute(HOST_ATTRIBUTE),
  });
  const characters = segments.reduce((sum, s) => sum + s.text.length, 0);
  await sendMessage(transport, 'reportPage', { active: true, segments: segments.length, characters });
}
