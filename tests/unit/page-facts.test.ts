// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pageFactsOf } from '../../page/page-facts';

function pageWith(head: string, body = '<p>Text</p>'): Document {
  return new DOMParser().parseFromString(`<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`, 'text/html');
}

describe('pageFactsOf', () => {
  it('reads the publication date from the usual meta tags', () => {
    expect(pageFactsOf(pageWith('<meta property="article:published_time" content="2023-06-24T08:00:00Z">'))).toEqual({ publishedAt: '2023-06-24T08:00:00Z', lang: 'en' });
    expect(pageFactsOf(pageWith('<meta name="parsely-pub-date" content="2024-02-15T06:00:00+02:00">')).publishedAt).toBe('2024-02-15T06:00:00+02:00');
  });

  it('reads schema.org JSON-LD, in a list or an @graph, and skips a broken block', () => {
    const broken = '<script type="application/ld+json">{"datePublished": </script>';
    const graph = '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2025-05-09T10:00:00+03:00"}]}</script>';
    expect(pageFactsOf(pageWith(broken + graph)).publishedAt).toBe('2025-05-09T10:00:00+03:00');
    const list = '<script type="application/ld+json">[{"@type":"NewsArticle","datePublished":"2022-08-15"}]</script>';
    expect(pageFactsOf(pageWith(list)).publishedAt).toBe('2022-08-15');
  });

  it('falls back to microdata and <time>, and ignores what is not a date', () => {
    expect(pageFactsOf(pageWith('', '<span itemprop="datePublished" content="2021-03-01">1 March</span>')).publishedAt).toBe('2021-03-01');
    expect(pageFactsOf(pageWith('', '<time datetime="2020-01-02">2 January</time>')).publishedAt).toBe('2020-01-02');
    expect(pageFactsOf(pageWith('<meta name="date" content="yesterday">', '<p>No time here</p>')).publishedAt).toBeUndefined();
  });
});
