import type { Detector, Mention } from '../core/detect/detector';
import { unchangedMentions } from '../core/detect/delta';
import { documentFromSegments, type SegmentInput } from '../core/detect/document';
import type { KbStore } from '../db/kb-store';
import type { UserStore } from '../db/user-store';
import { normaliseUrl } from '../core/annotations/url';
import { DETECT_LIMITS, DETECT_PART, type Handlers, type KbStatus, type TabReport } from '../messaging';
import { siteKeyOf } from '../settings';

/** The subset of `storage.session` the handlers use; it outlives a stopped service worker. */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface BackgroundDeps {
  version: string;
  session: SessionArea;
  kbStatus?: () => Promise<KbStatus>;
  /** The KB database; queries answer empty while no KB is installed. */
  kbStore?: () => Promise<KbStore>;
  /** Waits for an import under way, so a first card right after install still finds its entry. */
  kbReady?: () => Promise<unknown>;
  /** The detector over the shipped index; loaded on first use. */
  detector?: () => Promise<Detector>;
  /** The reader's highlights and saved pages. */
  userStore?: () => Promise<UserStore>;
  /** Opens a web page in a new tab; returns the tab's id. */
  openTab?: (url: string) => Promise<number | undefined>;
  now?: () => number;
  /** Shows a tab's state on the toolbar button. */
  badge?: (tabId: number, report: TabReport) => void;
}

interface Reading {
  revision: number;
  segments: SegmentInput[];
  /** Their length in UTF-16 units. */
  characters: number;
  mentions: Mention[];
}

/** How much page text the background keeps for later reads of the same pages (UTF-16 units). */
const READINGS_CHARACTERS = 8_000_000;

/** A content script's page session, kept apart per tab and frame. */
const readingKey = (sender: { tab?: { id?: number }; url?: string; frameId?: number }, session: string) =>
  `${sender.tab?.id ?? sender.url ?? ''}:${sender.frameId ?? 0}:${session}`;

const reportKey = (tabId: number) => `tab-report:${tabId}`;
/** The highlight a tab opened from the reading list should scroll to. */
const scrollKey = (tabId: number) => `scroll-to:${tabId}`;

/** The page a content script speaks for, filed as highlights are filed. Never taken from the message. */
function senderPage(sender: { url?: string; tab?: { url?: string } }): string {
  const url = normaliseUrl(sender.url ?? sender.tab?.url ?? '');
  if (!url) throw new Error('Backstory keeps highlights for web pages only.');
  return url;
}

