import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { MessageType, RequestOf, ResponseOf, Status, TabReport } from '../messaging';
import {
  decideForUrl,
  findSiteRule,
  loadSettings,
  siteKeyOf,
  updateSettings,
  withSiteMode,
  type Settings,
  type SettingsArea,
} from '../settings';
import type { Highlight } from '../core/annotations/types';
import { normaliseUrl } from '../core/annotations/url';
import { Switch } from './Switch';

export interface PopupDeps {
  /** The tab the popup speaks about: the active tab, or the one named in the popup's URL. */
  targetTab(): Promise<{ id?: number; url?: string } | null>;
  send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>>;
  storage: SettingsArea;
  /** Calls back when settings change elsewhere (another popup, the options page, sync). */
  onSettingsChanged(callback: () => void): () => void;
  openReadingList(): void;
  /** The reader's most recent notes (newest first). */
  recentNotes(limit: number): Promise<Highlight[]>;
  /** Saves a page to read later. */
  savePage(url: string, title: string): Promise<void>;
  /** Whether a page is on the reading list already. */
  isPageSaved(url: string): Promise<boolean>;
  openHighlight(id: string): void;
}

interface Loaded {
  settings: Settings;
  tabId: number | null;
  site: string | null;
  report: TabReport | null;
  status: Status | null;
}

