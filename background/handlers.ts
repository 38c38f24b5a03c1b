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
  kbStatus?: () => Promise<KbStatus> | KbStatus;
}

const reportKey = (tabId: number) => `tab-report:${tabId}`;

export function createHandlers(deps: BackgroundDeps): Handlers & { forgetTab(tabId: number): Promise<void> } {
  return {
    async getStatus() {
      return { version: deps.version, kb: deps.kbStatus ? await deps.kbStatus() : { state: 'none' } };
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
