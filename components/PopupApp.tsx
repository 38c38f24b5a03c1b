import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Highlight } from '../core/annotations/types';
import { normaliseUrl } from '../core/annotations/url';
import type { MessageType, RequestOf, ResponseOf, Status, TabReport } from '../messaging';
import type { PageIndexReply } from '../core/cards/page-index';
import { decideForUrl, findSiteRule, siteKeyOf, withSiteMode, type Settings, type SiteMode } from '../settings';
import { DisplaySettings, ModePicker, PauseSwitch } from './SettingsControls';

export interface PopupDeps {
  /** The tab the popup speaks about: the active tab, or the one named in the popup's URL. */
  targetTab(): Promise<{ id?: number; url?: string; title?: string } | null>;
  send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>>;
  loadSettings(): Promise<Settings>;
  updateSettings(fn: (s: Settings) => Settings): Promise<Settings>;
  /** Calls back when settings change elsewhere (another popup, the options page, sync). */
  onSettingsChanged(callback: () => void): () => void;
  /** What the tab's content script found, or null when none answers (a browser page, an old tab). */
  pageIndex(tabId: number): Promise<PageIndexReply | null>;
  /** Asks the tab's content script to read the page ("only when I ask"). */
  readPage(tabId: number): Promise<PageIndexReply | null>;
  /** Scrolls the tab to a mention and opens its card; the popup then closes. */
  showMention(tabId: number, index: number): void;
  openReadingList(): void;
  openOptions(): void;
  /** The reader's most recent notes (newest first). */
  recentNotes(limit: number): Promise<Highlight[]>;
  savePage(url: string, title: string): Promise<void>;
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
  const [notes, setNotes] = useState<Highlight[] | null>(null);
  const [index, setIndex] = useState<PageIndexReply | null | undefined>(undefined);
  const [pageSaved, setPageSaved] = useState<'no' | 'yes' | 'saving'>('no');
  const [tabInfo, setTabInfo] = useState<{ url: string; title: string } | null>(null);

  useEffect(() => {
    deps.recentNotes(5).then(setNotes, () => setNotes([]));
  }, [deps]);

  const load = useCallback(async () => {
    try {
      const [settings, tab, status] = await Promise.all([deps.loadSettings(), deps.targetTab(), deps.send('getStatus', {}).catch(() => null)]);
      const tabId = typeof tab?.id === 'number' ? tab.id : null;
      const report = tabId === null ? null : await deps.send('getTabReport', { tabId }).catch(() => null);
      const site = report?.site ?? (tab?.url ? siteKeyOf(tab.url) : null);
      const pageUrl = tab?.url ? normaliseUrl(tab.url) : null;
      if (pageUrl) {
        setTabInfo({ url: pageUrl, title: tab?.title ?? pageUrl });
        if (await deps.isPageSaved(pageUrl).catch(() => false)) setPageSaved('yes');
      }
      setState({ settings, tabId, site, report, status });
      if (tabId !== null && site) setIndex(await deps.pageIndex(tabId).catch(() => null));
      else setIndex(null);
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
      const settings = await deps.updateSettings(fn);
      setState((prev) => (prev ? { ...prev, settings } : prev));
      setError(null);
    } catch (err) {
      setError(`Your change was not saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  if (error && !state) return <main class="popup"><p class="bs-error" role="alert">{error}</p></main>;
  if (!state) return <main class="popup" aria-busy="true"><p class="bs-muted">Loading…</p></main>;

  const { settings, site, report, status, tabId } = state;
  const mode: SiteMode = site ? (findSiteRule(settings, site)?.mode ?? settings.defaultMode) : 'off';
  const active = site ? decideForUrl(settings, `https://${site}/`).active : false;

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
            <ModePicker name="site" legend="On this site" value={mode} onChange={(m) => void change((s) => withSiteMode(s, site, m))} />
            <p class="bs-muted popup-status" data-testid="page-status" aria-live="polite">
              {pageStatus(report, active, settings.paused)}
            </p>
          </>
        ) : (
          <p class="bs-muted">Backstory reads news pages on http and https sites; it does not run on this page.</p>
        )}
        <PauseSwitch settings={settings} change={(fn) => void change(fn)} />
      </section>

      {error && <p class="bs-error" role="alert">{error}</p>}

      {site && tabId !== null && active && (
        <PageIndex
          index={index}
          onShow={(i) => deps.showMention(tabId, i)}
          onRead={() => deps.readPage(tabId).then(setIndex, () => setIndex(null))}
        />
      )}

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

      <details class="popup-section popup-display">
        <summary>Display</summary>
        <DisplaySettings settings={settings} change={(fn) => void change(fn)} />
      </details>

      <footer class="popup-footer">
        <button type="button" class="bs-button" data-testid="open-reading-list" onClick={() => deps.openReadingList()}>
          Reading list
        </button>
        <button type="button" class="bs-button" data-testid="open-options" onClick={() => deps.openOptions()}>
          Options
        </button>
      </footer>
      <p class="bs-muted popup-kb" data-testid="kb-status">{kbLine(status)}</p>
    </main>
  );
}

function PageIndex({ index, onShow, onRead }: { index: PageIndexReply | null | undefined; onShow: (i: number) => void; onRead: () => void }): JSX.Element {
  return (
    <section class="popup-section" aria-labelledby="index-heading" data-testid="page-index">
      <h2 id="index-heading" class="popup-sub">On this page</h2>
      {index === undefined ? (
        <p class="bs-muted">Loading…</p>
      ) : index === null ? (
        <p class="bs-muted">Reload the page to let Backstory read it.</p>
      ) : !index.read ? (
        <p class="bs-muted">
          Backstory has not read this page.{' '}
          <button type="button" class="bs-button small" data-testid="read-page" onClick={onRead}>
            Read it now
          </button>
        </p>
      ) : index.groups.length === 0 ? (
        <p class="bs-muted">No names or dates Backstory knows.</p>
      ) : (
        index.groups.map((g) => (
          <details key={g.group} class="popup-group" data-testid={`index-${g.group}`} open={g.group === 'people'}>
            <summary>
              {g.label} <span class="bs-muted">({g.entries.length})</span>
            </summary>
            <ul class="popup-entries">
              {g.entries.map((e) => (
                <li key={e.key}>
                  <button type="button" class="popup-entry" onClick={() => onShow(e.first)} title={`Go to the first mention and open its card`}>
                    {e.label}
                    {e.count > 1 && <span class="bs-muted"> ×{e.count}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        ))
      )}
    </section>
  );
}

function pageStatus(report: TabReport | null, activeNow: boolean, paused: boolean): string {
  if (paused) return 'Paused everywhere.';
  if (!activeNow) return 'Off on this site.';
  if (!report) return 'Reload the page to let Backstory read it.';
  if (!report.active) return 'Starting…';
  if (report.mode === 'ask') return 'Reads this page only when you ask (Alt+Shift+B on a name or date).';
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
