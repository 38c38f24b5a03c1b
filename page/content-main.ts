import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { sendMessage, type Envelope } from '../messaging';
import { decideForUrl, loadSettings } from '../settings';
import { documentFromSegments } from '../core/detect/document';
import { highlightApiAvailable, paintMentions } from './highlights';
import { pageFactsOf } from './page-facts';
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
  let entities: number | undefined;
  let dates: number | undefined;
  let marks: number | undefined;
  const highlightApi = highlightApiAvailable();
  try {
    const input = segments.map((s) => ({ text: s.text, block: s.block, role: s.role }));
    const { mentions } = await sendMessage(transport, 'detect', { segments: input, facts: pageFactsOf(document) });
    entities = mentions.filter((m) => m.kind === 'entity').length;
    dates = mentions.length - entities;
    const painted = paintMentions(document, segments, documentFromSegments(input).segmentStarts, mentions);
    marks = painted.entities + painted.dates;
  } catch (err) {
    console.warn('Backstory could not read this page:', err instanceof Error ? err.message : err);
  }
  await sendMessage(transport, 'reportPage', { active: true, segments: segments.length, characters, entities, dates, marks, highlightApi });
}
