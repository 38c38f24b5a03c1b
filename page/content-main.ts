import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { documentFromSegments } from '../core/detect/document';
import { sendMessage, type Envelope, type PageReportRequest } from '../messaging';
import { decideForUrl, loadSettings } from '../settings';
import { highlightApiAvailable, paintMentions } from './highlights';
import { pageFactsOf } from './page-facts';
import { collectTextSegmentsInSlices } from './text-segments';
import { HOST_ATTRIBUTE } from './host';
import { startCards } from './cards';
import { MentionIndex } from './mention-index';

export { HOST_ATTRIBUTE } from './host';

/** Text added later (comments, infinite scroll, single-page navigation) is read again after this pause. */
const RESCAN_DELAY_MS = 400;

const transport = (message: Envelope) => browser.runtime.sendMessage(message);

/**
 * Content-script entry: decide whether Backstory runs on this site, and if so read the page, have
 * the background find names and dates, and mark them. Reads the page; writes nothing to its DOM.
 */
export async function runContent(): Promise<void> {
  // Wake the background now, so its detection index loads while this page is being read.
  void sendMessage(transport, 'getStatus').catch(() => undefined);
  const settings = await loadSettings(browser.storage.local);
  const decision = decideForUrl(settings, location.href);
  if (!decision.active) {
    await sendMessage(transport, 'reportPage', { active: false, reason: decision.reason, segments: 0, characters: 0 });
    return;
  }
  let lastText = '';
  const cards = startCards(document, settings.hoverDelayMs, pageFactsOf(document).publishedAt);
  const scan = async () => {
    // In slices: reading a long page must never hold the main thread for long.
    const segments = await collectTextSegmentsInSlices(document.body ?? document.documentElement, {
      exclude: (el) => el.hasAttribute(HOST_ATTRIBUTE),
    });
    const input = segments.map((s) => ({ text: s.text, block: s.block, role: s.role }));
    const joined = documentFromSegments(input);
    if (joined.text === lastText) return;
    lastText = joined.text;
    const report: PageReportRequest = { active: true, segments: segments.length, characters: joined.text.length, highlightApi: highlightApiAvailable() };
    try {
      const { mentions } = await sendMessage(transport, 'detect', { segments: input, facts: pageFactsOf(document) });
      report.entities = mentions.filter((m) => m.kind === 'entity').length;
      report.dates = mentions.length - report.entities;
      const painted = await paintMentions(document, segments, joined.segmentStarts, mentions);
      report.marks = painted.entities + painted.dates;
      cards.update(segments, joined.segmentStarts, new MentionIndex(segments, joined.segmentStarts, mentions));
    } catch (err) {
      console.warn('Backstory could not read this page:', err instanceof Error ? err.message : err);
    }
    await sendMessage(transport, 'reportPage', report);
  };
  await scan();
  followChanges(scan);
  // The keyboard shortcut arrives from the background (manifest command, rebindable by the reader).
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string; url?: string }) => {
    // Only Backstory's own background or pages; web pages cannot reach this listener at all.
    if (sender.id !== browser.runtime.id || (sender.url !== undefined && !sender.url.startsWith(browser.runtime.getURL('/')))) return undefined;
    if (typeof message === 'object' && message !== null && (message as { command?: unknown }).command === 'open-card') {
      cards.openAtSelection();
    }
    return undefined;
  });
}

/** Reads the page again, at most once per pause, whenever its text changes. */
function followChanges(scan: () => Promise<void>): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  const run = async () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await scan();
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    timer ??= setTimeout(() => void run(), RESCAN_DELAY_MS);
  };
  new MutationObserver((records) => {
    // Our highlights are not DOM changes; any other added or changed text is.
    if (records.some((r) => r.type === 'characterData' || r.addedNodes.length > 0 || r.removedNodes.length > 0)) schedule();
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
}