export function createHandlers(deps: BackgroundDeps): Handlers & { forgetTab(tabId: number): Promise<void> } {
  const now = deps.now ?? Date.now;
  const user = async () => {
    if (!deps.userStore) throw new Error('Saving is not available.');
    return deps.userStore();
  };
  const store = async () => {
    if (!deps.kbStore) return null;
    await deps.kbReady?.().catch(() => undefined);
    return deps.kbStore();
  };
  /** Each page session's last text and answer, newest last, within READINGS_CHARACTERS. */
  const readings = new Map<string, Reading>();
  const remember = (key: string, reading: Reading) => {
    readings.delete(key);
    readings.set(key, reading);
    let chars = 0;
    for (const r of readings.values()) chars += r.characters;
    for (const [k, r] of readings) {
      if (chars <= READINGS_CHARACTERS || k === key) break;
      chars -= r.characters;
      readings.delete(k);
    }
  };
  return {
    async getStatus() {
      const kb = deps.kbStatus ? await deps.kbStatus() : ({ state: 'none' } as const);
      // Status must not wait for an import: it reports one.
      const active = deps.kbStore ? await (await deps.kbStore()).status() : null;
      return {
        version: deps.version,
        kb,
        kbDetails: active
          ? { importedAt: active.importedAt, importMs: active.importMs, aliases: active.aliases, events: active.events }
          : null,
      };
    },
    async getEntry({ id }) {
      return (await (await store())?.getEntry(id)) ?? null;
    },
    async findByAlias({ name }) {
      return (await (await store())?.findByAlias(name)) ?? [];
    },
    async getRelated({ id }) {
      return (await (await store())?.related(id)) ?? [];
    },
    async onThisDay({ month, day }) {
      return (await (await store())?.onThisDay(month, day)) ?? [];
    },
    async inYears({ from, to }) {
      return (await (await store())?.inYears(from, to)) ?? [];
    },
    async detect({ segments, facts, session, base }, sender) {
      if (!deps.detector) throw new Error('Detection is not available.');
      const key = session === undefined ? null : readingKey(sender, session);
      const last = key === null ? undefined : readings.get(key);
      let all = segments;
      if (base) {
        if (!last || last.revision !== base.revision || base.keepSegments > last.segments.length) return { stale: true };
        all = last.segments.slice(0, base.keepSegments).concat(segments);
      }
      const characters = all.reduce((n, s) => n + s.text.length, 0);
      // The validator bounds one message; a page sent in pieces is bounded here.
      if (characters > DETECT_LIMITS.characters) throw new Error('This page is too long for Backstory to read.');
      const detector = await deps.detector();
      const started = performance.now();
      const mentions = detector.detect(documentFromSegments(all), facts ?? {});
      const ms = Math.round((performance.now() - started) * 10) / 10;
      // Without a session there is nothing to fetch the rest from: everything in one answer.
      if (key === null) return { mentions, keep: 0, revision: 0, total: mentions.length, ms };
      const keep = base && last ? unchangedMentions(last.mentions, mentions) : 0;
      const revision = (last?.revision ?? 0) + 1;
      remember(key, { revision, segments: all, characters, mentions });
      return { mentions: mentions.slice(keep, keep + DETECT_PART), keep, revision, total: mentions.length - keep, ms };
    },
    async detectMore({ session, revision, from }, sender) {
      const reading = readings.get(readingKey(sender, session));
      if (!reading || reading.revision !== revision) return { stale: true };
      return { mentions: reading.mentions.slice(from, from + DETECT_PART) };
    },
    async reportPage(payload, sender) {
      const tabId = sender.tab?.id;
      const url = sender.url ?? sender.tab?.url ?? '';
      // Only the top frame speaks for the tab.
      if (tabId === undefined || (sender.frameId ?? 0) !== 0) return { received: true };
      const report: TabReport = { ...payload, tabId, url, site: siteKeyOf(url), at: Date.now() };
      await deps.session.set({ [reportKey(tabId)]: report });
      deps.badge?.(tabId, report);
      return { received: true };
    },
    async getTabReport({ tabId }) {
      const got = await deps.session.get(reportKey(tabId));
      return (got[reportKey(tabId)] as TabReport | undefined) ?? null;
    },
    async saveHighlight(input, sender) {
      const url = senderPage(sender);
      const t = now();
      const existing = await (await user()).getHighlight(input.id);
      if (existing && existing.url !== url) throw new Error('A highlight with this id belongs to another page.');
      try {
        return await (await user()).saveHighlight({ ...input, url, createdAt: existing?.createdAt ?? t, updatedAt: t });
      } catch (err) {
        if (isQuotaError(err)) {
          throw new Error('The browser has no room left for Backstory’s data (its storage quota is full). Free some disk space or delete old highlights.');
        }
        throw err;
      }
    },
    async pageHighlights(_payload, sender) {
      const url = senderPage(sender);
      const highlights = await (await user()).highlightsForUrl(url);
      let scrollTo: string | null = null;
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        const got = await deps.session.get(scrollKey(tabId));
        const pending = got[scrollKey(tabId)] as string | undefined;
        if (pending && highlights.some((h) => h.id === pending)) {
          scrollTo = pending;
          await deps.session.remove(scrollKey(tabId));
        }
      }
      return { highlights, scrollTo };
    },
    async reportAnchors({ results }, sender) {
      return { changed: await (await user()).setAnchorStates(senderPage(sender), results, now()) };
    },
    async openHighlight({ id }) {
      const h = await (await user()).getHighlight(id);
      if (!h || !deps.openTab) return { opened: false };
      const tabId = await deps.openTab(h.url);
      if (tabId !== undefined) await deps.session.set({ [scrollKey(tabId)]: id });
      return { opened: true };
    },
    async forgetTab(tabId) {
      for (const key of [...readings.keys()]) if (key.startsWith(`${tabId}:`)) readings.delete(key);
      await deps.session.remove(reportKey(tabId));
      await deps.session.remove(scrollKey(tabId));
    },
  };
}

function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  const inner = (err as { inner?: { name?: unknown } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError' || /quota/i.test(String(err));
}
