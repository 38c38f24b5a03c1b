import { browser } from '@wxt-dev/webextension-polyfill/browser';
import { documentFromSegments, type SegmentInput } from '../core/detect/document';
import { unchangedSegments } from '../core/detect/delta';
import { describeRange } from '../core/annotations/anchor';
import { LIMITS, type Highlight } from '../core/annotations/types';
import type { Mention } from '../core/detect/detector';
import { ProtocolError, sendMessage, type Envelope, type MessageType, type PageReportRequest, type RequestOf, type ResponseOf } from '../messaging';
import { pageIndex, type PageIndexReply } from '../core/cards/page-index';
import { decideForUrl, isSettingsChange, loadSettings, settingsArea, type Settings } from '../settings';
import { clearMentions, highlightApiAvailable, paintMentions, rangeFor, type MarkOptions } from './highlights';
import { pageFactsOf } from './page-facts';
import { collectTextSegmentsInSlices } from './text-segments';
import { HOST_ATTRIBUTE } from './host';
import { startCards, type Saver, type Span } from './cards';
import { MentionIndex } from './mention-index';
import { clearSaved, paintSaved, placeHighlights } from './saved-highlights';
import type { TextSegment } from './text-segments';

export { HOST_ATTRIBUTE } from './host';

/** Text added later (comments, infinite scroll, single-page navigation) is read again after this pause. */
const RESCAN_DELAY_MS = 400;

const transport = (message: Envelope) => browser.runtime.sendMessage(message);

/** False once the extension was reloaded, updated or removed under this page. */
export function extensionAlive(): boolean {
  try {
    return typeof browser.runtime?.id === 'string';
  } catch {
    return false;
  }
}

/** What to do when this copy of the content script finds itself orphaned. */
let onOrphaned: () => void = () => undefined;

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
      if (/context invalidated/i.test(String(err)) || !extensionAlive()) {
        onOrphaned();
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
 * Content-script entry: follows the reader's settings live. On a site that is on, reads the page,
 * has the background find names and dates, and marks them; "only when I ask" reads the page only
 * when the reader asks (the shortcut, the popup); off leaves the page alone. Switching between
 * them applies at once, without a reload. Reads the page; writes nothing to its DOM.
 */
export async function runContent(): Promise<void> {
  // Wake the background now, so its detection index loads while this page is being read.
  void sendMessage(transport, 'getStatus').catch(() => undefined);
  // A copy of Backstory that was reloaded or updated under this page may have left its UI here.
  document.querySelectorAll(`[${HOST_ATTRIBUTE}]`).forEach((el) => el.remove());
  const { area, name: areaName } = await settingsArea(browser.storage);
  const session = pageSession();
  // Orphaned (the extension was reloaded or updated): take everything off the page, quietly.
  onOrphaned = () => session.orphan();
  // Listen first: a shortcut pressed while the page is still being read must not be lost.
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string; url?: string }) => {
    // Only Backstory's own background or pages; web pages cannot reach this listener at all.
    if (sender.id !== browser.runtime.id || (sender.url !== undefined && !sender.url.startsWith(browser.runtime.getURL('/')))) return undefined;
    if (typeof message !== 'object' || message === null) return undefined;
    const { command, index } = message as { command?: unknown; index?: unknown };
    if (command === 'open-card') void session.command(() => session.cards()?.openAtSelection());
    else if (command === 'save-highlight') void session.command(() => session.cards()?.saveSelection(), 'text');
    else if (command === 'page-index') return Promise.resolve(session.index());
    else if (command === 'read-page') return session.command(() => undefined).then(() => session.index());
    else if (command === 'show-mention' && Number.isSafeInteger(index)) void session.command(() => session.show(index as number));
    return undefined;
  });
  browser.storage.onChanged.addListener((changes: Record<string, unknown>, changedArea: string) => {
    if (changedArea === areaName && isSettingsChange(changes)) void loadSettings(area).then((s) => session.apply(s));
  });
  await session.apply(await loadSettings(area));
}

