import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { documentFromSegments } from '../core/detect/document';
import { describeRange } from '../core/annotations/anchor';
import { LIMITS, type Highlight } from '../core/annotations/types';
import type { Mention } from '../core/detect/detector';
import { ProtocolError, sendMessage, type Envelope, type MessageType, type PageReportRequest, type RequestOf, type ResponseOf } from '../messaging';
import { decideForUrl, loadSettings } from '../settings';
import { highlightApiAvailable, paintMentions, rangeFor } from './highlights';
import { pageFactsOf } from './page-facts';
import { collectTextSegmentsInSlices } from './text-segments';
import { HOST_ATTRIBUTE } from './host';
import { startCards, type Saver, type Span } from './cards';
import { MentionIndex } from './mention-index';
import { paintSaved, placeHighlights } from './saved-highlights';
import type { TextSegment } from './text-segments';

export { HOST_ATTRIBUTE } from './host';

/** Text added later (comments, infinite scroll, single-page navigation) is read again after this pause. */
const RESCAN_DELAY_MS = 400;

const transport = (message: Envelope) => browser.runtime.sendMessage(message);

/**
 * Sends a message, trying again when the background did not answer (a service worker stopped
 * mid-message). Only for idempotent messages: a retried save stores the highlight once.
 */
export async function sendWithRetry<T extends MessageType>(type: T, payload: RequestOf<T>, waits = [150, 400, 1000, 2000]): Promise<ResponseOf<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendMessage(transport, type, ...([payload] as never));
    } catch (err) {
      // A refusal from the background is an answer; only a lost message is worth another try.
      const lost = !(err instanceof ProtocolError) || (err.code === 'failed' && /No answer from/.test(err.message));
      if (!lost) throw err;
      if (/context invalidated/i.test(String(err))) {
        throw new Error('Backstory was updated or reloaded since this page opened; copy your note, then reload the page.');
      }
      if (attempt >= waits.length) throw new Error('Backstory’s background did not answer; it may have been restarting.');
      await new Promise((r) => setTimeout(r, waits[attempt]));
    }
  }
}

/** What a new highlight mentions: the names and dates detection found inside it. */
export function mentionsInside(inside: Mention[]): Pick<Highlight, 'entities' | 'dates'> {
  const entities: Highlight['entities'] = [];
  const dates: Highlight['dates'] = [];
  for (const m of inside) {
    if (m.kind === 'entity') {
      if (!entities.some((e) => e.id === m.id)) entities.push({ id: m.id, name: m.title.slice(0, LIMITS.title) });
    } else if (!dates.some((d) => d.edtf === m.edtf)) dates.push({ edtf: m.edtf, text: m.text });
  }
  return { entities: entities.slice(0, LIMITS.entities), dates: dates.slice(0, LIMITS.dates) };
}

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
  let view: { segments: TextSegment[]; starts: number[]; text: string } = { segments: [], starts: [], text: '' };
  let saved: Highlight[] = [];
  /** Finds the page's saved highlights in its text and paints them. */
  const paintSavedHighlights = () => paintSaved(document, view.segments, view.starts, placeHighlights(view.text, saved).placed);
  const saver: Saver = async (span: Span, note, tags) => {
    const { quote, position } = describeRange(span.text, span.start, span.end);
    const found = mentionsInside(span.mentions);
    const highlight = await sendWithRetry('saveHighlight', {
      id: span.id,
      title: document.title.slice(0, LIMITS.title),
      quote,
      position,
      note,
      tags,
      ...found,
    });
    saved = [...saved.filter((h) => h.id !== highlight.id), highlight];
    paintSavedHighlights();
  };
  const cards = startCards(document, settings.hoverDelayMs, pageFactsOf(document).publishedAt, saver);
  /** Loads this page's highlights, finds them again in its text, paints them, and says which were found. */
  const refreshSaved = async () => {
    const { highlights, scrollTo } = await sendWithRetry('pageHighlights', {});
    saved = highlights;
    const { placed, reports } = placeHighlights(view.text, saved);
    paintSaved(document, view.segments, view.starts, placed);
    const changed = reports.filter((r) => {
      const h = saved.find((x) => x.id === r.id);
      return h?.anchor?.state !== r.state || h.anchor.method !== r.method;
    });
    if (changed.length) await sendWithRetry('reportAnchors', { results: changed });
    const target = scrollTo ? placed.find((p) => p.highlight.id === scrollTo) : undefined;
    if (target) {
      const range = rangeFor(document, view.segments, view.starts, target.start, target.end);
      (range?.startContainer.parentElement ?? null)?.scrollIntoView({ block: 'center' });
    }
  };
  const scan = async () => {
    // In slices: reading a long page must never hold the main thread for long.
    const segments = await collectTextSegmentsInSlices(document.body ?? document.documentElement, {
      exclude: (el) => el.hasAttribute(HOST_ATTRIBUTE),
    });
    const input = segments.map((s) => ({ text: s.text, block: s.block, role: s.role }));
    const joined = documentFromSegments(input);
    if (joined.text === lastText) return;
    lastText = joined.text;
    view = { segments, starts: joined.segmentStarts, text: joined.text };
    const report: PageReportRequest = { active: true, segments: segments.length, characters: joined.text.length, highlightApi: highlightApiAvailable() };
    // Saving works on the text even if detection fails.
    cards.update(segments, joined.segmentStarts, joined.text, new MentionIndex(segments, joined.segmentStarts, []));
    try {
      const { mentions } = await sendWithRetry('detect', { segments: input, facts: pageFactsOf(document) });
      report.entities = mentions.filter((m) => m.kind === 'entity').length;
      report.dates = mentions.length - report.entities;
      const painted = await paintMentions(document, segments, joined.segmentStarts, mentions);
      report.marks = painted.entities + painted.dates;
      cards.update(segments, joined.segmentStarts, joined.text, new MentionIndex(segments, joined.segmentStarts, mentions));
    } catch (err) {
      console.warn('Backstory could not read this page:', err instanceof Error ? err.message : err);
    }
    try {
      await refreshSaved();
    } catch (err) {
      console.warn('Backstory could not show your highlights on this page:', err instanceof Error ? err.message : err);
    }
    await sendWithRetry('reportPage', report).catch(() => undefined);
  };
  // Listen first: a shortcut pressed while the page is still being read must not be lost.
  // The keyboard shortcut arrives from the background (manifest command, rebindable by the reader).
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string; url?: string }) => {
    // Only Backstory's own background or pages; web pages cannot reach this listener at all.
    if (sender.id !== browser.runtime.id || (sender.url !== undefined && !sender.url.startsWith(browser.runtime.getURL('/')))) return undefined;
    const command = typeof message === 'object' && message !== null ? (message as { command?: unknown }).command : undefined;
    if (command === 'open-card') cards.openAtSelection();
    else if (command === 'save-highlight') cards.saveSelection();
    return undefined;
  });
  await scan();
  followChanges(scan);
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
