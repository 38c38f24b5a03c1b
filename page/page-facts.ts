import type { PageFacts } from '../core/detect/detector';

/** What a page says about itself: its publication date and language. Reads, never writes. */
export function pageFactsOf(doc: Document): PageFacts {
  const published =
    doc.querySelector('meta[property="article:published_time"]')?.getAttribute('content') ??
    doc.querySelector('meta[name="date"], meta[itemprop="datePublished"]')?.getAttribute('content') ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const lang = doc.documentElement?.getAttribute('lang') || undefined;
  return {
    ...(published && published.length <= 64 ? { publishedAt: published } : {}),
    ...(lang && lang.length <= 35 ? { lang } : {}),
  };
}
