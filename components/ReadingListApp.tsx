import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { parseWebAnnotations, toMarkdown, toWebAnnotations } from '../core/annotations/exchange';
import { applyFilters, filterChoices, groupByPage, NO_FILTERS, searchIndex, type Filters } from '../core/annotations/library';
import type { Highlight, SavedPage } from '../core/annotations/types';
import { zipFiles } from '../core/annotations/zip';
import type { ImportResult, UserStore } from '../db/user-store';
import { parseTags } from './SaveForm';

export interface ReadingListDeps {
  store: Pick<
    UserStore,
    'allHighlights' | 'allPages' | 'updateHighlight' | 'deleteHighlight' | 'restoreHighlight' | 'setPageRead' | 'deletePage' | 'restorePage' | 'importAll'
  >;
  /** Opens the highlight's page in a new tab, scrolled to it. */
  openHighlight(id: string): Promise<void>;
  openPage(url: string): void;
  download(filename: string, data: Blob): void;
  now(): Date;
  /** Calls back when the list may have changed elsewhere (a save in a tab); returns an unsubscribe. */
  onMaybeChanged(callback: () => void): () => void;
}

type Undo = { label: string; run: () => Promise<void> };

const UNDO_MS = 10_000;

const dateTime = (ms: number) => new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};
const stamp = (d: Date) => d.toISOString().slice(0, 10);