export function PopupApp({ deps }: { deps: PopupDeps }): JSX.Element {
  const [state, setState] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The site mode the open page was loaded with, to tell the reader when a reload is needed. */
  const [loadedActive, setLoadedActive] = useState<boolean | null>(null);

  const [notes, setNotes] = useState<Highlight[] | null>(null);
  const [pageSaved, setPageSaved] = useState<'no' | 'yes' | 'saving'>('no');
  const [tabInfo, setTabInfo] = useState<{ url: string; title: string } | null>(null);

  useEffect(() => {
    deps.recentNotes(5).then(setNotes, () => setNotes([]));
  }, [deps]);

  const load = useCallback(async () => {
    try {
      const [settings, tab, status] = await Promise.all([
        loadSettings(deps.storage),
        deps.targetTab(),
        deps.send('getStatus', {}).catch(() => null),
      ]);
      const pageUrl = tab?.url ? normaliseUrl(tab.url) : null;
      if (pageUrl) {
        setTabInfo({ url: pageUrl, title: (tab as { title?: string }).title ?? pageUrl });
        if (await deps.isPageSaved(pageUrl).catch(() => false)) setPageSaved('yes');
      }
      const tabId = typeof tab?.id === 'number' ? tab.id : null;
      const report = tabId === null ? null : await deps.send('getTabReport', { tabId }).catch(() => null);
      const site = report?.site ?? (tab?.url ? siteKeyOf(tab.url) : null);
      setState({ settings, tabId, site, report, status });
      setLoadedActive((prev) => (prev === null && report ? report.active : prev));
    } catch (err) {
      setError(`Backstory could not read its settings: ${err instanceof Error ? err.message : String(err)}`);
    }
  }, [deps]);

  useEffect(() => {
    void load();
    return deps.onSettingsChanged(() => void load());
  }, [deps, load]);

  // While the knowledge base installs, look again every second so the line updates by itself.
  const importing = state?.status?.kb.state === 'importing';
  useEffect(() => {
    if (!importing) return;
    const timer = setInterval(() => void load(), 1000);
    return () => clearInterval(timer);
  }, [importing, load]);

  const change = async (fn: (s: Settings) => Settings) => {
    try {
      const settings = await updateSettings(deps.storage, fn);
      setState((prev) => (prev ? { ...prev, settings } : prev));
      setError(null);
    } catch (err) {
      setError(`Your change was not saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  if (error && !state) return <main class="popup"><p class="bs-error" role="alert">{error}</p></main>;
  if (!state) return <main class="popup" aria-busy="true"><p class="bs-muted">Loading…</p></main>;

  const { settings, site, report, status } = state;
  const decision = site ? decideForUrl(settings, `https://${site}/`) : null;
  const siteOn = site ? (findSiteRule(settings, site)?.mode ?? settings.defaultMode) === 'on' : false;
  const needsReload = report !== null && decision !== null && loadedActive !== null && decision.active !== loadedActive;

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>Backstory</h1>
        {status && <span class="bs-muted" title="Version">v{status.version}</span>}
      </header>

      <section aria-labelledby="site-heading" class="popup-section">
        <h2 id="site-heading" class="popup-site" data-testid="site">{site ?? 'This page'}</h2>
        {site ? (
          <>
            <Switch
              label="Run Backstory on this site"
              description={settings.paused ? 'Paused everywhere right now' : undefined}
              checked={siteOn}
              testId="site-switch"
              onChange={(on) => void change((s) => withSiteMode(s, site, on ? 'on' : 'off'))}
            />
            <p class="bs-muted popup-status" data-testid="page-status" aria-live="polite">
              {pageStatus(report, decision?.active ?? false, needsReload)}
            </p>
          </>
        ) : (
          <p class="bs-muted">Backstory reads news pages on http and https sites; it does not run on this page.</p>
        )}
      </section>

      <section class="popup-section">
        <Switch
          label="Pause everywhere"
          description="Stops Backstory on every site until you switch it back"
          checked={settings.paused}
          testId="pause-switch"
          onChange={(paused) => void change((s) => ({ ...s, paused }))}
        />
      </section>

      {error && <p class="bs-error" role="alert">{error}</p>}

      {tabInfo && (
        <section class="popup-section popup-row">
          <button
            type="button"
            class="bs-button"
            data-testid="save-page"
            disabled={pageSaved !== 'no'}
            onClick={() => {
              setPageSaved('saving');
              deps.savePage(tabInfo.url, tabInfo.title).then(
                () => setPageSaved('yes'),
                (err) => {
                  setPageSaved('no');
                  setError(`The page was not saved: ${err instanceof Error ? err.message : String(err)}`);
                },
              );
            }}
          >
            {pageSaved === 'yes' ? 'Saved to read later' : pageSaved === 'saving' ? 'Saving…' : 'Save page to read later'}
          </button>
        </section>
      )}

      <section class="popup-section" aria-labelledby="notes-heading">
        <h2 id="notes-heading" class="popup-sub">Recent notes</h2>
        {notes === null ? (
          <p class="bs-muted">Loading…</p>
        ) : notes.length === 0 ? (
          <p class="bs-muted" data-testid="no-notes">
            No notes yet. Select text on a page and choose “Save highlight” to keep a quote with a note.
          </p>
        ) : (
          <ul class="popup-notes" data-testid="recent-notes">
            {notes.map((h) => (
              <li key={h.id}>
                <button type="button" class="popup-note" onClick={() => deps.openHighlight(h.id)} title={`Open “${h.title}” at this quote`}>
                  <span class="popup-note-text">{h.note}</span>
                  <span class="bs-muted popup-note-quote">“{h.quote.exact}”</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <footer class="popup-footer">
        <button type="button" class="bs-button" data-testid="open-reading-list" onClick={() => deps.openReadingList()}>
          Open reading list
        </button>
        <span class="bs-muted" data-testid="kb-status">{kbLine(status)}</span>
      </footer>
    </main>
  );
}

function pageStatus(report: TabReport | null, activeNow: boolean, needsReload: boolean): string {
  if (needsReload) return activeNow ? 'Reload the page to start Backstory here.' : 'Reload the page to remove Backstory from it.';
  if (!report) return activeNow ? 'Reload the page to let Backstory read it.' : 'Off on this site.';
  if (!report.active) return report.reason === 'paused' ? 'Paused.' : 'Off on this site.';
  const n = report.segments;
  const passages = `${n.toLocaleString('en')} text passage${n === 1 ? '' : 's'}`;
  if (report.entities === undefined) return `Read ${passages} on this page; finding names failed.`;
  const names = `${report.entities.toLocaleString('en')} name${report.entities === 1 ? '' : 's'}`;
  const dates = `${(report.dates ?? 0).toLocaleString('en')} date${report.dates === 1 ? '' : 's'}`;
  const found = `Found ${names} and ${dates} in ${passages}.`;
  return report.highlightApi === false ? `${found} This browser cannot underline them (it lacks the CSS Custom Highlight API).` : found;
}

function kbLine(status: Status | null): string {
  if (!status) return 'Background not answering';
  switch (status.kb.state) {
    case 'none':
      return 'Knowledge base not installed yet';
    case 'importing':
      return 'Installing knowledge base…';
    case 'ready':
      return `Knowledge base: ${status.kb.entries.toLocaleString('en')} entries`;
    case 'error':
      return `Knowledge base error: ${status.kb.message}`;
  }
}