function pageSession() {
  let settings: Settings | null = null;
  let mode: 'on' | 'ask' | 'off' = 'off';
  let cards: ReturnType<typeof startCards> | null = null;
  let stopFollowing: (() => void) | null = null;
  let lastText = '';
  let view: { segments: TextSegment[]; starts: number[]; text: string } = { segments: [], starts: [], text: '' };
  let mentions: Mention[] = [];
  /** What the background last detected for this page, to send only what changed next time. */
  let detected: { session: string; revision: number; segments: SegmentInput[]; mentions: Mention[] } | null = null;
  let saved: Highlight[] = [];
  let report: PageReportRequest = { active: false, segments: 0, characters: 0 };
  /** Bumped when Backstory stops on the page, so a read still under way drops its results. */
  let generation = 0;
  /** The read under way, if any (one at a time). */
  let reading: Promise<void> | null = null;
  /** Resolves once a read has collected the page's text (before detection answers). */
  let textKnown = deferred();
  const marks = (): MarkOptions => ({ style: settings?.markStyle ?? 'underline', hidden: settings?.hiddenGroups ?? [] });

  const saver: Saver = async (span: Span, note, tags) => {
    const { quote, position } = describeRange(span.text, span.start, span.end);
    const highlight = await sendWithRetry('saveHighlight', {
      id: span.id,
      title: document.title.slice(0, LIMITS.title),
      quote,
      position,
      note,
      tags,
      ...mentionsInside(span.mentions),
    });
    saved = [...saved.filter((h) => h.id !== highlight.id), highlight];
    paintSaved(document, view.segments, view.starts, placeHighlights(view.text, saved).placed);
  };

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

  /**
   * Has the background detect names and dates in the page's text. After the first read, sends
   * only the segments after those unchanged since, and gets back only the mentions that changed
   * (core/detect/delta.ts); when the background has forgotten the page, sends it all again.
   */
  const detectChanges = async (input: SegmentInput[]): Promise<Mention[]> => {
    const facts = pageFactsOf(document);
    const last = detected;
    /** One detection request; null when the background no longer has what it needs. */
    const ask = async (session: string, request: RequestOf<'detect'>, known: Mention[]): Promise<Mention[] | null> => {
      const reply = await sendWithRetry('detect', request);
      if ('stale' in reply) return null;
      const rest = reply.mentions;
      // A long answer comes in parts.
      while (rest.length < reply.total) {
        const part = await sendWithRetry('detectMore', { session, revision: reply.revision, from: reply.keep + rest.length });
        if ('stale' in part || part.mentions.length === 0) return null;
        for (const m of part.mentions) rest.push(m);
      }
      const found = reply.keep ? known.slice(0, reply.keep).concat(rest) : rest;
      detected = { session, revision: reply.revision, segments: input, mentions: found };
      return found;
    };
    if (last) {
      const keepSegments = unchangedSegments(last.segments, input);
      const found = await ask(last.session, { segments: input.slice(keepSegments), facts, session: last.session, base: { revision: last.revision, keepSegments } }, last.mentions);
      if (found) return found;
    }
    const session = last?.session ?? randomSessionId();
    for (let attempt = 0; attempt < 3; attempt++) {
      const found = await ask(session, { segments: input, facts, session }, []);
      if (found) return found;
    }
    throw new Error('Backstory’s background kept restarting while reading this page.');
  };

  const sendReport = () => sendWithRetry('reportPage', report).catch(() => undefined);

  /** Reads the page (in slices), has the background detect, and paints unless the reader only asks. */
  /** One read at a time: a read asked for while another runs waits for it, then runs again. */
  const scan = (): Promise<void> => {
    const next = (reading ?? Promise.resolve()).then(readPage, readPage);
    reading = next.finally(() => {
      if (reading === guarded) reading = null;
    });
    const guarded = reading;
    return next;
  };

  const readPage = async () => {
    const gen = generation;
    const segments = await collectTextSegmentsInSlices(document.body ?? document.documentElement, {
      exclude: (el) => el.hasAttribute(HOST_ATTRIBUTE),
    });
    if (gen !== generation || mode === 'off' || !cards) return;
    const input = segments.map((s) => ({ text: s.text, block: s.block, role: s.role, ...(s.gap ? { gap: true } : {}) }));
    const joined = documentFromSegments(input);
    if (joined.text === lastText) return;
    const firstRead = lastText === '';
    lastText = joined.text;
    textKnown.resolve();
    report = { active: true, mode, segments: segments.length, characters: joined.text.length, highlightApi: highlightApiAvailable() };
    const readText = () => {
      view = { segments, starts: joined.segmentStarts, text: joined.text };
      cards?.update(segments, joined.segmentStarts, joined.text, new MentionIndex(segments, joined.segmentStarts, []));
    };
    // Saving works on the text from the first read on; on later reads the previous names stay
    // hoverable until detection answers for the new text.
    if (firstRead) readText();
    try {
      const found = await detectChanges(input);
      if (gen !== generation) return;
      view = { segments, starts: joined.segmentStarts, text: joined.text };
      mentions = found;
      report.entities = mentions.filter((m) => m.kind === 'entity').length;
      report.dates = mentions.length - report.entities;
      await paintMarks();
      cards?.update(segments, joined.segmentStarts, joined.text, new MentionIndex(segments, joined.segmentStarts, mentions));
    } catch (err) {
      if (gen === generation) readText();
      console.warn('Backstory could not read this page:', err instanceof Error ? err.message : err);
    }
    if (gen !== generation) return;
    try {
      await refreshSaved();
    } catch (err) {
      console.warn('Backstory could not show your highlights on this page:', err instanceof Error ? err.message : err);
    }
    await sendReport();
  };

  const paintMarks = async () => {
    if (mode !== 'on') {
      clearMentions();
      report.marks = 0;
      return;
    }
    const painted = await paintMentions(document, view.segments, view.starts, mentions, marks());
    report.marks = painted.entities + painted.dates;
  };

  const stop = () => {
    generation++;
    textKnown = deferred();
    stopFollowing?.();
    stopFollowing = null;
    cards?.stop();
    cards = null;
    clearMentions();
    clearSaved();
    lastText = '';
    mentions = [];
    detected = null;
    view = { segments: [], starts: [], text: '' };
  };

  let applying = Promise.resolve();
  return {
    cards: () => cards,
    /** Removes every trace from the page; nothing runs after this. */
    orphan() {
      mode = 'off';
      stop();
    },
    /** Applies settings: start, stop or repaint, as the site's mode and the mark options say. */
    apply(next: Settings): Promise<void> {
      applying = applying.then(async () => {
        const before = { mode, style: settings?.markStyle, hidden: settings?.hiddenGroups.join(), delay: settings?.hoverDelayMs };
        settings = next;
        const decision = decideForUrl(next, location.href);
        mode = decision.active ? (decision.mode === 'ask' ? 'ask' : 'on') : 'off';
        if (mode === 'off') {
          stop();
          report = { active: false, reason: decision.active ? undefined : decision.reason, segments: 0, characters: 0 };
          await sendReport();
          return;
        }
        if (!cards || before.delay !== next.hoverDelayMs) {
          cards?.stop();
          cards = startCards(document, next.hoverDelayMs, pageFactsOf(document).publishedAt, saver, next.theme);
          if (lastText) cards.update(view.segments, view.starts, view.text, new MentionIndex(view.segments, view.starts, mentions));
        }
        cards.setTheme(next.theme);
        if (mode === 'on') {
          stopFollowing ??= followChanges(scan);
          // Not awaited: a long first read must not hold back the reader's commands or switches.
          if (!lastText) void scan();
          else if (before.mode !== 'on' || before.style !== next.markStyle || before.hidden !== next.hiddenGroups.join()) {
            report.mode = 'on';
            await paintMarks();
            await sendReport();
          }
        } else {
          stopFollowing?.();
          stopFollowing = null;
          report = { ...report, active: true, mode: 'ask' };
          await paintMarks();
          await sendReport();
        }
      });
      return applying;
    },
    /** Runs a reader's command; "only when I ask" reads the page first. */
    /**
     * Runs a reader's command; "only when I ask" reads the page first. Saving needs only the
     * page's text; a card needs what detection found.
     */
    async command(run: () => unknown, needs: 'text' | 'mentions' = 'mentions'): Promise<void> {
      await applying;
      if (mode === 'off') return;
      if (!lastText || (needs === 'mentions' && reading)) {
        const read = reading ?? scan();
        await (needs === 'text' ? Promise.race([textKnown.promise, read]) : read);
      }
      run();
    },
    index(): PageIndexReply {
      return { read: lastText !== '' && mode !== 'off', mode, groups: mode === 'off' ? [] : pageIndex(mentions) };
    },
    /** Scrolls to a mention and opens its card, with focus in it (from the page index). */
    show(i: number) {
      const m = mentions[i];
      if (!m || !cards) return;
      const range = rangeFor(document, view.segments, view.starts, m.start, m.end);
      if (!range) return;
      (range.startContainer.parentElement ?? null)?.scrollIntoView({ block: 'center' });
      cards.openMention(i, range.getBoundingClientRect());
    },
  };
}

/** Reads the page again, at most once per pause, whenever its text changes; returns a stop function. */
function followChanges(scan: () => Promise<void>): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let stopped = false;
  const run = async () => {
    timer = undefined;
    if (stopped) return;
    if (!extensionAlive()) {
      onOrphaned();
      return;
    }
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
  const observer = new MutationObserver((records) => {
    // Our highlights are not DOM changes; any other added or changed text is.
    if (records.some((r) => r.type === 'characterData' || r.addedNodes.length > 0 || r.removedNodes.length > 0)) schedule();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  return () => {
    stopped = true;
    observer.disconnect();
    clearTimeout(timer);
  };
}

function randomSessionId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