/** The reading list: saved pages, and highlights grouped by page, with search, filters, edit, undo, export and import. */
export function ReadingListApp({ deps }: { deps: ReadingListDeps }): JSX.Element {
  const [data, setData] = useState<{ highlights: Highlight[]; pages: SavedPage[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [undo, setUndo] = useState<Undo | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; lines: string[] } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      const [highlights, pages] = await Promise.all([deps.store.allHighlights(), deps.store.allPages()]);
      setData({ highlights, pages });
    } catch (err) {
      setError(`Backstory could not read your reading list: ${message(err)}`);
    }
  }, [deps]);

  useEffect(() => {
    void load();
    return deps.onMaybeChanged(() => void load());
  }, [deps, load]);

  useEffect(() => {
    if (!undo) return;
    const t = setTimeout(() => setUndo(null), UNDO_MS);
    return () => clearTimeout(t);
  }, [undo]);

  const act = async (fn: () => Promise<unknown>, what: string) => {
    try {
      await fn();
      setError(null);
    } catch (err) {
      setError(`${what}: ${message(err)}`);
    }
    await load();
  };

  const index = useMemo(() => searchIndex(data?.highlights ?? []), [data]);
  const choices = useMemo(() => filterChoices(data?.highlights ?? []), [data]);

  if (!data) {
    return (
      <main class="reading-list" aria-busy={!error}>
        <h1>Reading list</h1>
        {error ? <p class="bs-error" role="alert">{error}</p> : <p class="bs-muted">Loading…</p>}
      </main>
    );
  }

  const filtering = filters !== NO_FILTERS && (filters.query.trim() || filters.entity || filters.year || filters.tag);
  const shown = applyFilters(data.highlights, filters, index);
  const orphans = shown.filter((h) => h.anchor?.state === 'orphan');
  const groups = groupByPage(shown.filter((h) => h.anchor?.state !== 'orphan'));
  const empty = data.highlights.length === 0 && data.pages.length === 0;

  const remove = (h: Highlight) =>
    act(async () => {
      const gone = await deps.store.deleteHighlight(h.id);
      if (gone) setUndo({ label: 'Highlight deleted.', run: () => deps.store.restoreHighlight(gone) });
    }, 'The highlight was not deleted');

  const removePage = (p: SavedPage) =>
    act(async () => {
      const gone = await deps.store.deletePage(p.url);
      if (gone) setUndo({ label: 'Page removed from the list.', run: () => deps.store.restorePage(gone) });
    }, 'The page was not removed');

  const exportJson = () => {
    const doc = toWebAnnotations(data.highlights, data.pages, deps.now());
    deps.download(`backstory-highlights-${stamp(deps.now())}.jsonld`, new Blob([JSON.stringify(doc, null, 2)], { type: 'application/ld+json' }));
  };
  const exportMarkdown = () => {
    const files = toMarkdown(data.highlights, data.pages, deps.now());
    deps.download(`backstory-markdown-${stamp(deps.now())}.zip`, new Blob([zipFiles(files.map((f) => ({ name: f.filename, content: f.content })), deps.now()) as BlobPart], { type: 'application/zip' }));
  };
  const importFile = async (file: File) => {
    setNotice(null);
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      setNotice({ kind: 'error', lines: [`Backstory could not read “${file.name}”: ${message(err)}`] });
      return;
    }
    const parsed = parseWebAnnotations(text);
    if (!parsed.ok) {
      setNotice({ kind: 'error', lines: [`Nothing was imported from “${file.name}”:`, ...parsed.errors] });
      return;
    }
    try {
      const r = await deps.store.importAll(parsed.highlights, parsed.pages);
      setNotice({ kind: 'ok', lines: [importSummary(file.name, r)] });
    } catch (err) {
      setNotice({ kind: 'error', lines: [`Nothing was imported from “${file.name}”: ${message(err)}`] });
    }
    await load();
  };

  return (
    <main class="reading-list">
      <header class="rl-header">
        <h1>Reading list</h1>
        <div class="rl-tools">
          <button type="button" class="bs-button" onClick={exportMarkdown} disabled={empty} data-testid="export-markdown">
            Export Markdown
          </button>
          <button type="button" class="bs-button" onClick={exportJson} disabled={empty} data-testid="export-json">
            Export JSON
          </button>
          <button type="button" class="bs-button" onClick={() => fileInput.current?.click()} data-testid="import-button">
            Import JSON…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            class="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="import-file"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
      </header>

      {error && <p class="bs-error" role="alert">{error}</p>}
      {notice && (
        <div class={notice.kind === 'error' ? 'rl-notice bs-error' : 'rl-notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="import-notice">
          {notice.lines.map((l, i) => (
            <p key={i}>{l}</p>
          ))}
        </div>
      )}

      {empty ? (
        <section class="empty" aria-labelledby="empty-heading" data-testid="reading-list-empty">
          <h2 id="empty-heading">Nothing saved yet</h2>
          <p>
            Select text on a news page and press <strong>Save highlight</strong> (or Alt+Shift+S, or the context menu) to keep a quote with a
            note. Quotes are listed here by page, newest first.
          </p>
          <p class="bs-muted">Backstory stores them in this browser only. Nothing you save leaves your computer.</p>
        </section>
      ) : (
        <>
          <SearchBar filters={filters} setFilters={setFilters} choices={choices} />
          {data.pages.length > 0 && !filtering && (
            <SavedPages pages={data.pages} onOpen={deps.openPage} onRead={(p, read) => act(() => deps.store.setPageRead(p.url, read), 'Not changed')} onRemove={removePage} />
          )}
          <section aria-labelledby="hl-heading">
            <h2 id="hl-heading" class="rl-section-title">
              Highlights <span class="bs-muted">({filtering ? `${shown.length} of ${data.highlights.length}` : data.highlights.length})</span>
            </h2>
            {filtering && shown.length === 0 && <p class="bs-muted" data-testid="no-results">No highlight matches.</p>}
            {groups.map((g) => (
              <article class="rl-page" key={g.url} data-testid="page-group">
                <h3 class="rl-page-title">
                  <a href={g.url} target="_blank" rel="noopener noreferrer">
                    {g.title || g.url}
                  </a>
                </h3>
                <p class="bs-muted rl-host">{hostOf(g.url)}</p>
                {g.highlights.map((h) => (
                  <HighlightItem key={h.id} h={h} deps={deps} act={act} onDelete={() => remove(h)} />
                ))}
              </article>
            ))}
          </section>
          {orphans.length > 0 && (
            <section aria-labelledby="orphan-heading" class="rl-orphans" data-testid="orphans">
              <h2 id="orphan-heading" class="rl-section-title">Not found on their pages</h2>
              <p class="bs-muted">
                These quotes were not on their page when you last opened it: the article may have been edited. They are kept here, and never
                painted on other text.
              </p>
              {orphans.map((h) => (
                <HighlightItem key={h.id} h={h} deps={deps} act={act} onDelete={() => remove(h)} showPage />
              ))}
            </section>
          )}
        </>
      )}

      {undo && (
        <div class="rl-toast" role="status" data-testid="undo-toast">
          <span>{undo.label}</span>
          <button
            type="button"
            class="bs-button"
            onClick={() => {
              const u = undo;
              setUndo(null);
              void act(u.run, 'Undo failed');
            }}
          >
            Undo
          </button>
        </div>
      )}
    </main>
  );
}

