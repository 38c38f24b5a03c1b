/**
 * The reading list's logic, without the UI: grouping by page, the filters' choices, filtering,
 * and full-text search over quotes, notes, tags, entity names and page titles (MiniSearch).
 */
import MiniSearch from 'minisearch';
import type { Highlight } from './types';

export interface PageGroup {
  url: string;
  title: string;
  /** Newest first. */
  highlights: Highlight[];
  /** When the newest highlight of the page was saved. */
  latest: number;
}

/** Highlights grouped by page; pages with the newest highlight first, highlights newest first. */
export function groupByPage(highlights: Highlight[]): PageGroup[] {
  const groups = new Map<string, PageGroup>();
  for (const h of highlights) {
    let g = groups.get(h.url);
    if (!g) groups.set(h.url, (g = { url: h.url, title: h.title, highlights: [], latest: 0 }));
    g.highlights.push(h);
    if (h.createdAt >= g.latest) {
      g.latest = h.createdAt;
      if (h.title) g.title = h.title;
    }
  }
  const out = [...groups.values()];
  for (const g of out) g.highlights.sort((a, b) => b.createdAt - a.createdAt);
  return out.sort((a, b) => b.latest - a.latest);
}

/** The year a highlight's date falls in, for the date filter ("1945"); null when it has none. */
export function yearOf(edtf: string): string | null {
  const m = /^(-?\d{4})/.exec(edtf);
  return m ? m[1] : null;
}

export interface FilterChoices {
  entities: { id: string; name: string; count: number }[];
  years: { year: string; count: number }[];
  tags: { tag: string; count: number }[];
}

/** What the filters can offer: every entity, year and tag that occurs, most used first. */
export function filterChoices(highlights: Highlight[]): FilterChoices {
  const entities = new Map<string, { id: string; name: string; count: number }>();
  const years = new Map<string, number>();
  const tags = new Map<string, number>();
  for (const h of highlights) {
    for (const e of h.entities) {
      const got = entities.get(e.id);
      if (got) got.count++;
      else entities.set(e.id, { id: e.id, name: e.name, count: 1 });
    }
    for (const y of new Set(h.dates.map((d) => yearOf(d.edtf)).filter((y): y is string => !!y))) years.set(y, (years.get(y) ?? 0) + 1);
    for (const t of h.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
  }
  const byCount = <T extends { count: number }>(key: (x: T) => string) => (a: T, b: T) => b.count - a.count || key(a).localeCompare(key(b));
  return {
    entities: [...entities.values()].sort(byCount((e) => e.name)),
    years: [...years].map(([year, count]) => ({ year, count })).sort((a, b) => a.year.localeCompare(b.year)),
    tags: [...tags].map(([tag, count]) => ({ tag, count })).sort(byCount((t) => t.tag)),
  };
}

export interface Filters {
  query: string;
  entity: string;
  year: string;
  tag: string;
}

export const NO_FILTERS: Filters = { query: '', entity: '', year: '', tag: '' };

/** A search index over the highlights; `search` returns matching ids, best first. */
export function searchIndex(highlights: Highlight[]) {
  const index = new MiniSearch<{ id: string; quote: string; note: string; tags: string; entities: string; title: string }>({
    fields: ['quote', 'note', 'tags', 'entities', 'title'],
    searchOptions: { boost: { note: 2, entities: 2, tags: 1.5 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
  });
  index.addAll(
    highlights.map((h) => ({
      id: h.id,
      quote: h.quote.exact,
      note: h.note,
      tags: h.tags.join(' '),
      entities: h.entities.map((e) => e.name).join(' · '),
      title: h.title,
    })),
  );
  return { search: (query: string): string[] => index.search(query).map((r) => String(r.id)) };
}

/** The highlights that pass the filters; with a query, in order of relevance. */
export function applyFilters(highlights: Highlight[], filters: Filters, index = searchIndex(highlights)): Highlight[] {
  const pass = (h: Highlight) =>
    (!filters.entity || h.entities.some((e) => e.id === filters.entity)) &&
    (!filters.year || h.dates.some((d) => yearOf(d.edtf) === filters.year)) &&
    (!filters.tag || h.tags.includes(filters.tag));
  if (!filters.query.trim()) return highlights.filter(pass);
  const byId = new Map(highlights.map((h) => [h.id, h]));
  return index
    .search(filters.query.trim())
    .map((id) => byId.get(id))
    .filter((h): h is Highlight => !!h && pass(h));
}
