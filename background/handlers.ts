import type { Detector } from '../core/detect/detector';
import { documentFromSegments } from '../core/detect/document';
import type { KbStore } from '../db/kb-store';
import type { Handlers, KbStatus, TabReport } from '../messaging';
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
}

const reportKey = (tabId: number) => `tab-report:${tabId}`;

export function createHandlers(deps: BackgroundDeps): Handlers & { forgetTab(tabId: number): Promise<void> } {
  const store = async () => {
    if (!deps.kbStore) return null;
    await deps.kbReady?.().catch(() => undefined);
    return deps.kbStore();
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
    async detect({ segments, facts }) {
      if (!deps.detector) throw new Error('Detection is not available.');
      const detector = await deps.detector();
      const started = performance.now();
      const mentions = detector.detect(documentFromSegments(segments), facts ?? {});
      return { mentions, ms: Math.round((performance.now() - started) * 10) / 10 };
    },
    async reportPage(payload, sender) {
      const tabId = sender.tab?.id;
      const url = sender.url ?? sender.tab?.url ?? '';
      // Only the top frame speaks for the tab.
      if (tabId === undefined || (sender.frameId ?? 0) !== 0) return { received: true };
      const report: TabReport = { ...payload, tabId, url, site: siteKeyOf(url), at: Date.now() };
      await deps.session.set({ [reportKey(tabId)]: report });
      return { received: true };
    },
    async getTabReport({ tabId }) {
      const got = await deps.session.get(reportKey(tabId));
      return (got[reportKey(tabId)] as TabReport | undefined) ?? null;
    },
    async forgetTab(tabId) {
      await deps.session.remove(reportKey(tabId));
    },
  };
}