function SearchBar({ filters, setFilters, choices }: { filters: Filters; setFilters: (f: Filters) => void; choices: ReturnType<typeof filterChoices> }) {
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  return (
    <div class="rl-search" role="search">
      <label class="rl-field rl-query">
        <span>Search</span>
        <input type="search" value={filters.query} placeholder="Quote, note, tag or name" data-testid="search" onInput={(e) => set({ query: e.currentTarget.value })} />
      </label>
      <label class="rl-field">
        <span>Name</span>
        <select value={filters.entity} onChange={(e) => set({ entity: e.currentTarget.value })} data-testid="filter-entity">
          <option value="">All</option>
          {choices.entities.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} ({e.count})
            </option>
          ))}
        </select>
      </label>
      <label class="rl-field">
        <span>Year</span>
        <select value={filters.year} onChange={(e) => set({ year: e.currentTarget.value })} data-testid="filter-year">
          <option value="">All</option>
          {choices.years.map((y) => (
            <option key={y.year} value={y.year}>
              {y.year} ({y.count})
            </option>
          ))}
        </select>
      </label>
      <label class="rl-field">
        <span>Tag</span>
        <select value={filters.tag} onChange={(e) => set({ tag: e.currentTarget.value })} data-testid="filter-tag">
          <option value="">All</option>
          {choices.tags.map((t) => (
            <option key={t.tag} value={t.tag}>
              {t.tag} ({t.count})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function SavedPages({
  pages,
  onOpen,
  onRead,
  onRemove,
}: {
  pages: SavedPage[];
  onOpen: (url: string) => void;
  onRead: (p: SavedPage, read: boolean) => void;
  onRemove: (p: SavedPage) => void;
}) {
  const ordered = [...pages].sort((a, b) => Number(a.read) - Number(b.read) || b.savedAt - a.savedAt);
  return (
    <section aria-labelledby="pages-heading" data-testid="saved-pages">
      <h2 id="pages-heading" class="rl-section-title">
        To read <span class="bs-muted">({pages.filter((p) => !p.read).length} unread)</span>
      </h2>
      <ul class="rl-pages">
        {ordered.map((p) => (
          <li key={p.url} class={p.read ? 'is-read' : ''}>
            <button type="button" class="link-like" onClick={() => onOpen(p.url)}>
              {p.title || p.url}
            </button>
            <span class="bs-muted"> · {hostOf(p.url)} · saved {dateTime(p.savedAt)}</span>
            <span class="rl-actions">
              <button type="button" class="bs-button small" onClick={() => onRead(p, !p.read)}>
                {p.read ? 'Mark unread' : 'Mark read'}
              </button>
              <button type="button" class="bs-button small" onClick={() => onRemove(p)} aria-label={`Remove “${p.title || p.url}” from the list`}>
                Remove
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function HighlightItem({
  h,
  deps,
  act,
  onDelete,
  showPage = false,
}: {
  h: Highlight;
  deps: ReadingListDeps;
  act: (fn: () => Promise<unknown>, what: string) => Promise<void>;
  onDelete: () => void;
  showPage?: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(h.note);
  const [tags, setTags] = useState(h.tags.join(', '));
  const save = () =>
    act(async () => {
      await deps.store.updateHighlight(h.id, { note, tags: parseTags(tags) });
      setEditing(false);
    }, 'Your edit was not saved');
  return (
    <div class="rl-item" data-testid="highlight" data-id={h.id}>
      <blockquote class="rl-quote">{h.quote.exact}</blockquote>
      {showPage && (
        <p class="bs-muted">
          From <a href={h.url} target="_blank" rel="noopener noreferrer">{h.title || h.url}</a>
        </p>
      )}
      {editing ? (
        <form
          class="rl-edit"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label class="rl-field">
            <span>Note</span>
            <textarea value={note} rows={3} onInput={(e) => setNote(e.currentTarget.value)} data-testid="edit-note" />
          </label>
          <label class="rl-field">
            <span>Tags, separated by commas</span>
            <input type="text" value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
          </label>
          <div class="rl-actions">
            <button type="submit" class="bs-button primary">
              Save
            </button>
            <button
              type="button"
              class="bs-button"
              onClick={() => {
                setNote(h.note);
                setTags(h.tags.join(', '));
                setEditing(false);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          {h.note && <p class="rl-note" data-testid="note">{h.note}</p>}
          {h.tags.length > 0 && (
            <ul class="rl-tags" aria-label="Tags">
              {h.tags.map((t) => (
                <li key={t}>#{t}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <p class="rl-meta bs-muted">
        {dateTime(h.createdAt)}
        {h.entities.length > 0 && <> · {h.entities.map((e) => e.name).join(', ')}</>}
      </p>
      {!editing && (
        <div class="rl-actions">
          <button type="button" class="bs-button small" onClick={() => void act(() => deps.openHighlight(h.id), 'The page could not be opened')}>
            Open on page
          </button>
          <button type="button" class="bs-button small" onClick={() => setEditing(true)}>
            Edit note
          </button>
          <button type="button" class="bs-button small danger" onClick={onDelete} aria-label={`Delete highlight “${h.quote.exact.slice(0, 40)}”`}>
            Delete
          </button>
        </div>
      )}
    </div>
  );
}

function importSummary(name: string, r: ImportResult): string {
  const total = r.added + r.updated + r.unchanged;
  if (total === 0) return `“${name}” holds no highlights or pages.`;
  return `Imported “${name}”: ${r.added} new, ${r.updated} updated, ${r.unchanged} already here.`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
