import type { PageFacts } from '../core/detect/detector';

/** Meta tags news sites put their publication date in, most specific first. */
const PUBLISHED_META = [
  'meta[property="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="article:published_time"]',
  'meta[name="pubdate"]',
  'meta[name="publish-date"]',
  'meta[name="publishdate"]',
  'meta[name="parsely-pub-date"]',
  'meta[name="dc.date.issued"]',
  'meta[name="DC.date.issued"]',
  'meta[name="date"]',
];

/** A date the page gives as its own: it must begin with a full day ("2025-11-29", "2025-11-29T19:53:00+02:00"). */
const DAY_FIRST = /^\d{4}-\d{2}-\d{2}(?:$|[T\s])/;

/** JSON-LD blocks larger than this are not read (no news page needs more for its own metadata). */
const MAX_JSON_LD = 200_000;

/** What a page says about itself: its publication date and language. Reads, never writes. */
export function pageFactsOf(doc: Document): PageFacts {
  const published = fromMeta(doc) ?? fromJsonLd(doc) ?? fromMarkup(doc);
  const lang = doc.documentElement?.getAttribute('lang') || undefined;
  return {
    ...(published ? { publishedAt: published } : {}),
    ...(lang && lang.length <= 35 ? { lang } : {}),
  };
}

function usable(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  return v && v.length <= 64 && DAY_FIRST.test(v) ? v : undefined;
}

function fromMeta(doc: Document): string | undefined {
  for (const selector of PUBLISHED_META) {
    const v = usable(doc.querySelector(selector)?.getAttribute('content'));
    if (v) return v;
  }
  return undefined;
}

/** schema.org metadata: `"datePublished"` of the page's article, in any JSON-LD block or @graph. */
function fromJsonLd(doc: Document): string | undefined {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const source = script.textContent ?? '';
    if (source.length > MAX_JSON_LD) continue;
    let data: unknown;
    try {
      data = JSON.parse(source);
    } catch {
      continue; // A broken block says nothing; the others may.
    }
    const found = datePublishedIn(data, 0);
    if (found) return found;
  }
  return undefined;
}

function datePublishedIn(data: unknown, depth: number): string | undefined {
  if (depth > 4 || data === null || typeof data !== 'object') return undefined;
  if (Array.isArray(data)) {
    for (const item of data.slice(0, 50)) {
      const v = datePublishedIn(item, depth + 1);
      if (v) return v;
    }
    return undefined;
  }
  const record = data as Record<string, unknown>;
  const own = typeof record.datePublished === 'string' ? usable(record.datePublished) : undefined;
  return own ?? datePublishedIn(record['@graph'], depth + 1);
}

/** Microdata or a <time> in the markup: `itemprop="datePublished"`, else the first <time datetime>. */
function fromMarkup(doc: Document): string | undefined {
  const marked = doc.querySelector('[itemprop="datePublished"]');
  const v = usable(marked?.getAttribute('datetime') ?? marked?.getAttribute('content'));
  return v ?? usable(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
}
