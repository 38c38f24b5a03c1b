import { describe, expect, it } from 'vitest';
import { edtfInWords, entityDates, yearsBefore, yearsPhrase } from '../../core/cards/format-dates';

describe('dates in words', () => {
  it.each([
    ['1945-08-09', 'Thursday, 9 August 1945'],
    ['1945-02', 'February 1945'],
    ['1945-21', 'spring 1945'],
    ['1945', '1945'],
    ['193X', 'the 1930s'],
    ['18XX', 'the 19th century'],
    ['1945-02-04/1945-02-11', '4–11 February 1945'],
    ['1943-11-28/1943-12-01', '28 November – 1 December 1943'],
    ['1945-08/1945-09', 'August–September 1945'],
    ['1904/1905', '1904–1905'],
    ['1936/1939', '1936–1939'],
    ['1945-08-08T17:00+03:00', 'Wednesday, 8 August 1945, 17:00 (UTC+03:00)'],
    ['1904~', 'c. 1904'],
    ['1906?', '1906?'],
    ['1941-06-22', 'Sunday, 22 June 1941'],
  ])('%s → %s', (edtf, words) => {
    expect(edtfInWords(edtf, { weekday: true })).toBe(words);
  });

  it('refuses what it cannot read', () => {
    expect(edtfInWords('August 1945')).toBeNull();
    expect(edtfInWords('1945-02-30')).toBeNull();
  });
});

describe('entity dates', () => {
  it('gives a lifespan with the age', () => {
    expect(entityDates({ type: 'person', born: '1878-12-18', died: '1953-03-05' })).toBe('18 December 1878 – 5 March 1953 (aged 74)');
    expect(entityDates({ type: 'person', born: '1906?' })).toBe('born 1906?');
  });

  it('gives spans and single dates', () => {
    expect(entityDates({ type: 'conference', start: '1945-02-04', end: '1945-02-11' })).toBe('4–11 February 1945');
    expect(entityDates({ type: 'treaty', date: '1941-04-13' })).toBe('13 April 1941');
    expect(entityDates({ type: 'state', start: '1991-08-24' })).toBe('from 24 August 1991');
    expect(entityDates({ type: 'place' })).toBeNull();
  });
});

describe('years before', () => {
  it('counts whole years to the article', () => {
    expect(yearsBefore('1945-08-09', '2025-11-29')).toBe(80);
    expect(yearsBefore('1945-02-04/1945-02-11', '2025-01-01')).toBe(79);
    expect(yearsBefore('2026-01-01', '2025-11-29')).toBeNull();
    expect(yearsPhrase(80, 'before this article')).toBe('80 years before this article');
    expect(yearsPhrase(1, 'ago')).toBe('1 year ago');
  });
});
